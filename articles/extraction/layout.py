"""Paragraphs and sentences of a body, with the quotes inside them: where the sentence
around a position starts and ends, a full stop inside a quote not ending it."""

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from articles.extraction.quotes import Quote

SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+(?=[A-Z\"“‘])")


class Layout:
    def __init__(self, body: str, quotes: list[Quote]):
        self.body = body
        self.quotes = quotes
        self.quote_starts = [quote.start for quote in quotes]

    @cached_property
    def sentence_breaks(self) -> list[tuple[int, int]]:
        """(start, end) of every "end of sentence, space, next sentence" in the body; found
        once, as every quote and pronoun asks where its sentence starts."""
        return [(m.start(), m.end()) for m in SENTENCE_BREAK.finditer(self.body)]

    @cached_property
    def sentence_break_ends(self) -> list[int]:
        return [end for _, end in self.sentence_breaks]

    @cached_property
    def paragraph_breaks(self) -> list[int]:
        return [m.start() for m in re.finditer(r"\n\n", self.body)]

    def paragraph_bounds(self, position: int) -> tuple[int, int]:
        breaks = self.paragraph_breaks
        after = bisect_left(breaks, position)
        start = breaks[after - 1] + 2 if after else 0
        return start, breaks[after] if after < len(breaks) else len(self.body)

    def sentence_bounds(self, position: int) -> tuple[int, int]:
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
        return start, breaks[after] if after < len(breaks) else len(self.body)

    def inside_quote(self, position: int) -> bool:
        # Quotes do not overlap: only the last one starting before `position` can hold it.
        index = bisect_left(self.quote_starts, position) - 1
        return index >= 0 and self.quotes[index].start < position < self.quotes[index].end
