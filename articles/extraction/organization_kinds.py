"""The kind of organisation a name suggests: a news agency, an alliance, a government body,
a research body or, by default, a company."""

import re
from dataclasses import dataclass, field

from articles.folding import fold

NEWS_AGENCIES = {
    "reuters", "associated press", "ap", "afp", "agence france-presse", "tass", "ria novosti",
    "ria", "interfax", "anadolu agency", "anadolu", "aa", "xinhua", "bloomberg", "dpa", "ansa",
    "efe", "kyodo", "yonhap", "irna", "trend", "apa", "sputnik", "ihlas news agency", "bta",
}
ALLIANCES = {
    "nato", "north atlantic treaty organization", "european union", "eu", "united nations", "un",
    "opec", "opec+", "csto", "collective security treaty organization", "sco",
    "shanghai cooperation organization", "brics", "g7", "g20", "african union", "asean", "iaea",
    "international atomic energy agency", "organization of turkic states", "gulf cooperation "
    "council", "gcc", "commonwealth of independent states", "cis", "eurasian economic union",
    "international energy agency", "iea", "world bank", "imf", "international monetary fund",
}
GOVERNMENT = re.compile(
    r"\b(?:ministry|ministries|department|presidency|government|kremlin|parliament|senate|"
    r"congress|embassy|consulate|armed forces|army|navy|air force|federal service|"
    r"cabinet|directorate|state duma|white house|pentagon|defense agency|defence agency|"
    r"commission|council|agency|committee|command|fleet|coast guard|marine corps|"
    r"administration|chiefs of staff)\b"
)
RESEARCH_AND_OTHER = re.compile(
    r"\b(?:institute|university|center|centre|foundation|academy|school|think tank)\b"
)


def organization_kind(name: str) -> str:
    folded = fold(name)
    if folded in NEWS_AGENCIES or re.search(r"\bnews agency\b|\bpress agency\b", folded):
        return "news_agency"
    if folded in ALLIANCES or re.search(r"\balliance\b|\btreaty organi[sz]ation\b", folded):
        return "alliance"
    if GOVERNMENT.search(folded) or folded.startswith(("presidency of", "ministry of")):
        return "government"
    if RESEARCH_AND_OTHER.search(folded):
        return "other"
    return "company"


@dataclass
class Organization:
    name: str
    aliases: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return organization_kind(self.name)
