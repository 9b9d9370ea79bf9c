"""Stage 3 of extraction: each statement says which sieve attributed it, and how sure it is."""

from articles.extraction import extract


def sieves(body):
    return [(s["speaker"], s["sieve"]) for s in extract("Title", body).as_json()["statements"]]


def test_a_name_next_to_the_speech_verb_is_the_most_precise_sieve():
    result = extract("Title", '"Orders are up this year," said Anna Berg.').as_json()
    assert [(s["speaker"], s["sieve"], s["confidence"]) for s in result["statements"]] == [
        ("Anna Berg", "adjacent-name", 0.95)]


def test_a_pronoun_is_resolved_by_its_own_sieve():
    body = 'Anna Berg said the plant was open.\n\n"Orders are up this year," she said.'
    assert sieves(body) == [("Anna Berg", "pronoun")]


def test_a_role_noun_goes_to_the_person_last_named_with_that_title():
    body = ('Defence Minister Piotr Nowak visited the yard.\n\n'
            '"We need two more hulls," the minister said.')
    assert sieves(body) == [("Piotr Nowak", "role-noun")]


def test_an_unnamed_speaker_gets_no_speaker():
    assert sieves('"The talks stalled," a senior official said.') == [(None, "unnamed")]


def test_a_quote_right_after_the_same_speaker_s_continues_it():
    body = '"We are ready," said Anna Berg.\n\n"The crews are trained."'
    assert sieves(body) == [("Anna Berg", "adjacent-name"), ("Anna Berg", "continuation")]


def test_the_less_precise_sieves_are_less_sure():
    from articles.extraction.attribution import CONFIDENCE
    assert CONFIDENCE["adjacent-name"] > CONFIDENCE["pronoun"] > CONFIDENCE["continuation"]


def test_a_sentence_split_by_its_attribution_gives_both_halves_to_the_speaker():
    body = '"The hull is finished," said Anna Berg, "and the engines arrive in June."'
    assert sieves(body) == [("Anna Berg", "adjacent-name"), ("Anna Berg", "split")]


def test_a_press_release_paragraph_after_name_said_colon_is_a_statement():
    body = ("Trade Minister Olaf Lindqvist said:\n\nThis contract secures our shipyards for a "
            "decade.\n\nWe will keep building here.\n\nThe yard employs 2,000 people.")
    assert sieves(body) == [("Olaf Lindqvist", "said-colon"), ("Olaf Lindqvist", "continuation")]


def test_a_name_and_title_ending_in_a_colon_introduce_an_unmarked_paragraph():
    body = "Maria Soto, Chief Executive of Andes Power:\n\nWe are proud to build this line."
    assert sieves(body) == [("Maria Soto", "said-colon")]


def test_a_colon_after_a_paraphrase_introduces_the_subject_s_quote():
    body = ('Commissioner Varga voiced his doubts:\n\n"Nobody has shown us the '
            'numbers yet."')
    assert sieves(body) == [("Varga", "colon-intro")]


def test_a_title_and_a_surname_after_the_verb_name_the_speaker():
    body = ('Finance Minister Tomas Vidal opened the session.\n\n'
            '"We will not raise the tariff," said Minister Vidal.')
    assert sieves(body) == [("Tomas Vidal", "adjacent-name")]


def test_plural_officials_of_a_named_body_are_unnamed_speakers():
    body = '"The sale was approved," Kremlin officials wrote on Friday. "It is final."'
    assert sieves(body) == [(None, "unnamed"), (None, "unnamed")]


def test_a_title_with_its_portfolio_after_of_is_one_title():
    result = extract("Title", '"We signed," said U.S. Secretary of Commerce Dana Hale.')
    assert [(p["name"], p["title"], p["organization"]) for p in result.as_json()["speakers"]] \
        == [("Dana Hale", "Secretary of Commerce", "")]
