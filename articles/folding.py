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


# Letters Unicode does not decompose into a base letter and a mark, so NFKD (and SQLite's
# remove_diacritics) leave them whole: "hattı" would not be "hatti". Spelled as PostgreSQL's
# unaccent rules spell them, so that both databases, and extraction, fold them alike.
UNDECOMPOSED = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
})


def fold_letters(text: str) -> str:
    """The undecomposed letters spelled with plain ones, everything else kept: each letter
    becomes letters, so words keep their boundaries (and a search index its positions)."""
    return text.translate(UNDECOMPOSED)


def ascii_fold(text: str) -> str:
    """The text without diacritics, case kept: "BOTAŞ" -> "BOTAS"."""
    decomposed = unicodedata.normalize("NFKD", fold_letters(text))
    return decomposed.translate(COMBINING_MARKS)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and diacritic-blind form of a name, for matching."""
    return ascii_fold(text).casefold()


def words_key(text: str) -> tuple[str, ...]:
    return tuple(WORDS.findall(fold(text)))
