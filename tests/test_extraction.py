"""Extraction on text alone: the shared sample and our own articles covering each pattern."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.country_names import country_records
from articles.extraction import Gazetteer, KnownCountry, KnownSector, extract
from articles.extraction.organization_kinds import organization_kind

DATA = Path(__file__).parent / "data" / "extraction" / "articles.json"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
CASES = json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer(
        countries=[KnownCountry(r["code"], (r["name"], *r["aliases"]), tuple(r["demonyms"]))
                   for r in country_records()],
        sectors=[KnownSector("Land systems", "Defense", ("defense", "armored vehicle")),
                 KnownSector("Natural gas", "Energy", ("natural gas", "pipeline")),
                 KnownSector("Railways", "Rail and infrastructure", ("railway",))],
    )


def statements(result):
    return [(s["speaker"], s["text"]) for s in result["statements"]]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_statements_are_attributed_to_the_right_speaker(gazetteer, case):
    result = extract(case["title"], case["body"], gazetteer).as_json()
    expected = [(s["speaker"], s["text"]) for s in case["statements"]]
    assert statements(result) == expected


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_speakers_come_with_their_title_and_organisation(gazetteer, case):
    result = extract(case["title"], case["body"], gazetteer).as_json()
    found = {s["name"]: (s["title"], s["organization"]) for s in result["speakers"]}
    for speaker in case["speakers"]:
        if any(s["speaker"] == speaker["name"] for s in case["statements"]):
            assert found[speaker["name"]] == (speaker["title"], speaker["organization"])


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_countries_are_found_by_name_and_demonym(gazetteer, case):
    result = extract(case["title"], case["body"], gazetteer).as_json()
    assert set(result["countries"]) == set(case["countries"])


@pytest.mark.parametrize("case", [case for case in CASES if "organizations" in case],
                         ids=[case["name"] for case in CASES if "organizations" in case])
def test_organisations_leave_out_titles_products_datelines_and_shortened_names(gazetteer, case):
    result = extract(case["title"], case["body"], gazetteer).as_json()
    assert sorted(o["name"] for o in result["organizations"]) == sorted(case["organizations"])


def test_the_own_set_covers_at_least_fifteen_statements():
    assert sum(len(case["statements"]) for case in CASES) >= 15


def test_extraction_is_deterministic(gazetteer):
    case = CASES[0]
    assert extract(case["title"], case["body"], gazetteer).as_json() == \
        extract(case["title"], case["body"], gazetteer).as_json()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is not present")
def test_the_shared_sample_comes_out_as_a_careful_editor_records_it(gazetteer):
    text = (SAMPLES / "000_e3544d9ca0214d36.txt").read_text(encoding="utf-8")
    expected = json.loads((SAMPLES / "000_e3544d9ca0214d36.expected.json").read_text())
    title, body = text.split("\n", 1)
    result = extract(title.strip(), body.strip(), gazetteer).as_json()

    assert result["title"] == expected["title"]
    assert statements(result) == [(s["speaker"], s["text"]) for s in expected["statements"]]
    assert [(s["name"], s["title"], s["organization"]) for s in result["speakers"]] == [
        (s["name"], s["title"], s["organization"]) for s in expected["speakers"]
    ]
    kinds = {o["name"]: o["kind"].replace("_", " ") for o in result["organizations"]}
    assert (kinds["Anadolu Agency"], kinds["NATO"]) == ("news agency", "alliance")
    organizations = {o["name"]: set(o["aliases"]) for o in result["organizations"]}
    for organization in expected["organizations"]:
        assert set(organization.get("aliases", [])) <= organizations[organization["name"]]
    assert set(result["countries"]) == set(expected["countries"])
    assert {s.lower() for s in result["sectors"]} == set(expected["sectors"])


PIECES = ["Alexander Potapov", "Gazprom", "al-Kaabi", " bin ", "Rear Admiral ", "CEO ", "(UEC)",
          " said", " told", ", ", ". ", "\n\n", '"', "“", "”", "«", "»", "he", " the ", "of ",
          "Turkey", "Russian", "MOSCOW - ", "its director ", "who chairs ", "B. ", "’s ", "  ",
          "‘", "’", ":", "Dr ", "A spokesman ", "appointed ", " as chief executive", " she"]


# The same examples on every run (derandomize): CI checks what was checked here. Larger
# random runs (20,000 examples) were made by hand and found the double-space crash.
@settings(max_examples=500, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@example('Deputy  Energy Minister  Ivan  Petrov said "we are ready to go".')
@given(st.one_of(st.text(max_size=400),
                 st.lists(st.sampled_from(PIECES), max_size=80).map("".join)))
def test_extraction_answers_for_any_text(gazetteer, body):
    result = extract("Title", body, gazetteer).as_json()
    assert all(statement["text"] for statement in result["statements"])


@pytest.mark.parametrize(("name", "kind"), [
    ("Anadolu Agency", "news_agency"), ("NATO", "alliance"), ("Defense Ministry", "government"),
    ("Presidency of Defense Industries", "government"), ("Kremlin", "government"),
    ("Oxford Institute for Energy Studies", "other"), ("Baykar", "company"),
    ("United Engine Corporation", "company"),
])
def test_organisations_come_with_a_kind_guessed_from_the_name(name, kind):
    assert organization_kind(name) == kind


def test_the_sample_archive_s_direct_quotes_come_out_as_its_editors_recorded_them(gazetteer):
    archive = json.loads((Path(__file__).resolve().parents[1] / "articles" / "sample" /
                          "archive.json").read_text(encoding="utf-8"))
    for article in archive["articles"]:
        result = extract(article["title"], article["body"], gazetteer).as_json()
        direct = [s for s in article["statements"] if s.get("kind", "direct") == "direct"]
        assert {(s["speaker"], s["text"]) for s in result["statements"] if s["speaker"]} == {
            (s["speaker"], s["text"]) for s in direct if s.get("speaker")}, article["title"]
        speakers = {s["name"]: (s["title"], s["organization"]) for s in result["speakers"]}
        for statement in direct:
            if statement.get("speaker"):
                assert speakers[statement["speaker"]] == (statement["title"],
                                                          statement["organization"])
