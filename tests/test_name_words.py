"""What a search that found nothing may have meant (articles.search.entities.NameWords):
the words of the entities' names, looked up without comparing every one of them."""

import difflib

from articles.search.entities import NameWords

NAMES = {
    ("turkey",): ("country", 1),
    ("turkiye",): ("country", 1),
    ("botas",): ("company", 2),
    ("baykar", "technologies"): ("company", 3),
    ("tusas",): ("company", 4),
    ("aleksei", "petrov", "1855"): ("speaker", 5),
    ("technology", "transfer"): ("sector", 6),
    ("tech",): ("company", 7),
    ("f16",): ("sector", 8),
}


def test_close_spellings_are_those_difflib_finds_among_every_word():
    words = NameWords(NAMES)
    every_word = list(words.entities_of)
    for searched in ("turky", "botass", "baykr", "technolgies", "petrof", "tec", "1856",
                     "f1855", "x"):
        assert words.spelt_close_to(searched) == difflib.get_close_matches(
            searched, every_word, n=3, cutoff=NameWords.CUTOFF), searched


def test_words_starting_like_a_search_come_in_the_gazetteers_order():
    words = NameWords(NAMES)
    assert words.starting_like("tur") == ["turkey", "turkiye"]
    assert words.starting_like("tech") == ["technologies", "technology", "tech"]
    assert words.starting_like("zz") == []


def test_each_word_knows_every_entity_it_names():
    words = NameWords({**NAMES, ("botas", "pipeline"): ("company", 8)})
    assert words.entities_of["botas"] == [("company", 2), ("company", 8)]
