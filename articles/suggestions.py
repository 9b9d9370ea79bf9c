"""What a list that shows nothing suggests instead: only what could find something.

Other spellings and fewer words for a search, the entities whose names are close to its
words, and removing the filters that are set (never the ones that are not).
"""

from dataclasses import dataclass, field

from articles.filters import ActiveFilter, ArchiveFilterSet
from articles.search.entities import EntityCard, cards_for, named_like


@dataclass
class Suggestions:
    searched: str = ""
    any_words_url: str = ""
    entities: list[EntityCard] = field(default_factory=list)
    removals: list[ActiveFilter] = field(default_factory=list)


def term_text(term) -> str:
    return f'"{" ".join(term.words)}"' if term.is_phrase else term.words[0]


def suggestions(filterset: ArchiveFilterSet, shown: list[EntityCard]) -> Suggestions:
    """For the empty list of `filterset`; `shown` are the entity cards already above it."""
    query = filterset.search_query
    found = Suggestions(removals=filterset.active_filters())
    if found.removals and all(active.label == "Search" for active in found.removals):
        found.removals = []  # without its only filter the list is just the whole archive
    if not query.is_usable:
        return found
    found.searched = query.text
    if len(query.clauses) > 1:
        either = " or ".join(term_text(term) for clause in query.clauses for term in clause)
        found.any_words_url = "?" + filterset.query_string(q=either)
    already = {(type(card.entity), card.entity.pk) for card in shown}
    found.entities = cards_for([entity for entity in named_like(" ".join(query.words()))
                                if entity not in already])
    return found
