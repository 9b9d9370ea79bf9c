"""The companies, speakers, roles and sources an import names: found or created in bulk.

Each kind is looked up with one query per batch of articles and the new ones are created
with one insert (and one for their history). Entities are remembered for the rest of the
import so that each is fetched once; what a batch creates is remembered only once that
batch has committed, so a rolled-back batch leaves nothing behind in memory either.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from articles.extraction import Gazetteer, KnownOrganization, KnownPerson
from articles.folding import fold
from articles.models import Company, Source, Speaker, SpeakerRole, unique_slugs


@dataclass(frozen=True)
class WantedCompany:
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = Company.Kind.COMPANY
    country_id: str | None = None


@dataclass(frozen=True)
class SeenRole:
    speaker: Speaker
    title: str
    organization: Company | None
    day: date

    @property
    def key(self) -> tuple:
        return (self.speaker.pk, self.title.casefold(),
                self.organization.pk if self.organization else None)


def same_spelling(names: dict) -> dict:
    """The same name however a batch's articles print it (BOTAŞ, Botas, BOTAS): the first
    spelling, so that one batch does not create two entities."""
    first = {}
    return {key: first.setdefault(fold(name), name) for key, name in names.items()}


class EntityResolver:
    def __init__(self, gazetteer: Gazetteer | None):
        self.gazetteer = gazetteer
        self.known: dict[tuple, object] = {}
        self.uncommitted: dict[tuple, object] = {}

    def committed(self) -> None:
        self.known.update(self.uncommitted)
        self.uncommitted = {}

    def rolled_back(self) -> None:
        self.uncommitted = {}

    def remembered(self, key: tuple):
        return self.uncommitted.get(key) or self.known.get(key)

    # --- companies -------------------------------------------------------------------------

    def canonical_organization(self, wanted: WantedCompany) -> str:
        """The archive's name for an organisation known under any of these names."""
        if self.gazetteer:
            for candidate in (wanted.name, *wanted.aliases):
                known = self.gazetteer.organization(candidate)
                if known:
                    return known.name
        return wanted.name

    def companies(self, wanted: list[WantedCompany]) -> dict[str, Company]:
        """Each wanted organisation by the name asked for: matched by name or alias, else a
        new unreviewed one; aliases not yet recorded are added to it."""
        canonical = same_spelling({item: self.canonical_organization(item) for item in wanted})
        found = self.fetch("company", Company, set(canonical.values()))
        new = {}
        for item, name in canonical.items():
            if name not in found and name not in new:
                new[name] = Company(name=name, aliases=list(item.aliases), kind=item.kind,
                                    country_id=item.country_id, is_reviewed=False)
        self.create("company", Company, new)
        found.update(new)
        for organization in new.values():
            if self.gazetteer:
                self.gazetteer.add_organization(
                    KnownOrganization(organization.name, tuple(organization.aliases)))
        for item, name in canonical.items():
            if name not in new:
                self.add_aliases(found[name], item.aliases)
        return {item.name: found[name] for item, name in canonical.items()}

    @staticmethod
    def add_aliases(company: Company, aliases) -> None:
        recorded = {fold(name) for name in (company.name, *company.aliases)}
        fresh = [alias for alias in aliases if fold(alias) not in recorded]
        if fresh:
            company.aliases = [*company.aliases, *fresh]
            company.save(update_fields=["aliases"])

    # --- speakers and roles ----------------------------------------------------------------

    def speakers(self, names: list[str]) -> dict[str, Speaker]:
        """Each named person, by the name asked for: known by name or alias, else new."""
        canonical = {}
        for name in names:
            known = self.gazetteer.person(name) if self.gazetteer else None
            canonical[name] = known.name if known else name
        canonical = same_spelling(canonical)
        found = self.fetch("speaker", Speaker, set(canonical.values()))
        new = {name: Speaker(name=name, is_reviewed=False)
               for name in dict.fromkeys(canonical.values()) if name not in found}
        self.create("speaker", Speaker, new)
        found.update(new)
        if self.gazetteer:
            for name in new:
                self.gazetteer.add_person(KnownPerson(name, ()))
        return {name: found[person] for name, person in canonical.items()}

    def note_roles(self, seen: list[SeenRole]) -> None:
        """Record each title a speaker was seen with, widening its first/last seen dates."""
        roles = {}
        missing_speakers = set()
        for role in seen:
            known = self.remembered(("role", *role.key))
            if known:
                roles[role.key] = known
            else:
                missing_speakers.add(role.speaker.pk)
        for existing in SpeakerRole.objects.filter(speaker_id__in=missing_speakers):
            key = (existing.speaker_id, existing.title.casefold(), existing.organization_id)
            roles.setdefault(key, existing)
            self.known[("role", *key)] = roles[key]
        new, changed = {}, {}
        for role in seen:
            record = roles.get(role.key) or new.get(role.key)
            if record is None:
                new[role.key] = SpeakerRole(speaker=role.speaker, title=role.title,
                                            organization=role.organization,
                                            first_seen=role.day, last_seen=role.day)
                continue
            if record.first_seen is None or role.day < record.first_seen:
                record.first_seen = role.day
                changed[role.key] = record
            if record.last_seen is None or role.day > record.last_seen:
                record.last_seen = role.day
                changed[role.key] = record
        if new:
            bulk_create_with_history(list(new.values()), SpeakerRole)
            self.uncommitted.update({("role", *key): role for key, role in new.items()})
        changed = [role for key, role in changed.items() if key not in new]
        if changed:
            bulk_update_with_history(changed, SpeakerRole, ["first_seen", "last_seen"])

    # --- sources ---------------------------------------------------------------------------

    def source(self, name: str) -> Source:
        key = ("source", name)
        source = self.remembered(key)
        if source is None:
            source = Source.objects.filter(name=name).first()
            if source is None:
                source, created = Source.objects.get_or_create(
                    slug=slugify(name)[:200] or "source", defaults={"name": name})
                (self.uncommitted if created else self.known)[key] = source
            else:
                self.known[key] = source
        return source

    # --- shared ----------------------------------------------------------------------------

    def fetch(self, kind: str, model, names: set[str]) -> dict[str, object]:
        """Entities with these exact names: from memory, the rest in one query."""
        found = {}
        for name in names:
            entity = self.remembered((kind, name))
            if entity:
                found[name] = entity
        missing = names - found.keys()
        if missing:
            for entity in model.objects.filter(name__in=missing).order_by("pk"):
                if entity.name not in found:
                    found[entity.name] = entity
                    self.known[(kind, entity.name)] = entity
        return found

    def create(self, kind: str, model, new: dict[str, object]) -> None:
        if not new:
            return
        entities = list(new.values())
        for entity, slug in zip(entities, unique_slugs(model, [e.name for e in entities]),
                                strict=True):
            entity.slug = slug
        bulk_create_with_history(entities, model)
        self.uncommitted.update({(kind, name): entity for name, entity in new.items()})
