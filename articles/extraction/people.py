"""People and their roles, from the patterns of news writing.

    Viktor Kladov, the director of international cooperation at ... company Rostec, said
    General Manager of UralVagonZavod Alexander Potapov stressed
    Gazprom's deputy chief executive Ivan Petrov said
    Deputy Energy Minister Ivan Petrov said
"""

import re
from dataclasses import dataclass, field

from articles.extraction.gazetteer import Gazetteer
from articles.extraction.words import (
    COMPANY_WORDS,
    CORPORATE_FORMS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    PORTFOLIO_WORDS,
    RANKS,
    SUFFIXES,
    TITLE_WORDS,
)
from articles.folding import fold


@dataclass
class Person:
    name: str
    title: str = ""
    organization: str = ""
    mentions: list[int] = field(default_factory=list)

    @property
    def surname(self) -> str:
        """ "Austin" of "Lloyd J. Austin III"."""
        words = self.name.split()
        return next((w for w in reversed(words) if w not in SUFFIXES), words[-1])


# First names ending in -a that are men's.
MASCULINE_IN_A = {"nikita", "ilya", "luca", "joshua", "andrea", "musa", "mustafa", "hamza",
                  "moussa", "isa", "yahya", "zakaria", "sasha", "misha", "dima", "kostya",
                  "vanya", "attila", "jonah", "elijah", "issa", "aliya"}


def looks_feminine(person: Person, surely=False) -> bool:
    """A guess from what news prints — "spokeswoman", "Zakharova", "Maria" — for telling
    "she" from "he" when both could be meant; no cue means not feminine. A first name in
    -a is a weak cue (Arda, Luca are men): `surely` leaves it out."""
    if re.search(r"woman\b|\bwomen\b", person.title, re.IGNORECASE):
        return True
    first, *_, last = person.name.split() if " " in person.name else (person.name, "")
    first, last = fold(first), fold(last)
    if last.endswith(("ova", "eva", "ina", "aya", "ska", "cka")):
        return True
    return not surely and first.endswith("a") and first not in MASCULINE_IN_A


def clean_title(text: str) -> str:
    text = re.sub(r"^(?:the|a|an|its|their)\s+", "", text.strip(), flags=re.I)
    # "the company's chief financial officer": the organisation is named elsewhere.
    text = re.sub(r"^(?:company|firm|group|ministry|agency|bank|operator)['’]s\s+", "", text,
                  flags=re.I)
    return text.strip(" ,")


def is_initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def without_rank(words: list[str]) -> list[str]:
    """ "Commanding Officer Cmdr." -> "Commanding Officer": a rank before a name."""
    text = re.sub(rf"(?:^|\s+){RANKS}$", "", " ".join(words))
    return text.split()


def split_name(words: list[str], gazetteer) -> tuple[list[str], str] | None:
    """The trailing person name of a run of capitalised words, and the words before it.
    Middle initials and a suffix ("Lloyd J. Austin III") do not count as name words."""
    core = words[:-1] if len(words) > 2 and words[-1] in SUFFIXES else words
    suffix = words[len(core):]
    for length in (5, 4, 3, 2):
        if len(core) < length:
            continue
        chunk = core[-length:]
        if is_initial(chunk[-1]):
            continue
        # "B. B. Nagpal": initials only before the surname; "Mark W. Menezes": one inside.
        leading = all(is_initial(word) for word in chunk[:-1])
        if is_initial(chunk[0]) and not leading:
            continue
        counted = 2 if leading else sum(not is_initial(word) for word in chunk)
        if not 2 <= counted <= 4:
            continue
        name = " ".join(chunk + suffix)
        before = core[:-length]
        # Three or four capitalised words after another are a name only after a title:
        # "Naval Group CEO Pierre Eric Pommellet", not "UralVagonZavod Alexander Potapov".
        if counted > 2 and before and before[-1][:1].isupper() \
                and fold(before[-1]) not in TITLE_WORDS:
            continue
        if counted == 4 and not before:
            continue
        if all(w[:1].isupper() or w in NAME_PARTICLES or w.startswith(("al-", "el-"))
               for w in chunk) and looks_like_name(name, gazetteer):
            return without_rank(before), name
    return None


def looks_like_name(text: str, gazetteer: Gazetteer) -> bool:
    words = [word for word in text.split() if word not in NAME_PARTICLES and word not in SUFFIXES]
    initials = [word for word in words if is_initial(word)]
    words = [word for word in words if not is_initial(word)]
    # "Cmdr. Ryan Kendall": a rank or honorific is not part of the name.
    if any(word.endswith(".") for word in words):
        return False
    if not words or not 2 <= len(words) + bool(initials) <= 4:
        return False
    # "Embraer Defense", "Volga Energy": words of titles and companies are not in names.
    if any(fold(word) in NOT_NAME_WORDS or fold(word) in TITLE_WORDS
           or fold(word) in PORTFOLIO_WORDS or word in CORPORATE_FORMS
           or word in COMPANY_WORDS for word in words):
        return False
    # "UralVagonZavod", "TurkStream": capitals inside a word make a brand, not a name.
    if any(re.search(r"[a-zà-ÿ][A-ZÀ-Þ]", word) and not word.startswith(("Mc", "Mac"))
           for word in words):
        return False
    if fold(text) in gazetteer.country_words or any(
            fold(word.rstrip("'’s")) in gazetteer.country_words for word in words):
        return False
    return not (gazetteer.organization(text) or text.endswith(CORPORATE_FORMS))
