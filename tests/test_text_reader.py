"""Plain-text articles: header lines before the headline or just under it are headers;
header furniture never reaches the body; unreadable headers refuse the file."""

from datetime import date

from articles.ingest.readers import ArticleRecord, Problem, read_text

BODY = "The yard will build two corvettes.\n\nDelivery starts in 2026."


def only(text: str) -> ArticleRecord | Problem:
    items = list(read_text(text, "inbox/corvettes.txt"))
    assert len(items) == 1
    return items[0]


def test_headers_above_the_headline_are_read_as_before():
    record = only(f"Source: Harbour Wire\nPublished: 2025-03-04\n\nYard wins corvettes\n\n{BODY}")
    assert (record.title, record.source, record.published) == (
        "Yard wins corvettes", "Harbour Wire", date(2025, 3, 4))
    assert record.body == BODY


def test_headers_under_the_headline_are_headers_not_the_first_paragraph():
    record = only(f"Yard wins corvettes\nPublished: 2025-03-04\nByline: Ada Jones\n"
                  f"URL: https://example.org/corvettes\n\n{BODY}")
    assert record.title == "Yard wins corvettes"
    assert (record.published, record.byline, record.url) == (
        date(2025, 3, 4), "Ada Jones", "https://example.org/corvettes")
    assert record.body == BODY
    assert record.notes == []


def test_headers_may_be_split_around_the_headline_and_separated_by_blank_lines():
    record = only(f"\n\nSource: Harbour Wire\n\nYard wins corvettes\n\nDate: 4 March 2025\n\n"
                  f"Author: Ada Jones\n\n{BODY}")
    assert (record.source, record.published, record.byline) == (
        "Harbour Wire", date(2025, 3, 4), "Ada Jones")
    assert record.body == BODY


def test_a_title_header_leaves_the_first_line_to_the_body():
    record = only(f"Title: Yard wins corvettes\nPublished: 2025-03-04\n\n{BODY}")
    assert record.title == "Yard wins corvettes"
    assert record.body == BODY


def test_an_unreadable_date_refuses_the_file_instead_of_dating_it_today():
    problem = only(f"Yard wins corvettes\nPublished: next Tuesday\n\n{BODY}")
    assert isinstance(problem, Problem)
    assert str(problem) == ("inbox/corvettes.txt: line 2: the Published: header “next Tuesday” "
                            "is not a date (write it as YYYY-MM-DD)")


def test_an_empty_header_refuses_the_file():
    problem = only(f"Source:\nYard wins corvettes\n\n{BODY}")
    assert str(problem) == "inbox/corvettes.txt: line 1: the Source: header is empty"


def test_two_different_values_for_one_header_refuse_the_file():
    problem = only(f"Published: 2025-03-04\nYard wins corvettes\nPublished: 2025-03-05\n\n{BODY}")
    assert "line 3: a second Published: header (“2025-03-05”, after “2025-03-04”)" in str(problem)


def test_a_header_line_deep_in_the_body_is_refused_not_published():
    problem = only(f"Yard wins corvettes\n\n{BODY}\n\nByline: Ada Jones\n")
    assert isinstance(problem, Problem)
    assert "line 7: a Byline: header inside the body text" in str(problem)
    assert "before the title or right after it" in str(problem)


def test_a_sentence_that_starts_like_a_header_inside_a_paragraph_stays_body():
    body = "The deal was confirmed.\nSource: the ministry said so in a statement."
    record = only(f"Yard wins corvettes\n\n{body}")
    assert record.body == body


def test_a_file_of_headers_only_has_no_title():
    problem = only("Published: 2025-03-04\nSource: Harbour Wire\n")
    assert str(problem) == "inbox/corvettes.txt: no title"
