"""Stage 1 of extraction: quote spans, in every marking style."""

from articles.extraction.quotes import find_quotes


def texts(body):
    return [quote.text for quote in find_quotes(body)]


def test_straight_and_curly_marks_both_delimit_a_quote():
    assert texts('"Prices will rise," he said. “Demand is strong,” she said.') == [
        "Prices will rise,", "Demand is strong,"]


def test_a_quote_may_open_curly_and_close_straight():
    assert texts('“The yard is full this year," the manager said.') == [
        "The yard is full this year,"]


def test_an_apostrophe_inside_a_british_style_quote_does_not_close_it():
    assert texts("‘The plant’s output doubled,’ he said.") == ["The plant’s output doubled,"]


def test_a_quote_continued_in_the_next_paragraph_is_one_span():
    body = '"The first phase is done.\n\n"The second starts in May," she said.'
    assert texts(body) == ["The first phase is done. The second starts in May,"]


def test_a_single_quoted_word_is_not_a_quote():
    assert texts('They called it a "breakthrough" on Monday.') == []
