"""Names as news prints them: initials, suffixes, ranks and honorifics before them."""

from articles.extraction import extract
from articles.extraction.people import Person


def speakers(body):
    return [s["speaker"] for s in extract("Title", body).as_json()["statements"]]


def test_a_middle_initial_is_part_of_the_name():
    assert speakers('"The order is signed," said Karen T. Holloway.') == ["Karen T. Holloway"]


def test_a_generational_suffix_ends_the_name_but_is_not_the_surname():
    body = 'Chief engineer Robert K. Vance Jr. opened the line.\n\n"It runs," Vance said.'
    assert speakers(body) == ["Robert K. Vance Jr."]
    assert Person("Robert K. Vance III").surname == "Vance"


def test_a_shortened_rank_before_the_name_is_neither_name_nor_title():
    result = extract("Title", '"We sail at dawn," said Cmdr. Elena Rossi, the ship\'s '
                              'commanding officer.').as_json()
    assert [(s["name"], s["title"]) for s in result["speakers"]] == [
        ("Elena Rossi", "ship's commanding officer")]


def test_initials_before_a_surname_make_a_name():
    assert speakers('Yard chairman K. L. Rao said output doubled. "We hired 300 people," '
                    'Rao said.') == ["K. L. Rao"]
