"""Stage 2, mentions: the people a body names, with their titles and organisations, and
the organisations it names (organizations.py). Later stages look people up here by full
name or surname, and ask where each was mentioned.

    Viktor Kladov, the director of international cooperation at ... company Rostec, said
    General Manager of UralVagonZavod Alexander Potapov stressed
    the company's chief executive, Ivan Petrov, said
"""

import re

from articles.extraction.gazetteer import Gazetteer, mentions
from articles.extraction.organizations import OrganizationFinder
from articles.extraction.people import Person, clean_title, looks_like_name, split_name
from articles.extraction.roles import Roles, has_title_word, relative_to_title
from articles.extraction.words import (
    CAPITALIZED_RUN,
    CORPORATE_FORMS,
    NAME,
    NAME_WORD,
    NOT_NAME_WORDS,
    PORTFOLIO_WORDS,
    PROPER_NAME,
    SPEECH_VERBS,
    TITLE_WORDS,
    UPPER,
)
from articles.folding import fold

# A capitalised title word and one name word, with no other name word after it.
TITLED_SURNAME = re.compile(
    rf"(?<![\w'’\-.])({UPPER}[\w\-]*)[ ]+({NAME_WORD})(?![\w'’\-]|[ ]+{UPPER}|[ ]+\()")
PAST_ROLE = re.compile(r"(?:previously|formerly|until\s+recently|once|then)\b", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s(?![\w])")
ROLE_BEFORE_COMMA = re.compile(r"((?:[Tt]he\s+|[Ii]ts\s+)?[\w'’\- ]{3,80})$")
# The patterns people are printed in, compiled once (each is described where it is used).
APPOINTED = re.compile(
    rf"\b(?:appointed|named|promoted)\s+({NAME})(?:,[^,\"“”\n]{{1,80}},)?\s+"
    rf"(?:as\s+)?(?:(?:the|its|a)\s+)?(?:new\s+)?([a-z][a-z\- ]{{2,60}}?)"
    rf"(?:\s+(?:of|at)\s+(?:the\s+)?({PROPER_NAME.pattern}))?(?=[.,;]|$)")
NAME_COMMA_ROLE = re.compile(
    rf"({NAME}),\s+((?:the|a|an)\s+)?([^,\"“”\n]{{3,200}}?)"
    rf"(?:,|:\s*$|\.(?:\s|$)|\s+(?:said|told))", re.MULTILINE)
ROLE_WORD = re.compile(r"[\w\-]+")
COMMA_NAME_SAID = re.compile(rf",\s+({NAME}),\s+(?:{SPEECH_VERBS})\b")
SAID_ROLE_NAME = re.compile(
    rf"\b(?:{SPEECH_VERBS})\s+((?:the|a|an|its)\s+[^,\"“”\n]{{3,80}}?),\s+({NAME})")
NAME_OF_ORGANIZATION = re.compile(
    rf"({NAME})\s+(?:of|from|at)\s+(?:the\s+)?({PROPER_NAME.pattern})")
NAME_SAID = re.compile(rf"({NAME})(?:,\s+who\s+[^,\"“”\n]{{1,80}},)?\s+(?:{SPEECH_VERBS})\b")
SAID_NAME = re.compile(rf"\b(?:{SPEECH_VERBS})\s+({NAME})")


class Mentions:
    def __init__(self, title: str, body: str, gazetteer: Gazetteer):
        self.title = title
        self.body = body
        self.gazetteer = gazetteer
        self.people: list[Person] = []
        # The same people by folded full name and by folded surname, for lookups.
        self.person_by_name: dict[str, Person] = {}
        self.people_by_surname: dict[str, list[Person]] = {}
        self.organizations = OrganizationFinder(f"{title}\n\n{body}", gazetteer)
        self.roles = Roles(body, gazetteer, self.organizations, self.people)

    def person(self, name: str, position: int, title: str = "", organization: str = ""):
        name = " ".join(name.split())
        title = self.roles.without_nationality(title)
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

    def scan(self) -> None:
        """Organisations first, as titles are read against them; then people."""
        self.organizations.scan()
        self.find_people()

    def find_people(self) -> None:
        text = self.body
        # "Steppe Energy Holding appointed Dana Abenova, previously its CFO, as chief
        # executive": the new title, at the organisation named before.
        for match in APPOINTED.finditer(text):
            if has_title_word(match.group(2)) and looks_like_name(match.group(1),
                                                                       self.gazetteer):
                organization = self.roles.role_organization(match.group(3)) if match.group(3) \
                    else self.roles.organization_before(match.start())
                self.person(match.group(1), match.start(1), match.group(2), organization)
        # Name, the title at Organisation, — not a past one ("previously its CFO"); in a
        # press release also "Name, Title Organisation:" and "Name, title, Organisation."
        for match in NAME_COMMA_ROLE.finditer(text):
            name, role = match.group(1), relative_to_title(match.group(3))
            if not looks_like_name(name, self.gazetteer) or PAST_ROLE.match(role):
                continue
            if not any(fold(w) in TITLE_WORDS for w in ROLE_WORD.findall(role)):
                continue
            title, organization = self.roles.split_role(role)
            if not organization and match.group().endswith(","):
                organization = self.roles.organization_at(match.end())
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
        for match in COMMA_NAME_SAID.finditer(text):
            before = ROLE_BEFORE_COMMA.search(text, max(0, match.start() - 90), match.start())
            if before is None:
                continue
            role = before.group(1).strip()
            if has_title_word(role) and looks_like_name(match.group(1), self.gazetteer):
                title, organization = self.roles.split_role(role)
                self.person(match.group(1), match.start(1), clean_title(title), organization)
        # said the company's chief executive, Name
        for match in SAID_ROLE_NAME.finditer(text):
            if has_title_word(match.group(1)) and looks_like_name(match.group(2),
                                                                       self.gazetteer):
                title, organization = self.roles.split_role(match.group(1))
                self.person(match.group(2), match.start(2), clean_title(title), organization)
        # "said Ivan Sokolov of Volga Turbine Works": an organisation found in the text.
        for match in NAME_OF_ORGANIZATION.finditer(text):
            organization = self.organizations.named(
                re.sub(r"\s*\([^()]*\)$", "", match.group(2)))
            if organization and looks_like_name(match.group(1), self.gazetteer):
                self.person(match.group(1), match.start(1), "", organization.name)
        # Name said / said Name / Name, who attended the forum, said
        for match in NAME_SAID.finditer(text):
            if looks_like_name(match.group(1), self.gazetteer):
                self.person(match.group(1), match.start(1))
        for match in SAID_NAME.finditer(text):
            if looks_like_name(match.group(1), self.gazetteer):
                self.person(match.group(1), match.start(1))
        self.find_titled_surnames(text)
        # Known people by name or alias, and every person's later mentions by surname.
        # Looked up in the text the organisations were (title and body, folded once), and
        # kept where they are in the body.
        full = self.organizations.text
        offset = len(full) - len(text)
        for start, _, known in mentions(full, self.gazetteer.person_by_words,
                                        self.gazetteer.person_first_words):
            if start >= offset:
                self.person(known.name, start - offset)
        # Each surname's positions, by str.find: a pass over every word of the text in
        # Python cost more than all the surnames' searches.
        positions = {surname: word_positions(text, surname)
                     for surname in {person.surname for person in self.people}}
        for person in self.people:
            person.mentions = sorted({*person.mentions, *positions[person.surname]})

    def find_titled_surnames(self, text: str) -> None:
        """ "said Secretary Chu", "Energy Secretary Moniz said", "President Barroso said:":
        a title and a surname alone, of a person named in full earlier or not at all."""
        for match in TITLED_SURNAME.finditer(text):
            title_word, surname = match.group(1), match.group(2)
            if fold(title_word) not in TITLE_WORDS or not self.could_be_surname(surname):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            words = text[line_start:match.start()].split()
            title = [title_word]
            while words and (fold(words[-1]) in TITLE_WORDS | PORTFOLIO_WORDS
                             | self.gazetteer.country_words) and words[-1][:1].isupper():
                title.insert(0, words.pop())
            known = self.people_by_surname.get(fold(surname))
            if known:
                person = known[-1]
                person.mentions.append(match.start(2))
                if not person.title:
                    person.title = self.roles.without_nationality(" ".join(title))
            else:
                self.person(surname, match.start(2), " ".join(title))

    def could_be_surname(self, word: str) -> bool:
        folded = fold(word)
        return not (folded in TITLE_WORDS or folded in PORTFOLIO_WORDS
                    or folded in NOT_NAME_WORDS or folded in self.gazetteer.country_words
                    or word in CORPORATE_FORMS or self.organizations.named(word))

    def titled_person(self, before: list[str], name: str, position: int) -> None:
        """`before` the name: "Chief Executive of Danube Gas", "Gazprom's deputy head"..."""
        phrase = " ".join(before)
        possessive = re.search(r"((?:[A-Z][\w\-]*\s+)*[A-Z][\w\-]*)['’]s\s+(.+)$", phrase)
        of_organization = re.search(r"^(.*?)\s+(?:of|at)\s+(?:the\s+)?((?:[A-Z][\w\-]*\s*)+)$",
                                    phrase)
        if possessive and has_title_word(possessive.group(2)):
            owner = possessive.group(1)
            # "Erdogan's spokesman": the owner is a person, not an organisation.
            organization = "" if self.names_a_person(owner) else self.roles.role_organization(owner)
            self.person(name, position, possessive.group(2).strip(), organization)
        elif of_organization and has_title_word(of_organization.group(1)):
            title = self.roles.title_tail(of_organization.group(1).split())
            portfolio = of_organization.group(2).split()
            if title and all(fold(word) in PORTFOLIO_WORDS for word in portfolio):
                # "Secretary of State", "Minister of Foreign Affairs": a portfolio, no
                # organisation.
                held = phrase[of_organization.end(1):].strip()
                self.person(name, position, f"{title} {held}")
            elif title:
                self.person(name, position, title,
                            self.roles.role_organization(of_organization.group(2)))
        else:
            title, organization = self.roles.title_and_organization(before, position)
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


def word_positions(text: str, word: str) -> list[int]:
    """Where `word` is printed as a word of its own or with "'s" ("Petrov's"), not inside
    another ("Petrovsky", "al-Petrov", "Petrov-Vodkin")."""
    if not word or " " in word:
        return []
    found, at = [], text.find(word)
    while at != -1:
        end = at + len(word)
        if not joined(text, at - 1, -1) and (not joined(text, end, 1)
                                             or POSSESSIVE.match(text, end)):
            found.append(at)
        at = text.find(word, end)
    return found


def joined(text: str, at: int, step: int) -> bool:
    """The character at `at` continues the word next to it: a letter or digit, or a hyphen
    or apostrophe with one after it (reading in the direction of `step`)."""
    if not 0 <= at < len(text):
        return False
    if text[at].isalnum() or text[at] == "_":
        return True
    following = at + step
    return text[at] in "-'’" and 0 <= following < len(text) and \
        (text[following].isalnum() or text[following] == "_")
