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
