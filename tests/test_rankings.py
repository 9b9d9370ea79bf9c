"""The cached ranking behind /companies/ and /speakers/: compact, and sliced as pages."""

import pytest
from django.core.cache import cache

from articles.rankings import Ranked, Ranking, company_ranking
from tests.factories import make_article, make_company


def test_a_slice_of_a_ranking_is_that_page_of_rows_in_order():
    ranking = Ranking(pks=[7, 3, 9], counts=[5, 2, 0])
    assert ranking[1:] == [Ranked(3, 2), Ranked(9, 0)]
    assert ranking[0] == Ranked(7, 5)
    assert len(ranking) == 3


def test_a_ranking_comes_back_from_the_cache_as_it_went_in():
    ranking = Ranking(pks=range(1000), counts=range(1000, 0, -1))
    cache.set("a-ranking", ranking)
    restored = cache.get("a-ranking")
    assert restored[:] == ranking[:]


@pytest.mark.django_db
def test_readers_ranking_leaves_out_what_awaits_review_and_editors_keeps_it():
    reviewed = make_company(name="Reviewed")
    proposed = make_company(name="Proposed", is_reviewed=False)
    make_article(companies=[proposed])
    rankings = company_ranking()
    assert [row.pk for row in rankings["all"]] == [proposed.pk, reviewed.pk]
    assert [row.pk for row in rankings["published"]] == [reviewed.pk]
