from articles.search.query import MAX_TERMS, Term, parse


def test_words_become_separate_clauses():
    query = parse("rostec nato")
    assert query.clauses == [[Term(("rostec",))], [Term(("nato",))]]


def test_quotes_make_a_phrase_and_an_unclosed_quote_runs_to_the_end():
    assert parse('"natural gas" supply').clauses[0] == [Term(("natural", "gas"))]
    assert parse('pipeline "natural gas').clauses[1] == [Term(("natural", "gas"))]


def test_or_joins_neighbouring_terms_into_one_clause():
    assert parse("tank or rail deal").clauses == [
        [Term(("tank",)), Term(("rail",))], [Term(("deal",))]
    ]


def test_a_leading_or_and_a_trailing_or_are_ignored():
    assert parse("or tank or").clauses == [[Term(("tank",))]]


def test_minus_excludes_words_and_phrases():
    query = parse('pipeline -botas -"natural gas"')
    assert query.clauses == [[Term(("pipeline",))]]
    assert query.excluded == [Term(("botas",), True), Term(("natural", "gas"), True)]


def test_punctuated_tokens_become_phrases_of_their_parts():
    assert parse("TS-300").clauses == [[Term(("ts", "300"))]]
    assert parse("U.S.").clauses == [[Term(("u", "s"))]]


def test_operators_and_special_characters_alone_leave_nothing_to_search():
    for text in ["-", "or", '"', "'&|!:*()\\", "the", "", "   ", "-pipeline"]:
        assert not parse(text).is_usable, text


def test_a_search_of_only_stop_words_says_so():
    assert "no words to look for" in parse("the of and").notices[0]


def test_nul_bytes_and_control_characters_are_separators():
    assert parse("pipe\x00line\x07gas").words() == ["pipe", "line", "gas"]


def test_long_queries_are_cut_with_a_notice():
    query = parse(" ".join(f"word{n}" for n in range(200)))
    assert len(query.clauses) == MAX_TERMS
    assert any("first" in notice for notice in query.notices)
