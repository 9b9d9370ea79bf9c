"""Organisations named in a text, and the kind each one's name suggests.

    known names and aliases, "Full Name (ABBR)", names ending in a corporate form,
    "drone maker Baykar", "Ministry of Defence", acronyms (NATO, UEC)
"""

import re
from dataclasses import dataclass, field

from articles.extraction.gazetteer import MAX_NAME_WORDS, Gazetteer, mentions
from articles.extraction.people import looks_like_name
from articles.extraction.words import (
    CAPITALIZED,
    CORPORATE_FORMS,
    NOT_NAME_WORDS,
    PORTFOLIO_WORDS,
    TITLE_WORDS,
    UPPER,
)
from articles.folding import ascii_fold, fold, words_key

# "MOSCOW, March 5 (Reuters) - ", "NEW DELHI (Reuters) - ", "NEW DELHI — ",
# "MOSCOW, April 10. /TASS/."
DATELINE = re.compile(
    r"[A-Z]{3,}(?:[ ][A-Z]{3,})*(?:,[^\n]{0,40}?|\s*\([^()\n]{1,20}\))?"
    r"(?:\s+[-–—]\s|\.\s*/[A-Z\-]+/\.)")

# "the IDEF fair": an acronym naming an event.
EVENT_AFTER = re.compile(r"\s+(?:fair|exhibition|expo|summit|forum|conference|show|festival|"
                         r"exercises?|drills|talks|format|project|program|programme)\b",
                         re.IGNORECASE)

# Acronyms of things, not of organisations.
NOT_ORGANIZATION_ACRONYMS = {
    "LNG", "LPG", "CNG", "GDP", "UAV", "UAVs", "UCAV", "ICBM", "SAM", "MW", "GW", "GWh",
    "TWh", "BCM", "USD", "EUR", "VAT", "COVID", "CEO", "CFO", "COO", "CTO", "NPP", "HPP",
    "TPP", "SMR", "FOB", "CIF",
}

DESCRIPTIONS = (
    r"company|maker|manufacturer|producer|exporter|importer|firm|giant|operator|shipbuilder|"
    r"contractor|conglomerate|utility|supplier|developer|carrier|monopoly|corporation"
)

NEWS_AGENCIES = {
    "reuters", "associated press", "ap", "afp", "agence france-presse", "tass", "ria novosti",
    "ria", "interfax", "anadolu agency", "anadolu", "aa", "xinhua", "bloomberg", "dpa", "ansa",
    "efe", "kyodo", "yonhap", "irna", "trend", "apa", "sputnik", "ihlas news agency", "bta",
}
ALLIANCES = {
    "nato", "north atlantic treaty organization", "european union", "eu", "united nations", "un",
    "opec", "opec+", "csto", "collective security treaty organization", "sco",
    "shanghai cooperation organization", "brics", "g7", "g20", "african union", "asean", "iaea",
    "international atomic energy agency", "organization of turkic states", "gulf cooperation "
    "council", "gcc", "commonwealth of independent states", "cis", "eurasian economic union",
    "international energy agency", "iea", "world bank", "imf", "international monetary fund",
}
GOVERNMENT = re.compile(
    r"\b(?:ministry|ministries|department|presidency|government|kremlin|parliament|senate|"
    r"congress|embassy|consulate|armed forces|army|navy|air force|federal service|"
    r"cabinet|directorate|state duma|white house|pentagon|defense agency|defence agency|"
    r"commission|council|agency)\b"
)
RESEARCH_AND_OTHER = re.compile(
    r"\b(?:institute|university|center|centre|foundation|academy|school|think tank)\b"
)


def organization_kind(name: str) -> str:
    folded = fold(name)
    if folded in NEWS_AGENCIES or re.search(r"\bnews agency\b|\bpress agency\b", folded):
        return "news_agency"
    if folded in ALLIANCES or re.search(r"\balliance\b|\btreaty organi[sz]ation\b", folded):
        return "alliance"
    if GOVERNMENT.search(folded) or folded.startswith(("presidency of", "ministry of")):
        return "government"
    if RESEARCH_AND_OTHER.search(folded):
        return "other"
    return "company"


@dataclass
class Organization:
    name: str
    aliases: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return organization_kind(self.name)


def initials(words: list[str]) -> str:
    return "".join(word[0] for word in words if word[0].isupper()).upper()


class OrganizationFinder:
    """Organisations named in a text: known ones, `Full Name (ABBR)`, corporate forms."""

    def __init__(self, text: str, gazetteer: Gazetteer):
        self.text = text
        self.gazetteer = gazetteer
        self.found: dict[str, Organization] = {}
        # Every folded name and alias of what was found: looked up, not searched for.
        self.by_name: dict[str, Organization] = {}

    def add(self, name: str, aliases=()) -> Organization | None:
        name = name.strip(" ,.;:")
        if not name or fold(name) in self.gazetteer.country_words:
            return None
        known = self.gazetteer.organization(name)
        canonical = known.name if known else name
        organization = self.by_name.get(fold(canonical))
        if organization is None:
            organization = Organization(canonical, list(known.aliases) if known else [])
            self.found[fold(canonical)] = organization
            for each in (canonical, *organization.aliases):
                self.by_name.setdefault(fold(each), organization)
        for alias in aliases:
            if alias and fold(alias) not in {fold(n) for n in (organization.name,
                                                               *organization.aliases)}:
                organization.aliases.append(alias)
                self.by_name.setdefault(fold(alias), organization)
        return organization

    def named(self, phrase: str) -> Organization | None:
        """The organisation this phrase names exactly, found in the text or known."""
        organization = self.by_name.get(fold(phrase))
        if organization:
            return organization
        known = self.gazetteer.organization(phrase)
        return self.add(known.name) if known else None

    def from_phrase(self, phrase: str) -> Organization | None:
        """The organisation at the end of a phrase such as "Russian state-run company Rostec"."""
        phrase = phrase.strip(" ,")
        abbreviation = re.search(r"\(([^()]{1,15})\)\s*$", phrase)
        aliases = [abbreviation.group(1)] if abbreviation else []
        phrase = re.sub(r"\s*\([^()]*\)\s*$", "", phrase)
        words = words_key(phrase)
        for start in range(max(0, len(words) - MAX_NAME_WORDS), len(words)):
            known = self.gazetteer.organization_by_words.get(words[start:])
            if known:
                return self.add(known.name, aliases)
        run = re.search(rf"((?:{CAPITALIZED}(?:\s+(?:of|for|and|&|de)\s+|\s+))*{CAPITALIZED})$",
                        phrase)
        if not run:
            return None
        words = self.without_lead_in(run.group(1).split(), named_as_such=True)
        return self.add(" ".join(words), aliases) if words else None

    def without_lead_in(self, words: list[str], named_as_such=False) -> list[str]:
        """A name's words without what leads into it: "the", an owner ("Russia's United
        Engine Corporation"), a place ("Baku-based"), a nationality before a one-word name
        ("Russian Energy"). A nationality before a longer name is part of it ("Turkish
        Defense Ministry"), and before any name `named_as_such` ("head of Russian
        Helicopters")."""
        while words:
            first = fold(words[0])
            shortest = 2 if named_as_such else 3
            nationality = first in self.gazetteer.country_words and not (
                len(words) >= shortest and all(w[:1].isupper() for w in words[1:shortest]))
            if first in NOT_NAME_WORDS or words[0].endswith(("'s", "’s", "-based")) \
                    or nationality:
                words = words[1:]
            else:
                return words
        return words

    def scan(self) -> None:
        """Known names and aliases, `Full Name (ABBR)`, names ending in a corporate form."""
        for _, _, known in mentions(self.text, self.gazetteer.organization_by_words,
                                    self.gazetteer.organization_first_words):
            self.add(known.name)
        for match in re.finditer(
            rf"((?:{CAPITALIZED}\s+(?:(?:of|for|and|&|de|on)\s+)?)*{CAPITALIZED})"
            rf"\s+\(({UPPER}[\wÀ-ž&\-]{{1,11}})\)", self.text
        ):
            full, abbreviation = match.group(1), match.group(2)
            # Not "NEW DELHI (Reuters) -": an abbreviation has capitals, and no dateline.
            if sum(c.isupper() for c in abbreviation) < 2 or self.in_dateline(match.start()):
                continue
            words = full.split()
            # A country that the abbreviation spells stays: Israel Aerospace Industries (IAI).
            if not initials(words).startswith(abbreviation.upper()):
                words = self.without_lead_in(words)
            if len(words) >= 2:
                self.add(" ".join(words), [abbreviation])
        forms = "|".join(CORPORATE_FORMS)
        for match in re.finditer(
            rf"((?:{CAPITALIZED}\s+)+(?:{forms}))(?![\w])", self.text
        ):
            # "Baku Energy Week": the name goes on, and is not a company's.
            going_on = re.match(r"\s+([A-Z][a-z][\w\-]*)", self.text[match.end():])
            if going_on and fold(going_on.group(1)) not in TITLE_WORDS:
                continue
            words = self.without_lead_in(match.group(1).split())
            if len(words) >= 2 and not self.gazetteer.person(" ".join(words)):
                self.add(" ".join(words))
        # "Ministry of Defence", "Department of Energy"
        for match in re.finditer(
            rf"(?<![\w])((?:Ministry|Department|Presidency|Directorate|Office)\s+(?:of|for)\s+"
            rf"(?:the\s+)?{CAPITALIZED}(?:\s+(?:(?:and|of)\s+)?{CAPITALIZED})*)", self.text
        ):
            self.add(match.group(1))
        # "drone maker Baykar", "arms exporter Rosoboronexport": a name after what it is.
        for match in re.finditer(rf"\b(?:{DESCRIPTIONS})\s+((?:{CAPITALIZED}\s+)*{CAPITALIZED})",
                                 self.text):
            name = match.group(1)
            first = fold(name.split()[0])
            if first in TITLE_WORDS or first in NOT_NAME_WORDS or self.gazetteer.person(name) \
                    or (" " in name and looks_like_name(name, self.gazetteer)):
                continue
            self.add(name)
        # Acronyms on their own (NATO, UEC): an alias of a found name, or an organisation.
        # Not titles (CEO), products (TB2) or a dateline's city ("MOSCOW, March 5 -").
        for match in re.finditer(rf"(?<![\w])({UPPER}{{2,}}[A-ZÀ-Ž\d]*)(?![\w])", self.text):
            acronym = match.group(1)
            if fold(acronym) in self.gazetteer.country_words or len(acronym) < 3 \
                    or EVENT_AFTER.match(self.text, match.end()) \
                    or acronym in NOT_ORGANIZATION_ACRONYMS \
                    or fold(acronym) in TITLE_WORDS or any(c.isdigit() for c in acronym) \
                    or self.in_dateline(match.start()):
                continue
            owner = self.owner_of(acronym)
            if owner:
                self.add(owner.name, [acronym])
            else:
                self.add(self.acronym_name(acronym, match.end()))
        self.merge_corporate_short_forms()
        for organization in self.found.values():
            for alias in list(organization.aliases):
                plain = ascii_fold(alias)
                if plain != alias and plain not in organization.aliases:
                    organization.aliases.append(plain)

    def acronym_name(self, acronym: str, end: int) -> str:
        """ "RIA Novosti", "LIG Nex1": an acronym and the name word after it; not "SOCAR
        President" or "NATO Secretary-General"."""
        following = re.match(r"[ ]+([A-Z][\w\-]*)(?![\w'’])", self.text[end:end + 40])
        if following is None:
            return acronym
        word = following.group(1)
        parts = {fold(part) for part in word.split("-")}
        if parts & (TITLE_WORDS | NOT_NAME_WORDS | PORTFOLIO_WORDS | self.gazetteer.country_words) \
                or word in CORPORATE_FORMS or word.isupper():
            return acronym
        return f"{acronym} {word}"

    def merge_corporate_short_forms(self) -> None:
        """"Goa Shipyard" beside "Goa Shipyard Limited": one company, the short form an alias."""
        key_of = {organization.name: key for key, organization in self.found.items()}
        for full in list(self.found.values()):
            short_name, _, form = full.name.rpartition(" ")
            short = self.found.get(key_of.get(short_name))
            if form in CORPORATE_FORMS and short is not None and short is not full:
                for alias in (short.name, *short.aliases):
                    if alias not in full.aliases:
                        full.aliases.append(alias)
                    self.by_name[fold(alias)] = full
                del self.found[key_of[short_name]]

    def in_dateline(self, position: int) -> bool:
        dateline = DATELINE.match(self.text, self.text.rfind("\n", 0, position) + 1)
        return dateline is not None and position < dateline.end()

    def without_names_inside_others(self) -> list[Organization]:
        """The organisations found, less a name only ever printed inside a longer one
        ("Oxford Institute" of "Oxford Institute for Energy Studies")."""
        names = {organization.name for organization in self.found.values()}
        containing: dict[str, list[str]] = {}
        for longer in names:
            words = longer.split()
            for start in range(len(words)):
                for end in range(start + 1, len(words) + 1):
                    part = " ".join(words[start:end])
                    if part != longer and part in names:
                        containing.setdefault(part, []).append(longer)
        return [
            organization for organization in self.found.values()
            if not any(self.text.count(longer) == self.text.count(organization.name)
                       for longer in containing.get(organization.name, []))
        ]

    def owner_of(self, acronym: str) -> Organization | None:
        for organization in self.found.values():
            names = (organization.name, *organization.aliases)
            if any(fold(acronym) == fold(name) for name in names):
                return organization
            words = organization.name.split()
            if fold(words[0]) == fold(acronym) and len(words) > 1:
                return organization
        return None
