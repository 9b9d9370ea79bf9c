"""What a reader typed, read once, the same way for every database.

The syntax is the familiar web-search one: words are ANDed, `"exact phrase"`, `or`
between two terms, `-word` or `-"phrase"` to exclude. Anything else in the input is
treated as a word separator, so no input can break a backend's query syntax; each
backend compiles the parsed query into its own (PostgreSQL websearch text, FTS5 MATCH).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from articles.folding import fold_letters

MAX_QUERY_LENGTH = 500
MAX_TERMS = 16

# PostgreSQL's English stop words: its stemmer drops them, so they are dropped here for
# every database, and a query made only of them has no usable terms anywhere.
STOP_WORDS = frozenset(
    """
a about above after again against all am an and any are as at be because been before
being below between both but by can did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into
is it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with you your yours yourself
yourselves s t don
""".split()
)

WORD = re.compile(r"[^\W_]+")
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    excluded: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class ParsedQuery:
    """Clauses that must all match; each clause is satisfied by any of its terms."""

    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def is_usable(self) -> bool:
        return bool(self.clauses)

    def words(self) -> list[str]:
        """Every positive word, for highlighting and entity matching."""
        return [word for clause in self.clauses for term in clause for word in term.words]


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\x00", " "))
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)


def words_of(text: str) -> tuple[str, ...]:
    # Folded as the index is (articles/folding.py): "hattı" and "hatti" are one word.
    return tuple(word.lower() for word in WORD.findall(fold_letters(text)))


def parse(raw: str) -> ParsedQuery:
    text = clean(raw or "")
    query = ParsedQuery(text=text.strip())
    if len(text) > MAX_QUERY_LENGTH:
        query.notices.append(f"Only the first {MAX_QUERY_LENGTH} characters were searched for.")
        text = text[:MAX_QUERY_LENGTH]

    pending_or = False
    terms_seen = 0
    for match in TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.lower() == "or":
            pending_or = bool(query.clauses)
            continue
        if bare is not None:
            negated = "-" if bare.startswith("-") else ""
            words = words_of(bare)
            # A hyphenated or dotted token ("TS-300", "U.S.") is a phrase of its parts.
        else:
            words = words_of(quoted)
        if len(words) == 1 and words[0] in STOP_WORDS:
            continue
        if not words:
            continue
        if terms_seen == MAX_TERMS:
            query.notices.append(f"Only the first {MAX_TERMS} search terms were used.")
            break
        terms_seen += 1
        term = Term(words=words, excluded=bool(negated))
        if term.excluded:
            query.excluded.append(term)
        elif pending_or:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        pending_or = False

    if text.strip() and not query.is_usable:
        query.notices.append(
            "The search has no words to look for (common words such as “the” and "
            "exclusions alone are not enough); showing everything that matches the filters."
        )
    return query
