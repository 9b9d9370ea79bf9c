from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from articles.models import Article, Company, Country, Sector, validate_alias_list
from tests.factories import (
    make_article,
    make_company,
    make_role,
    make_sector,
    make_source,
    make_speaker,
    make_statement,
)

pytestmark = pytest.mark.django_db


def test_every_iso_country_is_loaded_with_common_names_and_demonyms():
    assert Country.objects.count() == 249
    turkey = Country.objects.get(code="TR")
    assert {"Turkey", "Türkiye"} <= set(turkey.all_names)
    assert "Turkish" in turkey.demonyms
    russia = Country.objects.get(code="RU")
    assert russia.name == "Russia"
    assert "Russian Federation" in russia.aliases
    assert "Russian" in russia.demonyms


def test_a_country_code_must_be_two_capital_letters():
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code="tr", name="Lowercase land")


def test_the_original_url_is_unique_when_present():
    make_article(url="https://example.org/a")
    make_article(url="")
    make_article(url="")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(url="https://example.org/a")


def test_the_same_text_cannot_be_imported_twice():
    make_article(title="Deal signed", body="Text of the deal.")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(title="deal  signed", body="TEXT of the deal.")


def test_a_duplicate_text_is_explained_by_validation():
    original = make_article(title="Deal signed", body="Text of the deal.")
    copy = Article(title="Deal signed", body="Text of the deal.", published_on=date(2024, 1, 1))
    with pytest.raises(ValidationError, match=original.title):
        copy.full_clean()


def test_slugs_are_made_from_titles_and_kept_unique():
    first = make_article(title="Pipeline news", body="one")
    second = make_article(title="Pipeline news", body="two")
    assert first.slug == "pipeline-news"
    assert second.slug == "pipeline-news-2"


def test_sectors_are_at_most_two_levels_deep():
    gas = Sector.objects.get(slug="natural-gas")
    too_deep = Sector(name="LNG carriers", parent=gas)
    with pytest.raises(ValidationError, match="already a subsector"):
        too_deep.full_clean()


def test_a_sector_with_subsectors_cannot_become_a_subsector():
    energy = Sector.objects.get(slug="energy")
    energy.parent = Sector.objects.get(slug="defense")
    with pytest.raises(ValidationError, match="must stay at the top level"):
        energy.full_clean()


def test_sector_names_are_unique_among_siblings():
    with pytest.raises(IntegrityError), transaction.atomic():
        Sector.objects.create(name="Energy", slug="energy-again")


def test_a_company_cannot_belong_to_its_own_subsidiary():
    group = make_company(name="Group")
    subsidiary = make_company(name="Subsidiary", parent=group)
    group.parent = subsidiary
    with pytest.raises(ValidationError, match="own subsidiary"):
        group.full_clean()


def test_role_dates_must_be_in_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_role(make_speaker(), first_seen=date(2024, 5, 1), last_seen=date(2024, 1, 1))


def test_a_speakers_role_on_a_date_is_the_one_held_then():
    speaker = make_speaker()
    company = make_company()
    cfo = make_role(speaker, title="CFO", organization=company,
                    first_seen=date(2023, 1, 1), last_seen=date(2023, 12, 31))
    ceo = make_role(speaker, title="CEO", organization=company, first_seen=date(2024, 1, 1))
    assert speaker.role_on(date(2023, 6, 1)) == cfo
    assert speaker.role_on(date(2025, 6, 1)) == ceo
    assert speaker.role_on(date(2020, 1, 1)) is None


def test_published_returns_only_published_articles():
    published = make_article()
    make_article(status=Article.Status.DRAFT)
    assert list(Article.objects.published()) == [published]


def test_deleting_a_speaker_with_statements_is_refused():
    speaker = make_speaker()
    make_statement(make_article(), speaker=speaker)
    with pytest.raises(ProtectedError):
        speaker.delete()


def test_deleting_a_source_with_articles_is_refused():
    source = make_source()
    make_article(source=source)
    with pytest.raises(ProtectedError):
        source.delete()


@pytest.mark.parametrize("entity", ["country", "company", "sector"])
def test_deleting_an_entity_linked_to_articles_is_refused_with_a_clear_message(entity):
    company = make_company(name="Linked Corp")
    sector = make_sector(name="Linked sector")
    article = make_article(title="Linking article", countries=["TR"], companies=[company],
                           sectors=[sector])
    target, links = {
        "country": (Country.objects.get(code="TR"), article.countries),
        "company": (company, article.companies),
        "sector": (sector, article.sectors),
    }[entity]
    with pytest.raises(ProtectedError, match="still linked to 1 article"), transaction.atomic():
        target.delete()
    assert list(links.all()) == [target]


def test_deleting_a_sector_used_by_a_company_is_refused():
    sector = make_sector()
    make_company(sectors=[sector])
    with pytest.raises(ProtectedError), transaction.atomic():
        Sector.objects.filter(pk=sector.pk).delete()


def test_an_unlinked_entity_can_be_deleted():
    company = make_company()
    company.delete()
    assert not Company.objects.filter(pk=company.pk).exists()


def test_deleting_an_article_removes_its_statements_but_not_the_speaker():
    speaker = make_speaker()
    article = make_article()
    make_statement(article, speaker=speaker)
    article.delete()
    assert not speaker.statements.exists()
    speaker.refresh_from_db()


def test_paragraphs_split_on_blank_lines():
    article = make_article(body="First.\n\n\nSecond line one.\nSecond line two.\n  \nThird.")
    assert article.paragraphs == ["First.", "Second line one.\nSecond line two.", "Third."]


def test_the_refusal_names_what_still_links_to_the_entity():
    sector = make_sector(name="Busy sector")
    make_company(sectors=[sector])
    make_company(sectors=[sector])
    make_article(sectors=[sector])
    with pytest.raises(ProtectedError) as refusal, transaction.atomic():
        sector.delete()
    assert "linked to 2 companies and organisations and 1 article" in str(refusal.value)


@pytest.mark.parametrize("aliases", [["UEC\x00"], ["two\nlines"], "UEC", [1]])
def test_an_alias_list_holds_single_lines_of_plain_text(aliases):
    with pytest.raises(ValidationError):
        validate_alias_list(aliases)
