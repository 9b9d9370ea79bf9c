"""What the archive already knows, handed to extraction so that it needs no database."""

import re
import unicodedata
from dataclasses import dataclass, field


def fold(text: str) -> str:
    """Case- and diacritic-blind form of a name, for matching."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class KnownOrganization:
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True)
class KnownPerson:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownCountry:
    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownSector:
    name: str
    top_level: str
    keywords: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    organizations: list[KnownOrganization] = field(default_factory=list)
    people: list[KnownPerson] = field(default_factory=list)
    countries: list[KnownCountry] = field(default_factory=list)
    sectors: list[KnownSector] = field(default_factory=list)

    def __post_init__(self):
        self.organization_by_name = {}
        for organization in self.organizations:
            self.index_organization(organization)
        self.person_by_name = {}
        for person in self.people:
            self.index_person(person)
        self.country_by_name = {}
        self.country_words = set()
        for country in self.countries:
            for name in (*country.names, *country.demonyms):
                self.country_by_name.setdefault(fold(name), country.code)
                self.country_words.add(fold(name))
        self.country_regex = self.country_pattern()

    def index_organization(self, organization: KnownOrganization) -> None:
        for name in (organization.name, *organization.aliases):
            self.organization_by_name.setdefault(fold(name), organization)

    def index_person(self, person: KnownPerson) -> None:
        for name in (person.name, *person.aliases):
            self.person_by_name.setdefault(fold(name), person)

    def add_organization(self, organization: KnownOrganization) -> None:
        """Learn an organisation found in one article, for the articles that follow."""
        self.organizations.append(organization)
        self.index_organization(organization)

    def add_person(self, person: KnownPerson) -> None:
        self.people.append(person)
        self.index_person(person)

    def organization(self, name: str) -> KnownOrganization | None:
        return self.organization_by_name.get(fold(name))

    def person(self, name: str) -> KnownPerson | None:
        return self.person_by_name.get(fold(name))

    def country_pattern(self) -> re.Pattern | None:
        names = sorted(self.country_by_name, key=len, reverse=True)
        if not names:
            return None
        alternatives = "|".join(re.escape(name) for name in names)
        return re.compile(rf"(?<![\w])({alternatives})(?:'s)?(?![\w])")
