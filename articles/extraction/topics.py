"""Countries and sectors an article is about, from the gazetteer's names, demonyms and
sector keywords."""

from articles.extraction.gazetteer import Gazetteer, mentions
from articles.folding import fold


def countries(text: str, gazetteer: Gazetteer) -> list[str]:
    codes = []
    for _, _, code in mentions(text, gazetteer.country_by_words, gazetteer.country_first_words):
        if code and code not in codes:
            codes.append(code)
    return codes


def sectors(text: str, gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    """(top-level sectors, sectors) whose keywords the text holds."""
    top, sub = [], []
    if gazetteer.sector_regex is None:
        return top, sub
    for match in gazetteer.sector_regex.finditer(fold(text)):
        for sector in gazetteer.sectors_by_keyword[match.group(1)]:
            if sector.top_level not in top:
                top.append(sector.top_level)
            if sector.name not in sub:
                sub.append(sector.name)
    return top, sub
