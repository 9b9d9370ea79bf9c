"""The country and sector listings (articles.listings) hold each listed article under each
of its countries and sectors, with its date, whatever path changed the article or its
links: the database's triggers keep them, so these tests change things the ways the
archive does."""

from datetime import date

import pytest

from articles import bulk
from articles.models import Article, CountryListing, Sector, SectorListing
from tests.factories import country, make_article, make_sector, make_story

pytestmark = pytest.mark.django_db


def listing() -> set[tuple[int, str, date]]:
    return set(CountryListing.objects.values_list("article_id", "country_id", "published_on"))


def expected() -> set[tuple[int, str, date]]:
    """What the listing should hold, worked out from the articles and their links."""
    return {(article.pk, code, article.published_on)
            for article in Article.objects.published().prefetch_related("countries")
            for code in article.countries.values_list("code", flat=True)}


def test_a_published_article_is_listed_under_each_of_its_countries_with_its_date():
    article = make_article(countries=["TR", "RU"], published_on=date(2024, 3, 1))
    assert listing() == {(article.pk, "TR", date(2024, 3, 1)), (article.pk, "RU", date(2024, 3, 1))}


def test_a_draft_is_not_listed_until_it_is_published():
    article = make_article(countries=["TR"], status=Article.Status.DRAFT)
    assert listing() == set()
    article.status = Article.Status.PUBLISHED
    article.save()
    assert listing() == expected() != set()


def test_publishing_and_withdrawing_through_a_queryset_update_is_followed():
    article = make_article(countries=["TR"], status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    assert listing() == {(article.pk, "TR", article.published_on)}
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert listing() == set()


def test_a_new_date_moves_the_article_in_its_countries_lists():
    article = make_article(countries=["TR"], published_on=date(2024, 1, 1))
    Article.objects.filter(pk=article.pk).update(published_on=date(2025, 6, 30))
    assert listing() == {(article.pk, "TR", date(2025, 6, 30))}


def test_only_the_canonical_copy_of_a_story_is_listed():
    first = make_article(countries=["TR"], published_on=date(2024, 1, 1))
    copy = make_article(countries=["TR"], published_on=date(2024, 1, 2))
    make_story(first, copy)
    assert listing() == expected()
    assert len(listing()) == 1


def test_links_added_removed_and_cleared_are_followed():
    article = make_article(countries=["TR"])
    article.countries.add(country("GR"))
    assert listing() == expected() == {(article.pk, "TR", article.published_on),
                                       (article.pk, "GR", article.published_on)}
    article.countries.remove(country("TR"))
    assert listing() == {(article.pk, "GR", article.published_on)}
    Article.countries.through.objects.create(article=article, country=country("RU"))
    assert listing() == expected()
    article.countries.clear()
    assert listing() == set()


def test_a_link_moved_to_another_country_is_followed():
    article = make_article(countries=["TR"])
    Article.countries.through.objects.filter(article=article).update(country=country("GR"))
    assert listing() == {(article.pk, "GR", article.published_on)}


def test_a_deleted_article_leaves_no_rows():
    article = make_article(countries=["TR", "RU"])
    make_article(countries=["TR"])
    article.delete()
    assert listing() == expected()
    assert len(listing()) == 1


def test_links_written_in_bulk_are_listed():
    article = make_article()
    through = Article.countries.through
    bulk.insert_rows(through, ["article_id", "country_id"],
                     [(article.pk, "TR"), (article.pk, "RU")])
    bulk.Table(through, ["article", "country"], with_ids=False).write([(article.pk, "GR")])
    assert listing() == expected()
    assert len(listing()) == 3


def test_a_country_page_lists_what_the_link_table_says_newest_first():
    for day in (5, 1, 9, 3):
        make_article(countries=["TR", "GR"], published_on=date(2024, 1, day))
    make_article(countries=["GR"], published_on=date(2024, 1, 7))
    make_article(countries=["TR"], status=Article.Status.DRAFT, published_on=date(2024, 1, 8))
    links = Article.countries.through.objects.filter(country="TR").values("article_id")
    plain = Article.objects.filter(status=Article.Status.PUBLISHED, is_canonical=True,
                                   pk__in=links).order_by("-published_on", "-id")
    listed = Article.objects.published().involving_all("countries", [country("TR")])
    assert list(listed.in_date_order().values_list("pk", flat=True)) == \
        list(plain.values_list("pk", flat=True))
    assert list(listed.in_date_order(descending=False).values_list("pk", flat=True)) == \
        list(plain.reverse().values_list("pk", flat=True))


def test_a_pair_is_one_countrys_listing_tested_against_the_others_links():
    both = make_article(countries=["TR", "GR"])
    make_article(countries=["TR"])
    make_article(countries=["GR"])
    pair = Article.objects.published().involving_all("countries", [country("TR"), country("GR")])
    assert list(pair.in_date_order().values_list("pk", flat=True)) == [both.pk]


def test_articles_of_every_status_do_not_come_from_the_listing():
    draft = make_article(countries=["TR"], status=Article.Status.DRAFT)
    everything = Article.objects.involving_all("countries", [country("TR")])
    assert list(everything.values_list("pk", flat=True)) == [draft.pk]


# --- sectors: listed under each sector and under its parent -----------------------------------

def sector_listing() -> set[tuple[int, int]]:
    return set(SectorListing.objects.values_list("article_id", "sector_id"))


@pytest.fixture
def energy():
    parent = make_sector(name="Listed energy")
    return (parent, make_sector(name="Listed gas", parent=parent),
            make_sector(name="Listed oil", parent=parent))


def test_an_article_is_listed_under_its_sectors_and_their_parent_once(energy):
    parent, gas, oil = energy
    article = make_article(sectors=[gas, oil], published_on=date(2024, 2, 2))
    assert set(SectorListing.objects.values_list("article_id", "sector_id", "published_on")) == {
        (article.pk, parent.pk, date(2024, 2, 2)), (article.pk, gas.pk, date(2024, 2, 2)),
        (article.pk, oil.pk, date(2024, 2, 2))}


def test_the_parent_stays_while_another_subsector_still_links_the_article(energy):
    parent, gas, oil = energy
    article = make_article(sectors=[gas, oil])
    article.sectors.remove(gas)
    assert sector_listing() == {(article.pk, parent.pk), (article.pk, oil.pk)}
    article.sectors.remove(oil)
    assert sector_listing() == set()


def test_a_sector_moved_to_another_parent_takes_its_articles_along(energy):
    parent, gas, _ = energy
    article = make_article(sectors=[gas])
    other = make_sector(name="Listed fuels")
    gas.parent = other
    gas.save()
    assert sector_listing() == {(article.pk, gas.pk), (article.pk, other.pk)}


def test_a_sector_listing_follows_status_and_date_like_a_country_listing(energy):
    _, gas, _ = energy
    article = make_article(sectors=[gas], status=Article.Status.DRAFT)
    assert sector_listing() == set()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED,
                                                 published_on=date(2025, 1, 1))
    assert set(SectorListing.objects.values_list("published_on", flat=True)) == {date(2025, 1, 1)}


def test_a_sector_page_lists_its_own_and_its_subsectors_articles_newest_first(energy):
    parent, gas, oil = energy
    for day, sectors in [(3, [gas]), (1, [oil]), (5, [parent]), (4, [gas, oil])]:
        make_article(sectors=sectors, published_on=date(2024, 1, day), countries=["TR"])
    make_article(sectors=[make_sector(name="Listed naval")], published_on=date(2024, 1, 6))
    links = Article.sectors.through.objects.filter(
        sector__in=Sector.objects.with_subsectors([parent])).values("article_id")
    plain = Article.objects.filter(status=Article.Status.PUBLISHED, pk__in=links)
    for sectors in ([parent], [gas]):
        listed = Article.objects.published().in_sectors(sectors).in_date_order()
        expected_ids = plain.filter(pk__in=Article.sectors.through.objects.filter(
            sector__in=Sector.objects.with_subsectors(sectors)).values("article_id"))
        assert list(listed.values_list("pk", flat=True)) == \
            list(expected_ids.order_by("-published_on", "-id").values_list("pk", flat=True))
    both = Article.objects.published().in_sectors([gas, oil])
    either = Article.objects.published().in_sectors([gas, oil], any_of=True)
    assert both.count() == 1 and either.count() == 3
    with_country = Article.objects.published().involving_all(
        "countries", [country("TR")]).in_sectors([gas])
    assert with_country.count() == 2
