"""Stage 3, attribution: who said each quote, by sieves tried from the most precise to the
least. The first sieve that settles a quote names the rule on it (`Quote.sieve`) and how
sure that rule is (`Quote.confidence`); a quote no sieve settles is not a statement.

    split           "A," said Kladov, "and B.": the second half goes with the first
    said-colon      Kladov said: / Name, Title: and then a paragraph of words, unmarked
    adjacent-name   "...," said Kladov. / "...," Deputy Minister Ivan Petrov said.
    pronoun         "...," he said. (any sieve, when the subject is a pronoun)
    unnamed         "...," a ministry spokesman said. (no speaker rather than a wrong one)
    role-noun       "...," the minister said. (the person last named with that title)
    according-to    According to Kladov, "..." / Kladov: "..."
    cue-before      Kladov said, "..." / He pointed out that ... and said: "..."
    colon-intro     Minister Kladov expressed his concern: "..."
    continuation    a quote on its own, right after the same speaker's quote
"""

import re
from dataclasses import dataclass

from articles.extraction.layout import Layout
from articles.extraction.mentions import Mentions
from articles.extraction.people import Person, split_name
from articles.extraction.quotes import Quote
from articles.extraction.speakers import Speakers
from articles.extraction.words import (
    CAPITALIZED,
    CAPITALIZED_RUN,
    NAME,
    NAME_WORD,
    PRONOUNS,
    RANKS,
    RUN_WORD,
    SPEECH_VERBS,
    TITLE_WORDS,
    UNNAMED,
    UPPER,
)
from articles.folding import fold, words_key

# How often each rule names the right speaker, as measured on real news (see the README's
# extraction figures): the review page shows the least sure first.
CONFIDENCE = {
    "split": 0.95,
    "adjacent-name": 0.95,
    "said-colon": 0.9,
    "colon-intro": 0.75,
    "according-to": 0.85,
    "cue-before": 0.8,
    "unnamed": 0.8,
    "pronoun": 0.75,
    "role-noun": 0.7,
    "continuation": 0.65,
}

NAMING_BEFORE = re.compile(
    r"\b(?:so-called|dubbed|known\s+as|named|nicknamed|code-?named|termed|labell?ed|"
    r"titled|entitled|the\s+(?:word|term|phrase|slogan|motto))\s*$", re.IGNORECASE)
PARTICLED = rf"(?<![\w'’\-])(?:al|el)-{UPPER}[\w'’\-]*"  # "al-Kaabi said"
# A rank or honorific before the subject is passed over: "said Cmdr. Elena Rossi".
SUBJECT = rf"(?:{RANKS}[ ]+)?({NAME}|{CAPITALIZED}|{PARTICLED}|{PRONOUNS}|{UNNAMED})"
# What may open a sentence before its subject: "Speaking in Ankara, Kladov said".
OPENING = (r"(?:[A-Z]\w+ing|Asked|Meanwhile|However|Also|In|At|On|During|After|"
           r"Before|Later|Earlier|Separately)\b[^,\"“”]*,\s*")


@dataclass
class Around:
    """The words of the quote's sentence before and after it."""
    before: str
    after: str


class Attribution:
    def __init__(self, mentions: Mentions, layout: Layout):
        self.body = mentions.body
        self.mentions = mentions
        self.layout = layout
        self.speakers = Speakers(mentions, layout)
        self.sieves = (self.said_colon, self.adjacent_name, self.role_noun, self.according_to,
                       self.cue_before, self.colon_intro)

    def attribute_all(self, quotes: list[Quote]) -> list[Quote]:
        previous = None
        for quote in quotes:
            self.attribute(quote, previous)
            previous = quote if quote.sieve else None
        return [quote for quote in quotes if quote.sieve]

    def attribute(self, quote: Quote, previous: Quote | None) -> None:
        around = self.around(quote)
        if NAMING_BEFORE.search(around.before):
            return  # "the so-called "gas hub"": a name being quoted, not somebody's words
        if self.split(quote, previous) or any(sieve(quote, around) for sieve in self.sieves):
            return
        self.continuation(quote, around, previous)

    def around(self, quote: Quote) -> Around:
        start = self.layout.sentence_bounds(quote.start)[0]
        # A quote running over paragraphs is attributed after its last one.
        end = self.layout.sentence_bounds(max(quote.start, quote.end - 1))[1]
        after = self.body[quote.end:end]
        before = self.body[start:quote.start]
        window = max(0, start - 200)
        colon = re.search(r":\s*$", self.body[window:start]) if not before.strip() else None
        if colon:
            # "Novak told reporters:" ending the paragraph before the quote's own.
            start = self.layout.sentence_bounds(window + colon.start())[0]
            before = self.body[start:quote.start]
        return Around(before, after)

    # --- the sieves, most precise first ----------------------------------------------------

    def split(self, quote: Quote, previous: Quote | None) -> bool:
        """ "A," said Name, "and B.": the second half of a sentence split by its
        attribution goes to the speaker of the first."""
        if previous is None or quote.unmarked:
            return False
        between = self.body[previous.end:quote.start]
        if len(between) > 120 or "\n" in between or not between.rstrip().endswith(",") \
                or not re.search(rf"\b(?:{SPEECH_VERBS})\b", between):
            return False
        self.settled(quote, previous.speaker, previous.unnamed, "split")
        return True

    def said_colon(self, quote: Quote, around: Around) -> bool:
        """Press-release style, no quotation marks: "Name said:" or "Name, Title:" and then
        a paragraph of their words."""
        if not quote.unmarked or not around.before.rstrip().endswith(":"):
            return False
        intro = around.before.strip()
        candidates = [m.group(1) for m in re.finditer(
            rf"(?={SUBJECT}(?:,[^,\"“”]{{1,80}},)?,?\s+(?:[\w\-]+\s+){{0,3}}?"
            rf"(?:{SPEECH_VERBS})\s*:)", intro)][::-1]
        named = re.match(rf"(?:{RANKS}[ ]+)?({NAME}),", intro)
        candidates += [named.group(1)] if named else []
        candidates += self.opening_subjects(intro)
        return self.settle_first(quote, candidates, quote.start, "said-colon")

    def colon_intro(self, quote: Quote, around: Around) -> bool:
        """Vice-President Name expressed his concern: "...": the subject of the sentence
        that a colon ends, introducing the quote."""
        if not around.before.rstrip().endswith(":"):
            return False
        return self.settle_first(quote, self.opening_subjects(around.before), quote.start,
                                 "colon-intro", people_first=True, people_only=True)

    def opening_subjects(self, sentence: str) -> list[str]:
        """The person a sentence opens with: the name in its first run of capitalised
        words, or the run's last word (a title and a surname)."""
        match = re.match(rf"\s*(?:{OPENING})?(?:{RANKS}[ ]+)?"
                         rf"({CAPITALIZED_RUN.pattern}|{NAME_WORD})", sentence)
        if not match:
            return []
        words = match.group(1).split()
        split = split_name(words, self.mentions.gazetteer)
        return [split[1]] if split else [words[-1]]

    def adjacent_name(self, quote: Quote, around: Around) -> bool:
        """A speech verb and a name right after the quote."""
        after = around.after
        # "...," Kladov said. / "...," said Kladov. / "...," he added.
        match = (re.match(rf"\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+(?:the|a|an|its)\s+"
                          rf"[^,\"“”]{{3,80}}?,\s+({NAME})", after)
                 or re.match(rf"\W{{0,3}}\s*{SUBJECT}\s+(?:{SPEECH_VERBS})\b", after)
                 or re.match(rf"\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+{SUBJECT}", after)
                 # "...," Mehmet Aydin, deputy manager of X, said.
                 or re.match(rf"\W{{0,3}}\s*({NAME}),[^\"“”]{{3,200}}?,\s+(?:{SPEECH_VERBS})\b",
                             after)
                 or re.match(rf"\W{{0,3}}\s*according to\s+{SUBJECT}", after))
        named_first = match.group(1) if match else None
        # "...," said Rear Admiral Sandeep Mehta / "...," German Vice Chancellor Robert Habeck said
        run = (re.match(rf"\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+((?:(?:{RUN_WORD}|&)[ ]+)+"
                        rf"[A-Z][\w\-]*)", after)
               or re.match(rf"\W{{0,3}}\s*({CAPITALIZED_RUN.pattern})\s+(?:{SPEECH_VERBS})\b",
                           after))
        split = split_name(run.group(1).split(), self.mentions.gazetteer) if run else None
        # "...," the German spokesman Steffen Hebestreit said / said Fitch director Maxim Edelson
        titled = (re.match(rf"\W{{0,3}}\s*(?:the|a|an|its)\s+(?:[\w\-]+\s+){{1,4}}?({NAME})\s+"
                           rf"(?:{SPEECH_VERBS})\b", after)
                  or re.match(rf"\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+(?:[\w\-&.]+\s+){{1,5}}?({NAME})"
                              rf"(?=\s*[,.;]|\s*$)", after))
        # "...," said Secretary Chu: a title and the surname of someone named.
        surname = run.group(1).split()[-1] if run and not split else None
        # "said U.S. Secretary of Energy Dan Brouillette": the run may start in the title.
        titled_words = titled.group(1).split() if titled else []
        candidates = [named_first, split[1] if split else None, " ".join(titled_words),
                      " ".join(titled_words[1:]) if len(titled_words) > 2 else None, surname]
        return self.settle_first(quote, candidates, quote.end, "adjacent-name")

    def role_noun(self, quote: Quote, around: Around) -> bool:
        """ "...," the minister said: the person last named with that title, or holding any
        title at the organisation named ("the Rosatom head" of its CEO)."""
        match = re.match(rf"\W{{0,3}}\s*the\s+((?:[\w\-]+\s+){{0,3}}?[\w\-]+)\s+"
                         rf"(?:{SPEECH_VERBS})\b", around.after)
        if not match:
            return False
        words = {fold(word) for word in match.group(1).split()}
        if not words & TITLE_WORDS:
            return False

        def fits(person: Person) -> bool:
            at_organization = person.organization and set(
                words_key(person.organization)) <= words
            return bool(at_organization or person.title and words & TITLE_WORDS <= {
                fold(w) for w in person.title.split()})

        candidates = [p for p in self.mentions.people if fits(p) and
                      any(m < quote.start for m in p.mentions)]
        if not candidates:
            return False
        self.settled(quote, max(candidates, key=lambda p: max(m for m in p.mentions
                                                              if m < quote.start)),
                     False, "role-noun")
        return True

    def according_to(self, quote: Quote, around: Around) -> bool:
        """According to Kladov, "..." / Kladov: "..." — not "Fidan told his Russian
        counterpart Sergei Lavrov:", where the name is the listener's."""
        before = around.before
        match = (re.search(rf"[Aa]ccording to\s+{SUBJECT}[^\"“”]*,\s*$", before)
                 or re.search(rf"{SUBJECT}\s*:\s*$", before))
        listener = match and re.search(r"\b(?:told|asked|urged|assured|warned)\s+(?:his|her|"
                                       r"their|the)?[\w\s\-]{0,60}$", before[:match.start()])
        return bool(match and not listener
                    and self.settle_first(quote, [match.group(1)], quote.start, "according-to",
                                          people_first=False))

    def cue_before(self, quote: Quote, around: Around) -> bool:
        """Kladov said, "..." / He pointed out that ... and said: "..." / called it "..." """
        before = around.before
        if not re.search(rf"\b(?:{SPEECH_VERBS})\b", before):
            return False
        match = re.match(rf"\s*(?:{OPENING})?{SUBJECT}", before)
        # Then, overlapping: "in Turkey, Potapov said" must still try "Potapov", and
        # "Florence Parly, who visited Cairo last month, said" has a clause between
        # commas; nearest the verb first. A person before an organisation: "in an
        # interview with TASS, Novak said" and "ConocoPhillips CEO Ryan Lance said" are
        # Novak's and Lance's.
        candidates = [match.group(1)] if match else []
        candidates += [c.group(1) for c in re.finditer(
            rf"(?={SUBJECT}(?:,[^,\"“”]{{1,80}},)?,?\s+(?:[\w\-]+\s+){{0,3}}?"
            rf"(?:{SPEECH_VERBS})\b)", before)][::-1]
        return self.settle_first(quote, candidates, quote.start, "cue-before")

    def continuation(self, quote: Quote, around: Around, previous: Quote | None) -> bool:
        """A quote on its own after the same speaker's quote goes on with it."""
        if previous is None or around.before.strip() or re.search(r"\w", around.after[:3]):
            return False
        self.settled(quote, previous.speaker, previous.unnamed, "continuation")
        return True

    # --- settling a quote ------------------------------------------------------------------

    def settle_first(self, quote: Quote, candidates: list[str | None], position: int,
                     sieve: str, people_first=True, people_only=False) -> bool:
        """The first candidate naming a person; an organisation or an unnamed source only
        when none is named."""
        rounds = (True,) if people_only else (True, False) if people_first else (False,)
        for person_only in rounds:
            for candidate in candidates:
                if not candidate:
                    continue
                person, unnamed = self.speakers.who(candidate, position)
                if person or (unnamed and not person_only):
                    pronoun = re.fullmatch(PRONOUNS, candidate.strip(" ,")) is not None
                    self.settled(quote, person, unnamed, "pronoun" if pronoun else sieve)
                    return True
        return False

    @staticmethod
    def settled(quote: Quote, person: Person | None, unnamed: bool, sieve: str) -> None:
        quote.speaker, quote.unnamed = person, unnamed
        quote.sieve = "unnamed" if unnamed and person is None else sieve
        quote.confidence = CONFIDENCE[quote.sieve]
