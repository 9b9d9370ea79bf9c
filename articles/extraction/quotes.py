"""Stage 1, quote spans: where the body quotes somebody's own words.

    "...," he said.               straight marks
    “...,” she said.              curly marks, and the two mixed in one quote (“..." or "...”)
    ‘...’                         British style, where ’ inside a word is an apostrophe
    "... (no closing mark)        a paragraph that continues the quote opens with a mark again
    Name said:                    press-release style: the paragraph after it, with no marks
    <paragraph of their words>

Who is speaking is the attribution stage's business; here only the spans are found.
"""

import re
from dataclasses import dataclass

from articles.extraction.people import Person
from articles.extraction.words import NAME, SPEECH_VERBS

OPENING_QUOTES = "\"“„«‘"
CLOSING_QUOTES = "\"”“»"
# A mark that closes a quote is followed by no letter or digit; one that opens is preceded
# by a space or one of these.
OPENS_AFTER = "([—–-:,"


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
    # "Name said:" and then a paragraph of their words, with no quotation marks.
    unmarked: bool = False


# Only quotation marks and paragraph breaks matter to the scan: it jumps from one to the
# next rather than looking at every character.
MARKS = re.compile(rf"[{re.escape(OPENING_QUOTES + CLOSING_QUOTES)}’]|\n\n")


def find_quotes(text: str) -> list[Quote]:
    quotes = []
    open_at, closing = None, CLOSING_QUOTES
    for mark in MARKS.finditer(text):
        position, char = mark.start(), mark.group()[0]
        if open_at is None and char in OPENING_QUOTES and opens(text, position):
            open_at = position
            # ‘British style’: only ’ closes it, and ’ inside a word is an apostrophe.
            closing = "’" if char == "‘" else CLOSING_QUOTES
        elif open_at is not None and char in closing and closes(text, position):
            quotes.append(Quote(text[open_at + 1:position].strip(), open_at, position + 1))
            open_at = None
        elif open_at is not None and text.startswith("\n\n", position):
            # A quote running on into the next paragraph reopens it with a quote mark.
            following = text[position:].lstrip()
            if not following or following[0] not in OPENING_QUOTES:
                open_at = None
    kept = []
    for quote in quotes:
        quote.text = re.sub(r"\s*\n\s*\n\s*[\"“„«‘]?", " ", quote.text)
        if quote.text and len(quote.text.split()) >= 2:
            kept.append(quote)
    return sorted(kept + find_unmarked_quotes(text), key=lambda quote: quote.start)


# "Defence Secretary Name said:" / "Name, Managing Director of X:" closing a paragraph of
# their own, with the words that follow in paragraphs of their own, unmarked.
UNMARKED_INTRO = re.compile(
    rf"(?:\b(?:{SPEECH_VERBS})|^{NAME},[^\n:\"“”]{{3,80}})\s*:$")
FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y|me)\b")
ANY_QUOTE_MARK = re.compile(r"[\"“”„«»]")


def find_unmarked_quotes(text: str) -> list[Quote]:
    """Press-release style: the paragraphs after "Name said:", while they speak in the first
    person (the first one always)."""
    quotes = []
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    speaking = False
    for index, (start, paragraph) in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else (0, "")
        if speaking:
            quotes.append(Quote(paragraph.strip(), start, start + len(paragraph),
                                unmarked=True))
        next_text = following[1]
        intro = len(paragraph.split()) <= 25 and not ANY_QUOTE_MARK.search(paragraph) \
            and UNMARKED_INTRO.search(paragraph.strip())
        speaking = bool(next_text) and not ANY_QUOTE_MARK.search(next_text[:1]) and (
            bool(intro) or speaking and FIRST_PERSON.search(next_text) is not None
            and not next_text.rstrip().endswith(":"))
    return quotes


def opens(text: str, position: int) -> bool:
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isspace() or before in OPENS_AFTER) and not after.isspace()


def closes(text: str, position: int) -> bool:
    after = text[position + 1] if position + 1 < len(text) else " "
    return not after.isalnum()
