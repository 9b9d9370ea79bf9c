"""What the archive already knows, handed to extraction so that it needs no database."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from articles.folding import WORDS, fold, words_key

MAX_NAME_WORDS = 6
# Places whose names hold a country's name or demonym without being about that country:
# matched first (longest wins) and then passed over.
NOT_COUNTRIES = (
    "latin america", "south america", "north america", "central america", "latin american",
    "south american", "north american", "central american", "new mexico", "new jersey",
    "indian ocean", "persian gulf",
)


class CharacterFolding(dict):
    """str.translate's table for fold_in_place, filled in as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        self[code] = folded if len(folded) == 1 else chr(code).lower()
        return self[code]


FOLDING = CharacterFolding()


def fold_in_place(text: str) -> str:
    """fold(), keeping every character where it was, so that positions still match:
    one str.translate, not a function call per character."""
    return text.translate(FOLDING)


@lru_cache(maxsize=8)
def folded_words(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """The folded words of a text and where each is: one pass per text, however many
    tables (organisations, countries) are looked up in it."""
    matches = list(WORDS.finditer(fold_in_place(text)))
    return tuple(map(re.Match.group, matches)), tuple(map(re.Match.span, matches))


def mentions(text: str, table: dict, first_words: set) -> list[tuple[int, int, object]]:
    """(start, end, value) of each longest run of words in `text` that is a key of `table`;
    `first_words` (the first word of every key) lets most words be passed over at once."""
    if not first_words:
        return []
    words, spans = folded_words(text)
    found, free_from = [], 0
    for position in [i for i, word in enumerate(words) if word in first_words]:
        if position < free_from:
            continue
        for length in range(min(MAX_NAME_WORDS, len(words) - position), 0, -1):
            key = words[position:position + length]
            if key in table:
                found.append((spans[position][0], spans[position + length - 1][1], table[key]))
                free_from = position + length
                break
    return found



@dataclass(frozen=True)
class KnownOrganization:
    name: str
    aliases: tuple[str, ...] = ()


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
        self.organization_by_name, self.organization_by_words = {}, {}
        self.organization_first_words = set()
        for organization in self.organizations:
            self.index_organization(organization)
        self.person_by_name, self.person_by_words = {}, {}
        self.person_first_words = set()
        for person in self.people:
            self.index_person(person)
        self.country_by_name = {}
        self.country_words = set()
        for country in self.countries:
            for name in (*country.names, *country.demonyms):
                self.country_by_name.setdefault(fold(name), country.code)
                self.country_words.add(fold(name))
        for region in NOT_COUNTRIES:
            self.country_by_name.setdefault(region, None)
        self.country_by_words = {}
        for name, code in self.country_by_name.items():
            self.country_by_words.setdefault(words_key(name), code)
        self.country_first_words = {key[0] for key in self.country_by_words if key}
        self.sectors_by_keyword = {}
        for sector in self.sectors:
            for keyword in sector.keywords:
                self.sectors_by_keyword.setdefault(fold(keyword), []).append(sector)
        keywords = "|".join(re.escape(k) for k in sorted(self.sectors_by_keyword, key=len,
                                                                reverse=True))
        self.sector_regex = re.compile(rf"(?<!\w)({keywords})(?:s|es)?(?!\w)") if keywords \
            else None

    def index_organization(self, organization: KnownOrganization) -> None:
        for name in (organization.name, *organization.aliases):
            self.organization_by_name.setdefault(fold(name), organization)
            if words_key(name):
                self.organization_by_words.setdefault(words_key(name), organization)
                self.organization_first_words.add(words_key(name)[0])

    def index_person(self, person: KnownPerson) -> None:
        for name in (person.name, *person.aliases):
            self.person_by_name.setdefault(fold(name), person)
            if words_key(name):
                self.person_by_words.setdefault(words_key(name), person)
                self.person_first_words.add(words_key(name)[0])

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
