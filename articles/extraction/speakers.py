"""Who a subject phrase means, for the attribution sieves: a name or surname found in the
mentions, a pronoun resolved to the last person speaking, or an unnamed speaker ("a senior
official", "the ministry") who gets no speaker rather than a wrong one."""

import re
from functools import cached_property

from articles.extraction.layout import Layout
from articles.extraction.mentions import Mentions
from articles.extraction.people import Person, looks_feminine, looks_like_name
from articles.extraction.words import (
    INITIAL,
    NAME,
    NAME_WORD,
    PRONOUNS,
    SPEECH_VERBS,
    SUFFIX,
    UNNAMED,
)
from articles.folding import fold


class Speakers:
    def __init__(self, mentions: Mentions, layout: Layout):
        self.mentions = mentions
        self.layout = layout
        self.body = mentions.body
        self.gazetteer = mentions.gazetteer
        self.people = mentions.people

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
        named = self.mentions.person_by_name.get(fold(phrase)) or \
            next(iter(self.mentions.people_by_surname.get(fold(phrase), [])), None)
        if named:
            return named, False
        # "Lee said" of Lee Yong-bae: family names come first in some languages.
        if " " not in phrase:
            named = [p for p in self.people if fold(phrase) in fold(p.name).split()]
            if len(named) == 1:
                return named[0], False
        # "Damasceno said" of a person named in full where no pattern saw a name.
        if re.fullmatch(NAME_WORD, phrase):
            full = re.search(rf"(?:{NAME_WORD}{INITIAL}?[ ]+){{1,2}}{re.escape(phrase)}"
                             rf"{SUFFIX}?(?![\w])", self.body)
            if full and looks_like_name(full.group(0), self.gazetteer):
                return self.mentions.person(full.group(0), full.start()), False
        # "Gazprom said in a statement": an organisation's words, said by nobody named.
        if self.mentions.organizations.named(phrase):
            return None, True
        if re.fullmatch(NAME, phrase) and looks_like_name(phrase, self.gazetteer):
            return self.mentions.person(phrase, position), False
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
        sentence_start = self.layout.sentence_bounds(best_at)[0]
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
