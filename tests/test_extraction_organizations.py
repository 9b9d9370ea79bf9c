"""Organisations, one pattern of news writing at a time, in short texts of our own."""

import pytest

from articles.country_names import country_records
from articles.extraction import Gazetteer, KnownCountry, extract


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer(countries=[
        KnownCountry(r["code"], (r["name"], *r["aliases"]), tuple(r["demonyms"]))
        for r in country_records()
    ])


def organizations(gazetteer, body, title="Shipping news"):
    return {o["name"]: o["aliases"] for o in extract(title, body, gazetteer).as_json()
            ["organizations"]}


def test_a_dateline_with_a_double_hyphen_is_a_place(gazetteer):
    found = organizations(gazetteer, "OSLO, May 2 -- Norway opened a new gas field on Tuesday.")
    assert "OSLO" not in found


def test_a_dateline_naming_two_cities_is_two_places(gazetteer):
    found = organizations(gazetteer, "OSLO/BERGEN, May 2 (Reuters) - Norway opened a field.")
    assert "OSLO" not in found and "BERGEN" not in found


def test_an_acronym_before_what_it_names_is_a_thing(gazetteer):
    found = organizations(gazetteer, "Prices at the Nordic NGX hub rose as KTX launchers "
                                     "arrived.")
    assert found == {}


def test_an_agency_or_council_of_something_is_an_organisation(gazetteer):
    found = organizations(gazetteer, "Officials from the Agency for Armament and the "
                                     "Council of Baltic Ports met.")
    assert {"Agency for Armament", "Council of Baltic Ports"} <= set(found)


def test_a_name_then_what_kind_of_company_it_is_in_apposition(gazetteer):
    found = organizations(gazetteer, (
        "Gazoblast, Ukraine's state energy company, paid. Minister Petro Marchuk spoke. "
        "Marchuk, a company veteran, agreed. John Smith, a company spokesman, said so."))
    assert set(found) == {"Gazoblast"}


def test_armed_services_are_named_with_the_country_they_serve(gazetteer):
    found = organizations(gazetteer, "The Greek Navy trained with the Royal Danish Air Force, "
                                     "while the U.S. Army watched and the Navy Koni-class "
                                     "ships waited. The Polish Army Logistics Command paid.")
    assert {"Greek Navy", "Royal Danish Air Force", "U.S. Army"} <= set(found)
    assert "Polish Army" not in found


def test_numbered_fleets_keep_their_country(gazetteer):
    assert "U.S. 7th Fleet" in organizations(gazetteer, "The ship joined the U.S. 7th Fleet.")


def test_a_generational_suffix_is_not_an_organisation(gazetteer):
    assert "III" not in organizations(gazetteer, '"We are ready," said Harold T. Bennett III.')


def test_weapons_ships_and_designations_are_not_organisations(gazetteer):
    found = organizations(gazetteer, (
        "The package adds rounds for Patriot Missile Systems and Multiple Launch Rocket "
        "Systems, more IRIS-T launchers and the Coastal Strike Missile (CSM). The destroyer "
        "USS Arleigh (DDG 51) sailed with a Short Range Air Defence System, or SHORAD."))
    assert found == {}


def test_an_acronym_spelt_out_in_lower_case_is_a_thing(gazetteer):
    assert organizations(gazetteer, "The crews held a joint maritime drill (JMD) and "
                                    "the JMD ended on Friday.") == {}


def test_names_ending_in_what_a_government_body_is_are_organisations(gazetteer):
    found = organizations(gazetteer, "The Transport Department said the Nordic Council and "
                                     "the European Commission agreed.")
    assert {"Transport Department", "Nordic Council", "European Commission"} <= set(found)


def test_a_possessive_separates_an_owner_from_its_office(gazetteer):
    found = organizations(gazetteer, "A Space and Missile Command's Contracts Directorate "
                                     "officer signed.")
    assert {"Space and Missile Command", "Contracts Directorate"} <= set(found)


def test_a_legal_form_may_follow_a_comma(gazetteer):
    found = organizations(gazetteer, "Baltic Wind Holdings, LLC signed with Orion Co., Ltd. "
                                     "on Friday.")
    assert {"Baltic Wind Holdings, LLC", "Orion Co., Ltd"} <= set(found)


def test_legal_forms_with_full_stops_and_in_lower_case_end_a_company_name(gazetteer):
    found = organizations(gazetteer, "Fjord Gas S.A. and Anatolia Kablo A.Ş. joined Borealis "
                                     "Pumps plc and Tesla Grid SE.")
    assert set(found) == {"Fjord Gas S.A.", "Anatolia Kablo A.Ş.", "Borealis Pumps plc",
                          "Tesla Grid SE"}


def test_two_companies_joined_by_and_are_both_found(gazetteer):
    found = organizations(gazetteer, "Orbital Technologies and Kestrel Electric will bid.")
    assert set(found) == {"Orbital Technologies", "Kestrel Electric"}


def test_a_stock_ticker_is_not_an_organisation(gazetteer):
    found = organizations(gazetteer, "Harbor Turbine Corp (HTC.N) rose. Veldt Energy "
                                     "(NYSE: VLD) fell.")
    assert "HTC" not in found and "VLD" not in found


def test_one_word_that_issues_a_statement_is_an_organisation_unless_a_person(gazetteer):
    found = organizations(gazetteer, (
        "KYIV, May 3 (Reuters) - Gazoblast said in a statement it had paid. Later, Petro "
        "Marchuk resigned. Marchuk said in a statement he was leaving, and Officials said in "
        "a statement they agreed."))
    assert set(found) == {"Gazoblast"}


def test_a_name_in_quotation_marks_after_what_the_company_is(gazetteer):
    found = organizations(gazetteer, 'Director General of State Corporation “Atomflot” '
                                     'Pavel Ilyin signed.')
    assert found == {"Atomflot": []}


def test_an_acronym_in_capitals_after_a_company_name_belongs_to_it(gazetteer):
    found = organizations(gazetteer, "The Northern Shipbuilding Corporation NSC signed.")
    assert found == {"Northern Shipbuilding Corporation NSC": ["NSC"]}


def test_names_with_an_ampersand_are_companies_but_r_and_d_is_not(gazetteer):
    found = organizations(gazetteer, "Analysts at B&K Research said R&D spending rose, "
                                     "according to Harper & Lowe.")
    assert set(found) == {"B&K Research", "Harper & Lowe"}


def test_a_name_listed_beside_a_registered_company_is_a_company(gazetteer):
    found = organizations(gazetteer, "It signed contracts with Falcon Tankers LLC and "
                                     "Blue Harbour Shipping, and with Redwood Gas and "
                                     "Tern Marine Inc. last week.")
    assert {"Blue Harbour Shipping", "Redwood Gas"} <= set(found)


def test_the_body_a_title_is_held_at_stops_before_a_rank_or_a_name(gazetteer):
    found = organizations(gazetteer, (
        "The chairman of the Defence Procurement Board Adm. Jane Doe met the Secretary of "
        "the Treasury Ann Lee and Secretary of Energy Bo Park. The head of the Harbour "
        "Safety Committee Maria Ruiz and the head of the Dock Workers Union Lee Chang spoke."))
    assert set(found) == {"Defence Procurement Board", "Harbour Safety Committee",
                          "Dock Workers Union"}


def test_a_title_case_headline_gives_the_name_as_the_body_prints_it(gazetteer):
    found = organizations(gazetteer, "The Baltic Grid Council met. OPEC was there.",
                          title="Minister Welcomes Baltic Grid Council Plan As OPEC Warns")
    assert set(found) == {"Baltic Grid Council", "OPEC"}


def test_a_topic_at_the_end_of_a_treaty_name_is_not_a_company(gazetteer):
    found = organizations(gazetteer, "They signed the Treaty on the Peaceful Uses of Solar "
                                     "Energy.")
    assert "Solar Energy" not in found


def test_a_portfolio_before_a_title_is_not_an_organisation(gazetteer):
    found = organizations(gazetteer, "Chilean Mines and Energy Minister Ana Soto spoke, and "
                                     '"We are ready," said Project Manager Tom Hale.')
    assert found == {}


def test_the_last_name_in_a_clause_after_a_title_is_a_place(gazetteer):
    found = organizations(gazetteer, (
        '"We are ready," said Ana Soto, the first of two officers to be posted to Souda.'))
    assert "Souda" not in found


def speakers(gazetteer, body):
    return [(s["name"], s["title"], s["organization"])
            for s in extract("Title", body, gazetteer).as_json()["speakers"]]


def test_an_organisation_in_apposition_after_the_title_is_where_it_is_held(gazetteer):
    body = '"The sea lanes stay open," said Rear Adm. Nora Quist, commander, U.S. 4th Fleet.'
    assert speakers(gazetteer, body) == [("Nora Quist", "commander", "U.S. 4th Fleet")]


def test_a_title_then_an_organisation_and_its_country_before_a_press_release_colon(gazetteer):
    body = ("Tern Marine Inc. and TMS signed the deal.\n\n"
            "Owen Hart, Chief Executive TMS Norway:\n\n"
            "We are delighted to build these ships for the fleet.")
    assert speakers(gazetteer, body) == [("Owen Hart", "Chief Executive", "TMS Norway")]
