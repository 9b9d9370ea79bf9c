"""The companies, speakers, countries and sectors a search names, for the card above results.

A gazetteer of every entity's names and aliases (countries with their demonyms), folded
for case and diacritics, is kept in memory and rebuilt when an entity changes, or after
a few minutes so that other processes' changes show up too.
"""

import bisect
import difflib
import time
from dataclasses import dataclass

from articles.caching import versioned
from articles.folding import words_key
from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Speaker,
    SpeakerRole,
    Statement,
    listed_q,
)

MAX_CARDS = 3
LONGEST_NAME = 6
GAZETTEER_SECONDS = 300
CARD_SECONDS = 300
_cache: dict = {}


@dataclass(frozen=True)
class EntityCard:
    kind: str
    entity: object
    facts: list[str]
    count: int
    counted: str

    @property
    def count_label(self) -> str:
        return f"{self.count} {self.counted}{'' if self.count == 1 else 's'}"


def invalidate_gazetteer(**kwargs) -> None:
    _cache.clear()


def gazetteer() -> dict[tuple[str, ...], tuple[type, int]]:
    # Not "built > now - 300": the monotonic clock may start near zero on a fresh machine.
    if "names" in _cache and time.monotonic() - _cache["built"] < GAZETTEER_SECONDS:
        return _cache["names"]
    names = {}
    # Later kinds do not override earlier ones: a company named like a country stays a country.
    sources = [
        (Country, Country.objects.values_list("pk", "name", "aliases", "demonyms")),
        (Company, Company.objects.published().values_list("pk", "name", "aliases")),
        (Speaker, Speaker.objects.published().values_list("pk", "name", "aliases")),
        (Sector, Sector.objects.values_list("pk", "name")),
    ]
    for model, rows in sources:
        for pk, name, *alias_lists in rows:
            for text in [name, *(alias for aliases in alias_lists for alias in aliases or [])]:
                key = words_key(text)
                if key and len(key) <= LONGEST_NAME:
                    names.setdefault(key, (model, pk))
    _cache.update(names=names, built=time.monotonic())
    return names


def named_in(text: str) -> list[tuple[type, int]]:
    """The entities whose names appear in `text`, longest names first, left to right."""
    words = words_key(text)
    names = gazetteer()
    found, position = [], 0
    while position < len(words):
        for length in range(min(LONGEST_NAME, len(words) - position), 0, -1):
            entity = names.get(words[position:position + length])
            if entity:
                if entity not in found:
                    found.append(entity)
                position += length
                break
        else:
            position += 1
    return found


def characters(word: str) -> str:
    return "digits" if word.isdigit() else "mixed" if any(c.isdigit() for c in word) else "letters"


# A word of digits shares no character with one of letters: their ratio is 0. (Numbers
# tell apart people of the same name; each is compared only with searches that have one.)
COMPARABLE = {"letters": {"letters", "mixed"}, "digits": {"digits", "mixed"},
              "mixed": {"letters", "digits", "mixed"}}


class NameWords:
    """Every word of the gazetteer's names, with the entities it names, arranged for
    "what may have been meant": in order for words that start like a searched one, and by
    length and characters for spellings close to it (difflib's ratio of two words is at
    most 2 * shorter / (sum of their lengths), so most lengths cannot reach the cutoff and
    are not compared at all). Built once a gazetteer, not on every search that found
    nothing."""

    CUTOFF = 0.75

    def __init__(self, names: dict[tuple[str, ...], tuple[type, int]]):
        self.entities_of: dict[str, list[tuple[type, int]]] = {}
        for key, entity in names.items():
            for word in key:
                self.entities_of.setdefault(word, []).append(entity)
        # Words keep the gazetteer's order where it matters (countries before companies).
        self.rank = {word: place for place, word in enumerate(self.entities_of)}
        self.in_order = sorted(self.entities_of)
        self.of_shape: dict[tuple[int, str], list[str]] = {}
        for word in self.entities_of:
            self.of_shape.setdefault((len(word), characters(word)), []).append(word)

    def starting_like(self, word: str) -> list[str]:
        start = bisect.bisect_left(self.in_order, word)
        found = []
        for known in self.in_order[start:]:
            if not known.startswith(word):
                break
            found.append(known)
        return sorted(found, key=self.rank.__getitem__)

    def spelt_close_to(self, word: str) -> list[str]:
        size, kinds = len(word), COMPARABLE[characters(word)]
        candidates = [known for (length, kind), words in self.of_shape.items()
                      if kind in kinds and 2 * min(size, length) / (size + length) >= self.CUTOFF
                      for known in words]
        return difflib.get_close_matches(word, candidates, n=3, cutoff=self.CUTOFF)


def name_words() -> NameWords:
    names = gazetteer()
    if _cache.get("words_of") is not names:
        _cache.update(words=NameWords(names), words_of=names)
    return _cache["words"]


def named_like(text: str) -> list[tuple[type, int]]:
    """The entities a word of whose names starts like, or is spelt close to, a word of
    `text` (of three letters or more): what a search that found nothing may have meant."""
    words = name_words()
    found = []
    for word in (word for word in words_key(text) if len(word) >= 3):
        for known in words.starting_like(word) + words.spelt_close_to(word):
            found.extend(entity for entity in words.entities_of[known] if entity not in found)
    return found


def entity_cards(text: str) -> list[EntityCard]:
    return cards_for(named_in(text))


def cards_for(entities: list[tuple[type, int]]) -> list[EntityCard]:
    cards = []
    for model, pk in entities[:MAX_CARDS]:
        # Counting the articles of a sector or country found in half the archive is not
        # worth doing on every search: a card is kept until the content changes.
        key = f"entity-card:{model._meta.model_name}:{pk}"
        card = versioned(key, lambda model=model, pk=pk: CARD_BUILDERS[model](pk),
                         CARD_SECONDS)
        if card:
            cards.append(card)
    return cards


def published_links(relation, **lookup):
    """Links from published articles: counted from the link table's index, not every article."""
    return relation.through.objects.filter(listed_q("article__"), **lookup)


def company_card(pk):
    company = Company.objects.published().select_related("country").filter(pk=pk).first()
    if company is None:
        return None
    parent = Company.objects.published().filter(pk=company.parent_id).first()
    facts = [f"{company.name} ({', '.join(company.aliases)})" if company.aliases else company.name]
    facts += [company.country.name] if company.country else []
    facts += [f"part of {parent.name}"] if parent else []
    count = published_links(Article.companies, company=company).count()
    return EntityCard(company.get_kind_display(), company, facts, count, "article")


def speaker_card(pk):
    speaker = Speaker.objects.published().filter(pk=pk).first()
    if speaker is None:
        return None
    role = SpeakerRole.objects.published().filter(speaker=speaker).select_related(
        "organization").first()
    facts = [speaker.name] + ([str(role)] if role else [])
    count = Statement.objects.published().filter(speaker=speaker).count()
    return EntityCard("Speaker", speaker, facts, count, "statement")


def country_card(pk):
    country = Country.objects.get(pk=pk)
    count = published_links(Article.countries, country=country).count()
    return EntityCard("Country", country, [country.name], count, "article")


def sector_card(pk):
    sector = Sector.objects.select_related("parent").filter(pk=pk).first()
    if sector is None:
        return None
    facts = [sector.name] + ([f"in {sector.parent.name}"] if sector.parent else [])
    family = Sector.objects.with_subsectors([sector])
    count = published_links(Article.sectors, sector__in=family).values("article").distinct().count()
    return EntityCard("Sector", sector, facts, count, "article")


CARD_BUILDERS = {Company: company_card, Speaker: speaker_card, Country: country_card,
                 Sector: sector_card}
