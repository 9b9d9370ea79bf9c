"""Organisations named in a text.

    known names and aliases, "Full Name (ABBR)", names ending in what the organisation is
    ("Cheniere Marketing LLC", "European Commission"), "drone maker Baykar", "Ministry of
    Defence", armed services ("Bulgarian Navy", "U.S. 6th Fleet"), "Chairman of the Joint
    Chiefs of Staff", names listed beside a company's, acronyms (NATO, UEC)

The patterns themselves, and what only looks like a name (datelines, weapons, ships), are
in organization_patterns.py; the kind each name suggests in organization_kinds.py.
"""

import re

from articles.extraction.gazetteer import MAX_NAME_WORDS, Gazetteer, mentions
from articles.extraction.organization_kinds import Organization
from articles.extraction.organization_patterns import (
    ABBREVIATED,
    ABBREVIATION,
    ACRONYM,
    AFTER_CAPITALISED,
    AMPERSAND_NAME,
    APPOSED,
    BEFORE_FLEET,
    BEFORE_NUMBERED_UNIT,
    BEFORE_SERVICE,
    CAPITALS_AFTER,
    COORDINATED_AFTER,
    COORDINATED_BEFORE,
    DATELINE,
    DESCRIBED,
    DESIGNATION_AFTER,
    EVENT_AFTER,
    FOLLOWING_WORD,
    GOING_ON,
    HEAD_OF,
    NAME_ENDING,
    NOT_ORGANIZATION_ACRONYMS,
    OFFICE_OF,
    PHRASE_END_RUN,
    QUOTED_COMPANY,
    QUOTED_NAME_AFTER,
    SERVICE,
    SERVICE_PREFIXES,
    STATEMENT_BY,
    STATEMENT_NOUNS,
    TITLE_GOES_ON_BEFORE,
    TOPIC_ENDINGS,
    UNIT,
    names_a_weapon,
    spelt_out_things,
)
from articles.extraction.people import looks_like_name
from articles.extraction.words import (
    CORPORATE_FORMS,
    LEGAL_FORMS,
    NAME,
    NOT_NAME_WORDS,
    PORTFOLIO_WORDS,
    RANKS,
    SERVICES,
    SHIP_PREFIXES,
    TITLE_CONNECTORS,
    TITLE_WORDS,
    is_legal_form,
)
from articles.folding import ascii_fold, fold, words_key


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
        self.full_name_ends: set[str] | None = None

    def add(self, name: str, aliases=()) -> Organization | None:
        name = name.strip(" ,;:")
        # "Inc." loses its full stop, as a sentence's; "S.A." keeps it.
        if name.endswith(".") and not re.search(r"\.\S+\.$", name):
            name = name[:-1]
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
        run = PHRASE_END_RUN.search(phrase)
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
        """Known names and aliases, then each pattern an organisation's name is printed in."""
        self.things = spelt_out_things(self.text)
        # A headline in title case capitalises verbs too: "Austin Hosts ... Contact Group".
        title = self.text.split("\n", 1)[0]
        self.title_end = len(title)
        words = re.findall(r"[A-Za-z][\w'’\-]*", title)
        self.headline_case = len(words) >= 4 and sum(
            w[0].isupper() for w in words if len(w) > 3) > 0.8 * sum(len(w) > 3 for w in words)
        for _, _, known in mentions(self.text, self.gazetteer.organization_by_words,
                                    self.gazetteer.organization_first_words):
            self.add(known.name)
        self.scan_abbreviated()
        self.scan_name_endings()
        self.scan_quoted_names()
        for match in OFFICE_OF.finditer(self.text):
            self.add(" ".join(self.before_next_clause(match.group(1).split())))
        self.scan_services()
        self.scan_heads_of()
        for match in AMPERSAND_NAME.finditer(self.text):
            if match.group(1) not in NOT_ORGANIZATION_ACRONYMS:
                self.add(" ".join(self.without_lead_in(match.group(1).split())))
        # "drone maker Baykar", "arms exporter Rosoboronexport": a name after what it is.
        for match in DESCRIBED.finditer(self.text):
            name = match.group(1)
            first = fold(name.split()[0])
            if first in TITLE_WORDS or first in NOT_NAME_WORDS or self.gazetteer.person(name) \
                    or (" " in name and looks_like_name(name, self.gazetteer)):
                continue
            self.add(name)
        self.scan_acronyms()
        self.scan_statement_makers()
        for match in APPOSED.finditer(self.text):
            self.add_described(match.group(1), match.group(2))
        self.scan_coordinated()
        self.merge_corporate_short_forms()
        for organization in self.found.values():
            for alias in list(organization.aliases):
                plain = ascii_fold(alias)
                if plain != alias and plain not in organization.aliases:
                    organization.aliases.append(plain)

    def scan_abbreviated(self) -> None:
        """ "Full Name (ABBR)": the full name, the abbreviation an alias."""
        for found in ABBREVIATION.finditer(self.text):
            match = ABBREVIATED.search(self.text, max(0, found.start() - 150), found.start())
            if match is None:
                continue
            full, abbreviation = match.group(1), found.group(1)
            # Not "NEW DELHI (Reuters) -": an abbreviation has capitals, and no dateline.
            if sum(c.isupper() for c in abbreviation) < 2 or self.in_dateline(match.start()):
                continue
            words = full.split()
            # A country that the abbreviation spells stays: Israel Aerospace Industries (IAI).
            if not initials(words).startswith(abbreviation.upper()):
                words = self.without_lead_in(words)
            if len(words) >= 2 and not names_a_weapon(words):
                self.add(self.as_in_body(words, match.start()), [abbreviation])

    def scan_name_endings(self) -> None:
        """Names ending in what an organisation is: "Cheniere Marketing LLC", "European
        Commission", "Aviation and Missile Command's Security Assistance Management
        Directorate" (two names, the owner's and its own)."""
        for match in NAME_ENDING.finditer(self.text):
            # "Baku Energy Week": the name goes on, and is not a company's.
            going_on = GOING_ON.match(self.text, match.end())
            if going_on and fold(going_on.group(1)) not in TITLE_WORDS \
                    or QUOTED_NAME_AFTER.match(self.text, match.end()):
                continue
            # "Peaceful Uses of Nuclear Energy": a topic at the end of a longer title.
            if match.group(1).split()[-1] in TOPIC_ENDINGS \
                    and TITLE_GOES_ON_BEFORE.search(self.text, 0, match.start()):
                continue
            text = match.group(1)
            capitals = CAPITALS_AFTER.match(self.text, match.end())
            if capitals and capitals.group(1) not in NOT_ORGANIZATION_ACRONYMS \
                    and fold(capitals.group(1)) not in self.gazetteer.country_words:
                self.add(self.as_in_body(self.without_lead_in(text.split()), match.start())
                         + capitals.group(),
                         [capitals.group(1)])
                continue
            names, name = [], []
            for word in text.split():
                owner = word.removesuffix("'s").removesuffix("’s")
                name.append(owner)
                if owner != word:
                    names.append(name)
                    name = []
            for words in (*names, name):
                words = self.without_lead_in(self.after_other_names(self.without_lead_in(words)))
                # "Mines and Energy Minister": a portfolio before a title, not a name.
                portfolio = going_on and all(fold(w) in PORTFOLIO_WORDS | TITLE_CONNECTORS
                                             for w in words)
                ending = next((w.rstrip(",.") for w in reversed(words)
                               if not is_legal_form(w)), "")
                if len(words) >= 2 and (ending in CORPORATE_FORMS or words[-1] != ending) \
                        and not portfolio and not self.gazetteer.person(" ".join(words)) \
                        and not names_a_weapon(words):
                    self.add(self.as_in_body(words, match.start()))

    def before_next_clause(self, words: list[str]) -> list[str]:
        """ "Department of Energy and Secretary Chu", "Ministry of National Defence and
        Polish Industry", "Department of Energy's July": the name ends before an "and"
        that leads to a title, a country or a person, and at a possessive."""
        for index, word in enumerate(words):
            if word.endswith(("'s", "’s")):
                return [*words[:index], word[:-2]]
            if word == "and" and index + 1 < len(words) and (
                    fold(words[index + 1]) in TITLE_WORDS | self.gazetteer.country_words
                    or looks_like_name(" ".join(words[index + 1:index + 3]), self.gazetteer)):
                return words[:index]
        return words

    def after_other_names(self, words: list[str]) -> list[str]:
        """ "Russia, Ukraine and European Commission", "Vice-President Oettinger and Russian
        Energy": what comes before an "and" next to a country, a title or a person is
        another name."""
        while "and" in words[1:]:
            index = words.index("and", 1)
            left, right = words[:index], words[index + 1:]
            # "Sempra Infrastructure and Cheniere Marketing LLC": two names of two words or
            # more; not "Texas Oil and Gas Association".
            two_names = len(left) >= 2 and len(right) >= 2 \
                and fold(right[0]) not in PORTFOLIO_WORDS
            if two_names and left[-1] in CORPORATE_FORMS and not names_a_weapon(left):
                # "Raytheon Technologies and Mitsubishi Electric": both.
                self.add(" ".join(self.without_lead_in(left)))
            if not right or not (
                    two_names or fold(left[-1]) in self.gazetteer.country_words
                    or fold(right[0]) in self.gazetteer.country_words
                    or any(fold(w) in TITLE_WORDS for part in left for w in part.split("-"))
                    or looks_like_name(" ".join(left[-2:]), self.gazetteer)):
                return words
            words = right
        return words

    def scan_quoted_names(self) -> None:
        """ "State Corporation “Rosatom”", "JSC "Almaz-Antey"": what it is, then its name in
        quotation marks."""
        for match in QUOTED_COMPANY.finditer(self.text):
            self.add(match.group(1))

    def scan_services(self) -> None:
        """Armed services by the country they serve ("Bulgarian Navy", "U.S. Navy", "Royal
        Netherlands Air Force") and numbered or named fleets ("U.S. 6th Fleet")."""
        for service in SERVICE.finditer(self.text):
            match = BEFORE_SERVICE.search(self.text, max(0, service.start() - 60), service.start())
            if match is None:
                continue
            prefix = match.group().split()
            while prefix and fold(prefix[0].removesuffix("'s").removesuffix("’s")) \
                    not in self.gazetteer.country_words and \
                    fold(prefix[0]) not in SERVICE_PREFIXES:
                prefix = prefix[1:]
            following = FOLLOWING_WORD.match(self.text, service.end())
            # "U.S. Army Materiel Command": the service is part of a longer name.
            if prefix and not (following and not following.group().endswith("-class")):
                self.add(" ".join((*prefix, service.group())))
        for unit in UNIT.finditer(self.text):
            before = BEFORE_FLEET if unit.group() == "Fleet" else BEFORE_NUMBERED_UNIT
            match = before.search(self.text, max(0, unit.start() - 60), unit.start())
            if match is None:
                continue
            words = [*match.group().split(), unit.group()]
            while words and fold(words[0]) in NOT_NAME_WORDS:
                words = words[1:]
            if len(words) >= 2:
                self.add(" ".join(words))

    def scan_heads_of(self) -> None:
        """ "Chairman of the Joint Chiefs of Staff", "chief of the Foreign Military Sales
        Branch": what a title is held at. Not a portfolio ("Secretary of the Interior") or a
        country ("President of the United States")."""
        for match in HEAD_OF.finditer(self.text):
            if QUOTED_NAME_AFTER.match(self.text, match.end()):
                continue
            words = match.group(1).split()
            # "... of Staff Army Gen. Mark A. Milley", "... of the Interior Doug Burgum and
            # Secretary of Energy": the name stops before a rank, a person or another title.
            for index, word in enumerate(words):
                if word in ("and", "&") and fold(words[index + 1]) in TITLE_WORDS \
                        or re.fullmatch(RANKS, f"{word}.") and index + 1 == len(words) \
                        and self.text.startswith(".", match.end(1)) \
                        or index > 0 and self.person_from(words, index):
                    words = words[:index]
                    break
            while words and re.fullmatch(SERVICES, words[-1]):
                words = words[:-1]
            words = self.without_lead_in(words)
            if len(words) >= 2 and not all(fold(w) in PORTFOLIO_WORDS | TITLE_CONNECTORS
                                           for w in words):
                self.add(" ".join(words))

    def person_from(self, words: list[str], index: int) -> bool:
        """Whether the words from `index` up to an "and" or the end name a person: "Navy
        Carlos Del Toro" -> "Navy"."""
        rest = words[index:]
        rest = rest[:rest.index("and")] if "and" in rest else rest
        return 2 <= len(rest) <= 4 and looks_like_name(" ".join(rest), self.gazetteer)

    def scan_acronyms(self) -> None:
        """Acronyms on their own (NATO, UEC): an alias of a found name, or an organisation.
        Not titles (CEO), products ("TB2", "IRIS-T", "DDG 80"), ships ("USS Porter"),
        things spelt out in lower case ("passing exercise (PASSEX)"), a generational
        suffix ("Austin III") or a dateline's city ("MOSCOW, March 5 -")."""
        for match in ACRONYM.finditer(self.text):
            acronym, start, end = match.group(1), match.start(), match.end()
            if fold(acronym) in self.gazetteer.country_words or len(acronym) < 3 \
                    or EVENT_AFTER.match(self.text, end) \
                    or acronym in NOT_ORGANIZATION_ACRONYMS or acronym in self.things \
                    or acronym in LEGAL_FORMS \
                    or acronym in SHIP_PREFIXES or re.fullmatch(r"[IVX]+", acronym) \
                    or fold(acronym) in TITLE_WORDS or any(c.isdigit() for c in acronym) \
                    or DESIGNATION_AFTER.match(self.text, end) \
                    or self.text[start - 1:start] == "-" or self.in_dateline(start):
                continue
            owner = self.owner_of(acronym)
            if owner:
                self.add(owner.name, [acronym])
            else:
                self.add(self.acronym_name(acronym, end))

    def scan_statement_makers(self) -> None:
        """ "Naftogaz said in a statement": one word that is not a person's name (nobody of
        that surname is named in full), a country, a title or a plural such as "Officials"."""
        for match in STATEMENT_BY.finditer(self.text):
            word = match.group(1)
            folded = fold(word)
            if folded in self.gazetteer.country_words or folded in TITLE_WORDS \
                    or folded in NOT_NAME_WORDS or folded in STATEMENT_NOUNS \
                    or folded in self.surnames():
                continue
            self.add(word)

    def add_described(self, name: str, description: str) -> None:
        """ "Naftogaz, Ukraine's state energy company,": not a person ("John Smith, a company
        spokesman,"), a country or a title."""
        words = name.split()
        if any(fold(w) in TITLE_WORDS for w in description.split()) \
                or fold(words[0]) in NOT_NAME_WORDS | self.gazetteer.country_words \
                or fold(name) in self.gazetteer.country_words or self.gazetteer.person(name) \
                or (len(words) == 2 and looks_like_name(name, self.gazetteer)) \
                or fold(name) in self.surnames():
            return
        self.add(name)

    def surnames(self) -> set[str]:
        """The last words of names printed in full ("Petro Marchuk"), folded: a word alone
        that is one of them is a person."""
        if self.full_name_ends is None:
            self.full_name_ends = {fold(m.group(1))
                                   for m in AFTER_CAPITALISED.finditer(self.text)}
        return self.full_name_ends

    def scan_coordinated(self) -> None:
        """ "with NextDecade Corporation and Commonwealth LNG": a name listed beside a
        company's registered name is another company's."""
        for organization in list(self.found.values()):
            if not is_legal_form(organization.name.split()[-1]):
                continue
            for at in (m.start() for m in re.finditer(re.escape(organization.name), self.text)):
                before = COORDINATED_BEFORE.search(self.text, max(0, at - 80), at)
                after = COORDINATED_AFTER.match(self.text, at + len(organization.name))
                for sibling in (before, after):
                    if sibling:
                        self.add_sibling(sibling.group(1).split())

    def add_sibling(self, words: list[str]) -> None:
        words = self.without_lead_in(words)
        name = " ".join(words)
        if len(words) < 2 or any(fold(w) in TITLE_WORDS or fold(w) in NOT_NAME_WORDS
                                 for w in words) \
                or (re.fullmatch(NAME, name) and looks_like_name(name, self.gazetteer)) \
                or self.gazetteer.person(name):
            return
        self.add(name)

    def acronym_name(self, acronym: str, end: int) -> str:
        """ "RIA Novosti", "LIG Nex1": an acronym and the name word after it; not "SOCAR
        President" or "NATO Secretary-General"."""
        following = re.match(r"[ ]+([A-Z][\w\-]*)(?![\w'’])", self.text[end:end + 40])
        if following is None or self.headline_case and end < self.title_end:
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

    def as_in_body(self, words: list[str], position: int) -> str:
        """A name in a title-case headline, as far as the body prints it: "Austin Hosts
        Ukraine Defense Contact Group" -> "Ukraine Defense Contact Group"."""
        name = " ".join(words)
        if self.headline_case and position < self.title_end:
            body = self.text[self.title_end:]
            for start in range(len(words) - 1):
                tail = " ".join(words[start:])
                if re.search(rf"(?<![\w]){re.escape(tail)}(?![\w])", body):
                    return tail
        return name

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
