"""Text in, suggestions out: who said what, their roles, organisations, countries, sectors.

Rule-based and deterministic: the patterns of news writing plus a gazetteer of what the
archive already knows (handed in, so this package needs no database). Every suggestion is
reviewed by an editor before readers see it.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from articles.extraction.gazetteer import (
    MAX_NAME_WORDS,
    Gazetteer,
    KnownCountry,
    KnownOrganization,
    KnownPerson,
    KnownSector,
    mentions,
)
from articles.extraction.organizations import OrganizationFinder
from articles.extraction.people import (
    Person,
    clean_title,
    looks_feminine,
    looks_like_name,
    split_name,
)
from articles.extraction.words import (
    CAPITALIZED,
    NAME,
    NAME_WORD,
    NOT_NAME_WORDS,
    OWNER_WORDS,
    PARTICLE,
    PORTFOLIO_WORDS,
    TITLE_CONNECTORS,
    TITLE_WORDS,
    UPPER,
)
from articles.folding import fold, words_key

__all__ = ["Extraction", "Gazetteer", "KnownCountry", "KnownOrganization", "KnownPerson",
           "KnownSector", "Quote", "extract"]

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|stressed|stresses|noted|notes|pointed out|points out|"
    r"explained|explains|stated|states|warned|warns|insisted|insists|argued|argues|claimed|"
    r"claims|recalled|recalls|emphasi[sz]ed|emphasi[sz]es|underlined|underlines|remarked|"
    r"continued|asserted|announced|commented|wrote|writes|replied|answered|confirmed|"
    r"acknowledged|highlighted|observed|declared|described|describes|called|calls|urged|"
    r"concluded|agreed|admitted|predicted|suggested|vowed|promised|reiterated|reiterates|"
    r"conceded|cautioned|assured|revealed|disclosed|responded|countered|elaborated|clarified|"
    r"complained|lamented|joked|quipped|hailed|welcomed|maintained|affirmed|reaffirmed|"
    r"mentioned|tweeted|posted|"
    r"(?:was|is|were|are)\s+quoted\s+(?:as\s+saying|by)"
)
PRONOUNS = r"\b(?:he|she|He|She)\b"
CAPITALIZED_RUN = re.compile(
    rf"(?<![\w'’\-])(?:al-)?[A-Z][\w\-]*(?:[ ]+(?:{PARTICLE}[ ]+){{0,2}}(?:al-|el-)?[A-Z][\w\-]*)+"
    r"(?![\w])"
)
# Speakers the article does not name: their words are recorded with no speaker.
UNNAMED = (
    r"\b(?:(?:an?|the|one\s+of\s+the|two|three|several)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:spokesperson|spokesman|spokeswoman|official|source|representative|statement|diplomat|"
    r"executive|analyst|company|ministry|firm|government|embassy|agency|bank|person|insider)s?)"
    r"(?:\s+(?:for|of|at|familiar\s+with|close\s+to)\s+[^,\"“”]{1,60})?"
)
PROPER_NAME = re.compile(
    rf"(?:the\s+)?{CAPITALIZED}(?:\s+(?:(?:of|for|and|&|de|on)\s+)?{CAPITALIZED})*"
    r"(?:\s+\([^()]{1,15}\))?"
)
SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+(?=[A-Z\"“‘])")
PAST_ROLE = re.compile(r"(?:previously|formerly|until\s+recently|once|then)\b", re.IGNORECASE)
NAMING_BEFORE = re.compile(
    r"\b(?:so-called|dubbed|known\s+as|named|nicknamed|code-?named|termed|labell?ed|"
    r"titled|entitled|the\s+(?:word|term|phrase|slogan|motto))\s*$", re.IGNORECASE)
ROLE_BEFORE_COMMA = re.compile(r"((?:[Tt]he\s+|[Ii]ts\s+)?[\w'’\- ]{3,80})$")
OPENING_QUOTES = "\"“„«‘"
CLOSING_QUOTES = "\"”“»"


@dataclass
class Quote:
    text: str
    start: int
    end: int
    speaker: Person | None = None
    unnamed: bool = False
    # Which attribution rule proposed the speaker, and how sure it is (0-1): shown to the
    # editor, recorded with the review decision, and measured per rule.
    sieve: str = ""
    confidence: float = 1.0


@dataclass
class Extraction:
    title: str
    people: list[Person] = field(default_factory=list)
    organizations: list = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    subsectors: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def as_json(self) -> dict:
        quoted = {id(quote.speaker) for quote in self.quotes if quote.speaker}
        return {
            "title": self.title,
            "speakers": [{"name": p.name, "title": p.title, "organization": p.organization}
                         for p in self.people if id(p) in quoted],
            "organizations": [{"name": o.name, "aliases": o.aliases, "kind": o.kind}
                              for o in self.organizations],
            "countries": self.countries,
            "sectors": self.sectors,
            "statements": [{"speaker": q.speaker.name if q.speaker else None, "text": q.text}
                           for q in self.quotes],
        }


class Extractor:
    def __init__(self, title: str, body: str, gazetteer: Gazetteer):
        self.title = title
        self.body = body
        self.gazetteer = gazetteer
        self.people: list[Person] = []
        # The same people by folded full name and by folded surname, for lookups.
        self.person_by_name: dict[str, Person] = {}
        self.people_by_surname: dict[str, list[Person]] = {}
        self.organizations = OrganizationFinder(f"{title}\n\n{body}", gazetteer)

    # --- people ----------------------------------------------------------------------------

    def person(self, name: str, position: int, title: str = "", organization: str = ""):
        name = " ".join(name.split())
        title = self.without_nationality(title)
        known = self.gazetteer.person(name)
        if known:
            name = known.name
        person = self.person_by_name.get(fold(name))
        if person is None:
            person = self.person_by_name[fold(name)] = Person(name)
            self.people.append(person)
            self.people_by_surname.setdefault(fold(person.surname), []).append(person)
        if title and not person.title:
            person.title = title
        if organization and not person.organization:
            person.organization = organization
        person.mentions.append(position)
        return person

    def without_nationality(self, title: str) -> str:
        """ "Turkish Energy Minister" -> "Energy Minister": the country is the speaker's
        nationality, not part of the title."""
        words = title.split()
        while len(words) > 1 and fold(words[0]) in self.gazetteer.country_words:
            words = words[1:]
        return " ".join(words)

    def role_organization(self, phrase: str) -> str:
        organization = self.organizations.from_phrase(phrase)
        return organization.name if organization else ""

    def find_people(self) -> None:
        text = self.body
        # "Steppe Energy Holding appointed Dana Abenova, previously its CFO, as chief
        # executive": the new title, at the organisation named before.
        for match in re.finditer(
            rf"\b(?:appointed|named|promoted)\s+({NAME})(?:,[^,\"“”\n]{{1,80}},)?\s+"
            rf"(?:as\s+)?(?:(?:the|its|a)\s+)?(?:new\s+)?([a-z][a-z\- ]{{2,60}}?)"
            rf"(?:\s+(?:of|at)\s+(?:the\s+)?({PROPER_NAME.pattern}))?(?=[.,;]|$)", text
        ):
            if self.has_title_word(match.group(2)) and looks_like_name(match.group(1),
                                                                       self.gazetteer):
                organization = self.role_organization(match.group(3)) if match.group(3) \
                    else self.organization_before(match.start())
                self.person(match.group(1), match.start(1), match.group(2), organization)
        # Name, the title at Organisation, — not a past one ("previously its CFO")
        for match in re.finditer(
            rf"({NAME}),\s+((?:the|a|an)\s+)?([^,\"“”\n]{{3,200}}?)(?:,|\.(?:\s|$)|\s+(?:said|told))",
            text,
        ):
            name, role = match.group(1), relative_to_title(match.group(3))
            if not looks_like_name(name, self.gazetteer) or PAST_ROLE.match(role):
                continue
            if not any(fold(w) in TITLE_WORDS for w in re.findall(r"[\w\-]+", role)):
                continue
            title, organization = self.split_role(role)
            self.person(name, match.start(1), clean_title(title), organization)
        # Title of Organisation Name / Organisation's title Name / Deputy Energy Minister Name
        for match in CAPITALIZED_RUN.finditer(text):
            split = split_name(match.group(0).split(), self.gazetteer)
            if not split:
                continue
            in_run, name = split
            line_start = text.rfind("\n", 0, match.start()) + 1
            preceding = text[line_start:match.start()].split()[-9:]
            # A title runs up to the name: what comes before a comma, a dash or a dateline's
            # "(Reuters)" belongs to another clause.
            for index in range(len(preceding) - 1, -1, -1):
                if preceding[index].endswith((",", ".", ";", ":", ")", "-", "–", "—", '"', "”")):
                    # "Presidency of Defense Industries (SSB) head X": the abbreviation
                    # names the organisation.
                    abbreviation = re.fullmatch(r"\(([A-Z][\w&\-]{1,11})\)", preceding[index])
                    preceding = ([abbreviation.group(1)] if abbreviation else []) + \
                        preceding[index + 1:]
                    break
            # Where the name's first word starts in the run (which may hold double spaces).
            word_starts = [word.start() for word in re.finditer(r"\S+", match.group(0))]
            position = match.start() + word_starts[-len(name.split())]
            self.titled_person(preceding + in_run, name, position)
        # The company's chief executive, Name, said
        # Anchored on ", Name, said" and then looking back for the role: a pattern starting
        # with the role would be tried at every character of the text (a third of the time
        # extraction took).
        for match in re.finditer(rf",\s+({NAME}),\s+(?:{SPEECH_VERBS})\b", text):
            before = ROLE_BEFORE_COMMA.search(text, max(0, match.start() - 90), match.start())
            if before is None:
                continue
            role = before.group(1).strip()
            if self.has_title_word(role) and looks_like_name(match.group(1), self.gazetteer):
                title, organization = self.split_role(role)
                self.person(match.group(1), match.start(1), clean_title(title), organization)
        # said the company's chief executive, Name
        for match in re.finditer(
            rf"\b(?:{SPEECH_VERBS})\s+((?:the|a|an|its)\s+[^,\"“”\n]{{3,80}}?),\s+({NAME})", text
        ):
            if self.has_title_word(match.group(1)) and looks_like_name(match.group(2),
                                                                       self.gazetteer):
                title, organization = self.split_role(match.group(1))
                self.person(match.group(2), match.start(2), clean_title(title), organization)
        # "said Ivan Sokolov of Volga Turbine Works": an organisation found in the text.
        for match in re.finditer(rf"({NAME})\s+(?:of|from|at)\s+(?:the\s+)?({PROPER_NAME.pattern})",
                                 text):
            organization = self.organizations.named(
                re.sub(r"\s*\([^()]*\)$", "", match.group(2)))
            if organization and looks_like_name(match.group(1), self.gazetteer):
                self.person(match.group(1), match.start(1), "", organization.name)
        # Name said / said Name / Name, who attended the forum, said
        for match in re.finditer(rf"({NAME})(?:,\s+who\s+[^,\"“”\n]{{1,80}},)?\s+"
                                 rf"(?:{SPEECH_VERBS})\b", text):
            if looks_like_name(match.group(1), self.gazetteer):
                self.person(match.group(1), match.start(1))
        for match in re.finditer(rf"\b(?:{SPEECH_VERBS})\s+({NAME})", text):
            if looks_like_name(match.group(1), self.gazetteer):
                self.person(match.group(1), match.start(1))
        # Known people by name or alias, and every person's later mentions by surname.
        for start, _, known in mentions(text, self.gazetteer.person_by_words,
                                        self.gazetteer.person_first_words):
            self.person(known.name, start)
        # Each word's positions, found once: one search per person grew with the people.
        positions: dict[str, list[int]] = {}
        for match in re.finditer(r"\w+(?:[-'’]\w+)*", text):
            word = match.group()
            positions.setdefault(word, []).append(match.start())
            if word.endswith(("'s", "’s")):  # "Petrov's"
                positions.setdefault(word[:-2], []).append(match.start())
        for person in self.people:
            person.mentions = sorted({*person.mentions, *positions.get(person.surname, [])})

    def titled_person(self, before: list[str], name: str, position: int) -> None:
        """`before` the name: "Chief Executive of Danube Gas", "Gazprom's deputy head"..."""
        phrase = " ".join(before)
        possessive = re.search(r"((?:[A-Z][\w\-]*\s+)*[A-Z][\w\-]*)['’]s\s+(.+)$", phrase)
        of_organization = re.search(r"^(.*?)\s+(?:of|at)\s+((?:[A-Z][\w\-]*\s*)+)$", phrase)
        if possessive and self.has_title_word(possessive.group(2)):
            owner = possessive.group(1)
            # "Erdogan's spokesman": the owner is a person, not an organisation.
            organization = "" if self.names_a_person(owner) else self.role_organization(owner)
            self.person(name, position, possessive.group(2).strip(), organization)
        elif of_organization and self.has_title_word(of_organization.group(1)):
            title = self.title_tail(of_organization.group(1).split())
            if title:
                self.person(name, position, title,
                            self.role_organization(of_organization.group(2)))
        else:
            title, organization = self.title_and_organization(before, position)
            # The title ends right at the name, or with the place it is held for
            # ("Ambassador to Turkey Vasyl Bodnar").
            if title and (fold(before[-1]) in TITLE_WORDS
                          or re.search(r"\s(?:to|for)\s+[A-Z][\w\-]*$", title)):
                found = self.organizations.add(organization) if organization else None
                self.person(name, position, title, found.name if found else "")

    def names_a_person(self, phrase: str) -> bool:
        """A person named in this article, or a name printed after a leader's title
        ("President Erdogan", "President Recep Tayyip Erdogan")."""
        if any(fold(phrase) in (fold(p.name), fold(p.surname)) for p in self.people):
            return True
        return re.search(rf"\b(?:President|Minister|Chancellor|King|Prince|Emir|Sheikh)\s+"
                         rf"(?:{NAME_WORD}\s+){{0,2}}{re.escape(phrase)}(?!\w)",
                         self.body) is not None

    @staticmethod
    def has_title_word(text: str) -> bool:
        return any(fold(word) in TITLE_WORDS for word in text.split())

    def title_tail(self, words: list[str]) -> str:
        return self.title_and_organization(words)[0]

    def title_and_organization(self, words: list[str], position: int | None = None):
        """The title at the end of `words` and the organisation printed just before it:
        "Deputy Energy Minister", "deputy energy minister", "Gazprom chief executive",
        "SOCAR President", "Naval Group CEO" — and only the last title there: in "Prime
        Minister Kyriakos Mitsotakis and Bulgarian President", "Bulgarian President"."""
        last = next((i for i in range(len(words) - 1, -1, -1)
                     if fold(words[i]) in TITLE_WORDS), None)
        if last is None:
            return "", ""
        start = last
        # Back over the words of the same title; a nationality only before a capitalised
        # one ("Bulgarian President", but "the German spokesman").
        title_words = TITLE_WORDS | PORTFOLIO_WORDS | TITLE_CONNECTORS
        if words[last][:1].isupper():
            title_words = title_words | self.gazetteer.country_words
        while start > 0 and fold(words[start - 1]) in title_words:
            start -= 1
        while start < last and words[start] in TITLE_CONNECTORS:
            start += 1
        while start > 0 and not self.organization_ending_at(words, start):
            previous, folded = words[start - 1], fold(words[start - 1])
            if previous.endswith(("'s", "’s", ",", ".")):
                break
            capitalised_title = words[start][:1].isupper()
            # "Deputy Prime Minister", "Turkish Energy Minister" (the nationality is taken
            # off later); any other capitalised word names the organisation: "Aselsan
            # General Manager".
            if folded in PORTFOLIO_WORDS or (
                    capitalised_title and previous[:1].isupper()
                    and (folded in TITLE_WORDS or folded in self.gazetteer.country_words)
            ) or (
                    # "Energy and Natural Resources Minister"
                    capitalised_title and folded == "and" and start > 1
                    and fold(words[start - 2]) in PORTFOLIO_WORDS | TITLE_WORDS
            ):
                start -= 1
            else:
                break
        tail = words[start:]
        capitalised = all(w[:1].isupper() or w in TITLE_CONNECTORS for w in tail)
        lower = all(w[:1].islower() for w in tail[1:]) and (
            tail[0][:1].islower() or fold(tail[0]) in PORTFOLIO_WORDS)
        if not (capitalised or lower):
            return "", ""
        organization = self.organization_ending_at(words, start)
        if not organization:
            # "Kremlin spokesman", "ConocoPhillips CEO": a name just before a title is its
            # organisation.
            run = []
            for word in reversed(words[:start]):
                folded = fold(word.rstrip("'’s"))
                if not word[:1].isupper() or folded in NOT_NAME_WORDS \
                        or folded in self.gazetteer.country_words \
                        or any(folded == fold(p.surname) for p in self.people):
                    break
                run.insert(0, word)
            # Not a person's name: "Kyriakos Mitsotakis and Bulgarian President".
            organization = "" if looks_like_name(" ".join(run), self.gazetteer) \
                else " ".join(run)
        if not organization and position is not None and start > 0 \
                and fold(words[start - 1]) in OWNER_WORDS:
            organization = self.organization_before(position)
        return " ".join(tail), organization

    def organization_ending_at(self, words: list[str], end: int) -> str:
        """The organisation named by the words just before `end`, if they name one."""
        for begin in range(max(0, end - MAX_NAME_WORDS), end):
            phrase = " ".join(words[begin:end])
            if begin == end - 1 and re.fullmatch(r"[A-Z]{2,}", phrase) \
                    and fold(phrase) not in TITLE_WORDS \
                    and fold(phrase) not in self.gazetteer.country_words:
                return phrase
            known = self.organizations.named(phrase)
            if known:
                return known.name
        return ""

    def organization_before(self, position: int) -> str:
        """The organisation named last before `position`: whom "its director" works for."""
        best, best_at = "", -1
        for organization in self.organizations.found.values():
            for name in (organization.name, *organization.aliases):
                at = self.body.rfind(name, 0, position)
                if at > best_at:
                    best, best_at = organization.name, at
        return best

    def split_role(self, role: str) -> tuple[str, str]:
        """ "director of policy at Russian company Rostec" -> ("director of policy", "Rostec")."""
        # "Rosatom's head of international business"
        owner = re.match(r"((?:[A-Z][\w\-]*\s+)*[A-Z][\w\-]*)['’]s\s+(.+)$", role)
        if owner and fold(owner.group(1)) not in self.gazetteer.country_words:
            found = self.organizations.from_phrase(owner.group(1))
            if found:
                return owner.group(2), found.name
        prepositions = list(re.finditer(r"\s+(?:at|of|for|with|from)\s+", role))
        # "director of the Federal Service for Military-Technical Cooperation": the first
        # preposition followed by nothing but a proper name.
        for match in prepositions:
            right = role[match.end():]
            if PROPER_NAME.fullmatch(right):
                return role[:match.start()], self.role_organization(right)
        for match in reversed(prepositions):
            right = role[match.end():]
            words = re.findall(r"[\w'’\-]+", right)
            if any(w[0].isupper() and fold(w.rstrip("'’s")) not in self.gazetteer.country_words
                   for w in words):
                return role[:match.start()], self.role_organization(right)
        # "the Foreign Ministry spokeswoman", "a Rosatom board member"
        title, organization = self.title_and_organization(role.split())
        if title and organization:
            found = self.organizations.add(organization)
            return title, found.name if found else ""
        return role, ""

    # --- quotes ----------------------------------------------------------------------------

    def find_quotes(self) -> list[Quote]:
        quotes = []
        text = self.body
        position, open_at, closing = 0, None, CLOSING_QUOTES
        while position < len(text):
            char = text[position]
            if open_at is None and char in OPENING_QUOTES and self.opens(text, position):
                open_at = position
                # ‘British style’: only ’ closes it, and ’ inside a word is an apostrophe.
                closing = "’" if char == "‘" else CLOSING_QUOTES
            elif open_at is not None and char in closing and self.closes(text, position):
                quotes.append(Quote(text[open_at + 1:position].strip(), open_at, position + 1))
                open_at = None
            elif open_at is not None and text.startswith("\n\n", position):
                # A quote running on into the next paragraph reopens it with a quote mark.
                following = text[position:].lstrip()
                if not following or following[0] not in OPENING_QUOTES:
                    open_at = None
            position += 1
        merged = []
        for quote in quotes:
            quote.text = re.sub(r"\s*\n\s*\n\s*[\"“„«‘]?", " ", quote.text)
            if quote.text and len(quote.text.split()) >= 2:
                merged.append(quote)
        return merged

    @staticmethod
    def opens(text: str, position: int) -> bool:
        before = text[position - 1] if position else " "
        after = text[position + 1] if position + 1 < len(text) else " "
        return (before.isspace() or before in "([—–-:,") and not after.isspace()

    @staticmethod
    def closes(text: str, position: int) -> bool:
        after = text[position + 1] if position + 1 < len(text) else " "
        return not after.isalnum()

    @cached_property
    def sentence_breaks(self) -> list[tuple[int, int]]:
        """(start, end) of every "end of sentence, space, next sentence" in the body; found
        once, as every quote and pronoun asks where its sentence starts."""
        return [(m.start(), m.end()) for m in SENTENCE_BREAK.finditer(self.body)]

    @cached_property
    def sentence_break_ends(self) -> list[int]:
        return [end for _, end in self.sentence_breaks]

    @cached_property
    def quote_starts(self) -> list[int]:
        return [quote.start for quote in self.quotes]

    @cached_property
    def paragraph_breaks(self) -> list[int]:
        return [m.start() for m in re.finditer(r"\n\n", self.body)]

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        text = self.body
        breaks = self.paragraph_breaks
        after = bisect_left(breaks, position)
        paragraph = start = breaks[after - 1] if after else 0
        # The last break before `position` that is not inside a quote; a sentence ending
        # just before a quote mark at `position` ends there.
        index = bisect_right(self.sentence_break_ends, position) - 1
        while index >= 0 and self.sentence_breaks[index][0] >= paragraph:
            if not self.inside_quote(self.sentence_breaks[index][1]):
                start = self.sentence_breaks[index][1]
                break
            index -= 1
        return start, breaks[after] if after < len(breaks) else len(text)

    def inside_quote(self, position: int) -> bool:
        # Quotes do not overlap: only the last one starting before `position` can hold it.
        index = bisect_left(self.quote_starts, position) - 1
        return index >= 0 and self.quotes[index].start < position < self.quotes[index].end

    def who(self, phrase: str, position: int) -> tuple[Person | None, bool]:
        """The person a subject phrase names: (person, unnamed)."""
        phrase = phrase.strip(" ,")
        if re.fullmatch(UNNAMED, phrase, flags=re.I):
            return None, True
        if re.fullmatch(PRONOUNS, phrase):
            person = self.last_person_before(position, feminine=phrase.lower() == "she")
            # "A KazMunayGas spokesman said ... "...," he said": the unnamed spokesman.
            if self.unnamed_speaker_since(person, position):
                return None, True
            return person, False
        named = self.person_by_name.get(fold(phrase)) or \
            next(iter(self.people_by_surname.get(fold(phrase), [])), None)
        if named:
            return named, False
        # "Lee said" of Lee Yong-bae: family names come first in some languages.
        if " " not in phrase:
            named = [p for p in self.people if fold(phrase) in fold(p.name).split()]
            if len(named) == 1:
                return named[0], False
        # "Damasceno said" of a person named in full where no pattern saw a name.
        if re.fullmatch(NAME_WORD, phrase):
            full = re.search(rf"(?:{NAME_WORD}[ ]+){{1,2}}{re.escape(phrase)}(?!\w)", self.body)
            if full and looks_like_name(full.group(0), self.gazetteer):
                return self.person(full.group(0), full.start()), False
        # "Gazprom said in a statement": an organisation's words, said by nobody named.
        if self.organizations.named(phrase):
            return None, True
        if re.fullmatch(NAME, phrase) and looks_like_name(phrase, self.gazetteer):
            return self.person(phrase, position), False
        return None, False

    @cached_property
    def unnamed_speakers(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence opened by an unnamed speaker and a speech verb:
        "A KazMunayGas spokesman said"."""
        return [(m.start(1), m.end()) for m in re.finditer(
            rf"(?:^|[.!?][\"”’]?\s+|\n)({UNNAMED})\s+(?:[\w\-]+\s+){{0,3}}?"
            rf"(?:{SPEECH_VERBS})\b", self.body, flags=re.IGNORECASE)]

    def unnamed_speaker_since(self, person: Person | None, position: int) -> bool:
        """Whether an unnamed speaker spoke after the person's last mention and before
        `position`."""
        last_mention = max((m for m in person.mentions if m < position), default=-1) \
            if person else -1
        return any(last_mention < start and end <= position
                   for start, end in self.unnamed_speakers)

    def last_person_before(self, position: int, feminine: bool) -> Person | None:
        """Whom "he" or "she" means: the subject of the sentence that last named someone —
        in "Petrov said Prime Minister Modi had raised it", Petrov, not Modi — unless
        that person plainly does not fit the pronoun and someone named earlier does."""
        best, best_at = None, -1
        for person in self.people:
            for mention in person.mentions:
                if best_at < mention < position:
                    best, best_at = person, mention
        if best is None:
            return None
        sentence_start = self.sentence_bounds(best_at)[0]
        subject, subject_at = best, best_at
        for person in self.people:
            for mention in person.mentions:
                if sentence_start <= mention < subject_at:
                    subject, subject_at = person, mention
        # "she" after a man's sentence looks for a woman named earlier; "he" after a
        # woman's, for a man — only on a sure cue, as names in -a are not all women's.
        if feminine != looks_feminine(subject, surely=not feminine):
            fitting = [(max(m for m in p.mentions if m < position), p) for p in self.people
                       if looks_feminine(p, surely=not feminine) == feminine
                       and any(m < position for m in p.mentions)]
            if fitting:
                return max(fitting, key=lambda pair: pair[0])[1]
        return subject

    def attribute(self, quote: Quote, previous: Quote | None) -> None:
        start, end = self.sentence_bounds(quote.start)
        after = self.body[quote.end:end]
        before = self.body[start:quote.start]
        window = max(0, start - 200)
        colon = re.search(r":\s*$", self.body[window:start]) if not before.strip() else None
        if colon:
            # "Novak told reporters:" ending the paragraph before the quote's own.
            start = self.sentence_bounds(window + colon.start())[0]
            before = self.body[start:quote.start]
        if NAMING_BEFORE.search(before):
            return  # "the so-called "gas hub"": a name being quoted, not somebody's words
        particled = rf"(?<![\w'’\-])(?:al|el)-{UPPER}[\w'’\-]*"  # "al-Kaabi said"
        subject = rf"({NAME}|{CAPITALIZED}|{particled}|{PRONOUNS}|{UNNAMED})"
        # "...," Kladov said. / "...," said Kladov. / "...," he added.
        match = (re.match(rf"\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+(?:the|a|an|its)\s+"
                          rf"[^,\"“”]{{3,80}}?,\s+({NAME})", after)
                 or re.match(rf"\W{{0,3}}\s*{subject}\s+(?:{SPEECH_VERBS})\b", after)
                 or re.match(rf"\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+{subject}", after)
                 # "...," Mehmet Aydin, deputy manager of X, said.
                 or re.match(rf"\W{{0,3}}\s*({NAME}),[^\"“”]{{3,200}}?,\s+(?:{SPEECH_VERBS})\b",
                             after)
                 or re.match(rf"\W{{0,3}}\s*according to\s+{subject}", after))
        named_first = match.group(1) if match else None
        # "...," said Rear Admiral Sandeep Mehta / "...," German Vice Chancellor Robert Habeck said
        run = (re.match(rf"\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+((?:(?:[A-Z][\w\-]*|&)[ ]+)+"
                        rf"[A-Z][\w\-]*)", after)
               or re.match(rf"\W{{0,3}}\s*({CAPITALIZED_RUN.pattern})\s+(?:{SPEECH_VERBS})\b",
                           after))
        split = split_name(run.group(1).split(), self.gazetteer) if run else None
        # "...," the German spokesman Steffen Hebestreit said / said Fitch director Maxim Edelson
        titled = (re.match(rf"\W{{0,3}}\s*(?:the|a|an|its)\s+(?:[\w\-]+\s+){{1,4}}?({NAME})\s+"
                           rf"(?:{SPEECH_VERBS})\b", after)
                  or re.match(rf"\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+(?:[\w\-&]+\s+){{1,5}}?({NAME})"
                              rf"(?=\s*[,.;]|\s*$)", after))
        # A person first; an organisation or an unnamed source only when none is named.
        candidates = [named_first, split[1] if split else None,
                      titled.group(1) if titled else None]
        for person_only in (True, False):
            for candidate in candidates:
                if candidate and self.settle(quote, candidate, quote.end, person_only):
                    return
        # "...," the minister said: the person last named with that title.
        match = re.match(rf"\W{{0,3}}\s*the\s+((?:[\w\-]+\s+){{0,3}}?[\w\-]+)\s+"
                         rf"(?:{SPEECH_VERBS})\b", after)
        if match and self.settle_by_title(quote, match.group(1)):
            return
        # According to Kladov, "..." / Kladov: "..."
        match = (re.search(rf"[Aa]ccording to\s+{subject}[^\"“”]*,\s*$", before)
                 or re.search(rf"{subject}\s*:\s*$", before))
        # Not "Fidan told his Russian counterpart Sergei Lavrov:": that name is the listener.
        listener = match and re.search(r"\b(?:told|asked|urged|assured|warned)\s+(?:his|her|"
                                       r"their|the)?[\w\s\-]{0,60}$", before[:match.start()])
        if match and not listener and self.settle(quote, match.group(1), quote.start):
            return
        # Kladov said, "..." / He pointed out that ... and said: "..." / called it "..."
        if re.search(rf"\b(?:{SPEECH_VERBS})\b", before):
            opening = (r"(?:[A-Z]\w+ing|Asked|Meanwhile|However|Also|In|At|On|During|After|"
                       r"Before|Later|Earlier|Separately)\b[^,\"“”]*,\s*")
            match = re.match(rf"\s*(?:{opening})?{subject}", before)
            # Then, overlapping: "in Turkey, Potapov said" must still try "Potapov", and
            # "Florence Parly, who visited Cairo last month, said" has a clause between
            # commas; nearest the verb first. A person before an organisation: "in an
            # interview with TASS, Novak said" and "ConocoPhillips CEO Ryan Lance said" are
            # Novak's and Lance's.
            candidates = [match.group(1)] if match else []
            candidates += [c.group(1) for c in re.finditer(
                rf"(?={subject}(?:,[^,\"“”]{{1,80}},)?,?\s+(?:[\w\-]+\s+){{0,3}}?"
                rf"(?:{SPEECH_VERBS})\b)", before)][::-1]
            for person_only in (True, False):
                for candidate in candidates:
                    if self.settle(quote, candidate, quote.start, person_only=person_only):
                        return
        # A quote on its own after the same speaker's quote goes on with it.
        if previous is not None and not before.strip() and not re.search(r"\w", after[:3]):
            quote.speaker, quote.unnamed = previous.speaker, previous.unnamed

    def settle_by_title(self, quote: Quote, role: str) -> bool:
        """ "the minister", "the Rostec director": the latest person named with that title,
        or holding any title at the organisation named ("the Rosatom head" of its CEO)."""
        words = {fold(word) for word in role.split()}
        if not words & TITLE_WORDS:
            return False

        def fits(person: Person) -> bool:
            at_organization = person.organization and set(
                words_key(person.organization)) <= words
            return bool(at_organization or person.title and words & TITLE_WORDS <= {
                fold(w) for w in person.title.split()})

        candidates = [p for p in self.people if fits(p) and
                      any(m < quote.start for m in p.mentions)]
        if not candidates:
            return False
        quote.speaker = max(candidates, key=lambda p: max(m for m in p.mentions
                                                          if m < quote.start))
        return True

    def settle(self, quote: Quote, phrase: str, position: int, person_only=False) -> bool:
        person, unnamed = self.who(phrase, position)
        if person or (unnamed and not person_only):
            quote.speaker, quote.unnamed = person, unnamed
            return True
        return False

    # --- countries and sectors -------------------------------------------------------------

    def countries(self) -> list[str]:
        codes = []
        for _, _, code in mentions(self.organizations.text, self.gazetteer.country_by_words,
                                   self.gazetteer.country_first_words):
            if code and code not in codes:
                codes.append(code)
        return codes

    def sectors(self) -> tuple[list[str], list[str]]:
        top, sub = [], []
        if self.gazetteer.sector_regex is None:
            return top, sub
        for match in self.gazetteer.sector_regex.finditer(fold(f"{self.title}\n{self.body}")):
            for sector in self.gazetteer.sectors_by_keyword[match.group(1)]:
                if sector.top_level not in top:
                    top.append(sector.top_level)
                if sector.name not in sub:
                    sub.append(sector.name)
        return top, sub

    def run(self) -> Extraction:
        self.organizations.scan()
        self.find_people()
        self.quotes = self.find_quotes()
        previous = None
        for quote in self.quotes:
            self.attribute(quote, previous)
            previous = quote if (quote.speaker or quote.unnamed) else None
        attributed = [q for q in self.quotes if q.speaker or q.unnamed]
        top, sub = self.sectors()
        people_names = {fold(p.name) for p in self.people}
        organizations = [o for o in self.organizations.without_names_inside_others()
                         if fold(o.name) not in people_names]
        return Extraction(self.title, self.people, organizations, self.countries(), top, sub,
                          attributed)


RELATIVE_ROLES = {"chairs": "chairman of", "heads": "head of", "leads": "head of",
                  "runs": "head of", "directs": "director of", "manages": "manager of"}


def relative_to_title(role: str) -> str:
    """ "who chairs the board of Baykar" -> "chairman of the board of Baykar";
    "who is the head of X" -> "the head of X"."""
    role = re.sub(r"^who\s+(?:is|was)\s+", "", role)
    verb = re.match(rf"who\s+({'|'.join(RELATIVE_ROLES)})\s+", role)
    return f"{RELATIVE_ROLES[verb.group(1)]} {role[verb.end():]}" if verb else role


def extract(title: str, body: str, gazetteer: Gazetteer | None = None) -> Extraction:
    return Extractor(title, body, gazetteer or Gazetteer()).run()
