"""Text in, suggestions out: who said what, their roles, organisations, countries, sectors.

Rule-based and deterministic: the patterns of news writing plus a gazetteer of what the
archive already knows (handed in, so this package needs no database). Every suggestion is
reviewed by an editor before readers see it. The stages, each a module:

    quotes.py       quote spans, in every marking style
    mentions.py     people with their titles (roles.py) and organisations (organizations.py,
                    organization_patterns.py, organization_kinds.py)
    attribution.py  sieves from the most precise to the least; who a phrase means (speakers.py)
    topics.py       countries and sectors
"""

from dataclasses import dataclass, field

from articles.extraction.attribution import Attribution
from articles.extraction.gazetteer import (
    Gazetteer,
    KnownCountry,
    KnownOrganization,
    KnownPerson,
    KnownSector,
)
from articles.extraction.layout import Layout
from articles.extraction.mentions import Mentions
from articles.extraction.people import Person
from articles.extraction.quotes import Quote, find_quotes
from articles.extraction.topics import countries, sectors
from articles.folding import fold

__all__ = ["Extraction", "Gazetteer", "KnownCountry", "KnownOrganization", "KnownPerson",
           "KnownSector", "Quote", "extract"]


@dataclass
class Extraction:
    title: str
    people: list[Person] = field(default_factory=list)
    organizations: list = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    subsectors: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def as_json(self) -> dict:
        quoted = {id(quote.speaker) for quote in self.quotes if quote.speaker}
        return {
            "title": self.title,
            "speakers": [{"name": p.name, "title": p.title, "organization": p.organization}
                         for p in self.people if id(p) in quoted],
            "organizations": [{"name": o.name, "aliases": o.aliases, "kind": o.kind}
                              for o in self.organizations],
            "countries": self.countries,
            "sectors": self.sectors,
            "statements": [{"speaker": q.speaker.name if q.speaker else None, "text": q.text,
                            "sieve": q.sieve, "confidence": q.confidence}
                           for q in self.quotes],
        }


def extract(title: str, body: str, gazetteer: Gazetteer | None = None) -> Extraction:
    gazetteer = gazetteer or Gazetteer()
    mentions = Mentions(title, body, gazetteer)
    mentions.scan()
    quotes = find_quotes(body)
    statements = Attribution(mentions, Layout(body, quotes)).attribute_all(quotes)
    people_names = {fold(p.name) for p in mentions.people}
    organizations = [o for o in mentions.organizations.without_names_inside_others()
                     if fold(o.name) not in people_names]
    text = mentions.organizations.text
    top, sub = sectors(f"{title}\n{body}", gazetteer)
    return Extraction(title, mentions.people, organizations, countries(text, gazetteer),
                      top, sub, statements)
