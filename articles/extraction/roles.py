"""Titles and the organisations they are held at, read from the words around a name.

    "Deputy Energy Minister", "Gazprom chief executive", "SOCAR President"
    "director of policy at Russian company Rostec" -> ("director of policy", "Rostec")
    "Rosatom's head of international business"    -> ("head of international business", "Rosatom")
"""

import re

from articles.extraction.gazetteer import MAX_NAME_WORDS, Gazetteer
from articles.extraction.organizations import OrganizationFinder
from articles.extraction.people import Person, looks_like_name
from articles.extraction.words import (
    NOT_NAME_WORDS,
    OWNER_WORDS,
    PORTFOLIO_WORDS,
    PROPER_NAME,
    TITLE_CONNECTORS,
    TITLE_WORDS,
)
from articles.folding import fold

CLAUSE_WORDS = {"to", "be", "is", "was", "are", "were", "that", "which", "who", "has", "have",
                "had", "will", "would"}
RELATIVE_ROLES = {"chairs": "chairman of", "heads": "head of", "leads": "head of",
                  "runs": "head of", "directs": "director of", "manages": "manager of"}


def relative_to_title(role: str) -> str:
    """ "who chairs the board of Baykar" -> "chairman of the board of Baykar";
    "who is the head of X" -> "the head of X"."""
    role = re.sub(r"^who\s+(?:is|was)\s+", "", role)
    verb = re.match(rf"who\s+({'|'.join(RELATIVE_ROLES)})\s+", role)
    return f"{RELATIVE_ROLES[verb.group(1)]} {role[verb.end():]}" if verb else role


def has_title_word(text: str) -> bool:
    return any(fold(word) in TITLE_WORDS for word in text.split())


class Roles:
    """Reads roles in one body, knowing the organisations and people found in it so far."""

    def __init__(self, body: str, gazetteer: Gazetteer, organizations: OrganizationFinder,
                 people: list[Person]):
        self.body = body
        self.gazetteer = gazetteer
        self.organizations = organizations
        self.people = people

    def without_nationality(self, title: str) -> str:
        """ "Turkish Energy Minister" -> "Energy Minister": the country is the speaker's
        nationality, not part of the title."""
        words = title.split()
        while len(words) > 1:
            # "U.S.", "Turkish", and two-word names: "United States Secretary of Energy"
            if fold(" ".join(words[:2])) in self.gazetteer.country_words and len(words) > 2:
                words = words[2:]
            elif fold(words[0]) in self.gazetteer.country_words:
                words = words[1:]
            else:
                break
        return " ".join(words)

    def role_organization(self, phrase: str) -> str:
        organization = self.organizations.from_phrase(phrase)
        return organization.name if organization else ""

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

    def organization_at(self, position: int) -> str:
        """The organisation whose name is printed at `position`, ending there: "commander,
        U.S. 6th Fleet." — an apposition after the title."""
        text = self.body[position:].lstrip()
        for organization in self.organizations.found.values():
            for name in (organization.name, *organization.aliases):
                if text.startswith(name) and re.match(r"[,.;:\"”]|\s*$", text[len(name):]):
                    return organization.name
        return ""

    def organization_after_title(self, role: str) -> tuple[str, str]:
        """ "Managing Director MBDA UK": a title, then an organisation found in the text
        (a country after it names the national branch)."""
        words = role.split()
        for index in range(1, len(words)):
            found = self.organizations.named(words[index])
            rest = words[index + 1:]
            if found and has_title_word(" ".join(words[:index])) and all(
                    fold(w) in self.gazetteer.country_words for w in rest):
                return " ".join(words[:index]), " ".join((found.name, *rest))
        return "", ""

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
            # "the first of four destroyers to be forward-deployed to Rota": a clause, whose
            # last name is a place, not where the title is held.
            if CLAUSE_WORDS & set(words):
                continue
            if any(w[0].isupper() and fold(w.rstrip("'’s")) not in self.gazetteer.country_words
                   for w in words):
                return role[:match.start()], self.role_organization(right)
        title, organization = self.organization_after_title(role)
        if organization:
            return title, organization
        # "the Foreign Ministry spokeswoman", "a Rosatom board member"
        title, organization = self.title_and_organization(role.split())
        if title and organization:
            found = self.organizations.add(organization)
            return title, found.name if found else ""
        return role, ""
