"""Case- and diacritic-blind forms of names, shared by extraction and search so that both
agree on what "the same name" means (BOTAŞ = Botas, Türkiye = TURKIYE)."""

import re
import sys
import unicodedata
from functools import lru_cache

WORDS = re.compile(r"[^\W_]+")

# str.translate drops these in C; a character-by-character filter was a tenth of extraction.
COMBINING_MARKS = dict.fromkeys(
    code for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))
)


def ascii_fold(text: str) -> str:
    """The text without diacritics, case kept: "BOTAŞ" -> "BOTAS"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return decomposed.translate(COMBINING_MARKS)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and diacritic-blind form of a name, for matching."""
    return ascii_fold(text).casefold()


def words_key(text: str) -> tuple[str, ...]:
    return tuple(WORDS.findall(fold(text)))
