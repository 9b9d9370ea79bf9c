"""What every list page shares: pagination, rows, filters, facets, filter options."""

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect

from articles import search
from articles.caching import versioned
from articles.facets import counted_ids, facets
from articles.filters import ArticleFilterSet, StatementFilterSet
from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Source,
    Statement,
    count_of,
    listed_q,
)
from articles.rankings import ranked_for
from articles.search.entities import entity_cards
from articles.suggestions import suggestions

PUBLISHED_ARTICLES = listed_q("articles__")


def without_empty_parameters(view):
    """A list's filter form sent as it is carries every unset field (`country=&sort=&…`):
    such a request is sent on to the same address without them, so that the address a
    reader copies, and the page cache, hold one URL per list. No script needed."""
    @wraps(view)
    def clean_first(request, *args, **kwargs):
        pairs = [(key, value) for key, values in request.GET.lists() for value in values]
        kept = [(key, value) for key, value in pairs if value.strip()]
        if len(kept) < len(pairs):
            query = urlencode(kept)
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
        return view(request, *args, **kwargs)

    return clean_first


def paginate(request, queryset, notices: list[str], parameter: str = "page",
             per_page: int | None = None):
    """The requested page of `queryset`; a page that cannot be shown gets a notice, not a 404."""
    paginator = Paginator(queryset, per_page or settings.ARTICLES_PER_PAGE)
    raw = request.GET.get(parameter, "1").strip()
    try:
        number = int(raw)
    except ValueError:
        notices.append(f"“{raw[:40]}” is not a page number; showing the first page.")
        number = 1
    if number < 1:
        notices.append(f"There is no page {number}; showing the first page.")
        number = 1
    elif number > paginator.num_pages:
        notices.append(
            f"There is no page {number}; showing the last page ({paginator.num_pages})."
        )
        number = paginator.num_pages
    return paginator.page(number)


def article_rows(queryset):
    """What a row of an article list shows, fetched in a fixed number of queries."""
    return queryset.select_related("source").prefetch_related(
        Prefetch("countries", queryset=Country.objects.only("code", "name")),
        Prefetch("companies", queryset=Company.objects.published().only("slug", "name")),
        story_copies_prefetch(),
    ).annotate(statement_count=count_of(Statement.objects.published(), "article"))


def story_copies_prefetch():
    """The published copies of each row's story, for "also published by": two queries a page."""
    return Prefetch("story__articles", to_attr="published_copies", queryset=(
        Article.objects.readable().select_related("source")
        .only("slug", "title", "story_id", "published_on", "source__name", "source__slug")
        .order_by("published_on", "pk")))


def statement_rows(queryset):
    return queryset.select_related("speaker", "speaker_organization", "article__source")


def filtered_listings(request, articles=None, statements=None, with_facets=False,
                      statements_in_articles=False):
    """The article and statement lists of a page, filtered by the same query parameters.

    Entity pages pass querysets already narrowed to the entity; the reader's filters then
    narrow them further. With `statements_in_articles` the statements are those in
    `articles` (a country's, a sector's): unfiltered, they are found from the article list.
    """
    article_filter = (
        ArticleFilterSet(request.GET, queryset=articles) if articles is not None else None
    )
    statement_filter = (
        StatementFilterSet(request.GET, queryset=statements) if statements is not None else None
    )
    filtersets = [f for f in (article_filter, statement_filter) if f is not None]
    main_filter = filtersets[0]
    notices = [notice for filterset in filtersets for notice in filterset.notices]
    context = {"filter": main_filter}
    if article_filter is not None:
        context["article_page"] = results_page(request, article_filter, article_rows, notices)
    if statement_filter is not None:
        parameter = "page" if article_filter is None else "statements_page"
        listed = context.get("article_page")
        follow = listed.paginator.object_list if statements_in_articles and listed else None
        context["statement_page"] = results_page(
            request, statement_filter, statement_rows, notices, parameter, follow
        )
    context["notices"] = list(dict.fromkeys(notices))
    context["active_filters"] = main_filter.active_filters()
    context["view_links"] = main_filter.view_links(settings.ARTICLES_PER_PAGE)
    context["filter_options"] = filter_options()
    if with_facets:
        results = context.get("article_page", context.get("statement_page")).paginator.object_list
        ids, context["facets_are_sampled"] = counted_ids(main_filter, results)
        context["facet_sample_size"] = len(ids)
        context["facets"] = facets(main_filter, ids)
        if main_filter.search_query.is_usable:
            context["entity_cards"] = entity_cards(main_filter.search_query.text)
    pages = [context[name] for name in ("article_page", "statement_page") if name in context]
    if any(page.paginator.count == 0 for page in pages):
        context["no_results"] = suggestions(main_filter, context.get("entity_cards", []))
    return context


def results_page(request, filterset, rows, notices, parameter="page", articles=None):
    """A page of a filtered list; for a search, best match first with marked snippets.
    `articles`: the results of the page's article list, when these are its statements."""
    query = filterset.search_query
    if filterset.ranks_by_relevance:
        results = search.RankedResults(filterset.qs, query, rows)
    elif articles is not None and follows_unfiltered(filterset, articles):
        results = search.StatementsOfListedArticles(filterset.qs, rows, articles)
    else:
        results = search.CappedResults(filterset.qs, rows)
    page = paginate(request, results, notices, parameter,
                    filterset.page_size(settings.ARTICLES_PER_PAGE))
    if query.is_usable:
        page.object_list = list(page.object_list)
        model = filterset.queryset.model
        marked = search.backend().highlights(model, [row.pk for row in page.object_list],
                                             query)
        for row in page.object_list:
            highlight = marked.get(row.pk)
            row.snippet = highlight.snippet if highlight else None
            row.marked_title = highlight.title if highlight else None
    return page


def follows_unfiltered(statement_filter, articles) -> bool:
    """Whether the statement list may be read from the article list's first ids: neither
    list filtered (a reader's filter can narrow statements and articles differently) and
    both newest first."""
    return (isinstance(articles, search.CappedResults)
            and not isinstance(articles, search.RankedResults)
            and not statement_filter.active_filters()
            and articles.is_newest_first()
            and search.CappedResults(statement_filter.qs).is_newest_first())


FILTER_COMPANIES = 200


def filter_options():
    """The choices of the filter form: what published articles name, and every sector.

    Kept until the content changes: the same for every list page.
    """
    def options():
        # A choice of every company would grow with the archive (5,000 options, 190 ms
        # to unpickle at a million articles): the most covered ones, by name; any other
        # is a link away on its page or in the search.
        ranking = ranked_for(AnonymousUser(), Company)
        covered = [row.pk for row in ranking[:FILTER_COMPANIES] if row.count]
        return {
            "countries": list(Country.objects.in_published_articles().only("code", "name")),
            "companies": list(Company.objects.filter(pk__in=covered).order_by("name")
                              .only("slug", "name")),
            "sectors": list(Sector.objects.select_related("parent").order_by("parent__name",
                                                                             "name")),
            "sources": list(Source.objects.in_published_articles().only("slug", "name")),
        }

    return versioned("filter-options", options)


# Entities an entity page names (a country's companies, a company's people): the first few,
# then how many more — a list that grows with the archive would make the page grow too.
LINKED_ENTITIES = 30


@dataclass
class FirstOf:
    items: list
    more: int  # how many more there are than `items` shows

    def __bool__(self):
        return bool(self.items)


def first_of(queryset, limit: int = LINKED_ENTITIES) -> FirstOf:
    """The first `limit` rows of `queryset`, counting the rest only when there is a rest."""
    items = list(queryset[:limit + 1])
    if len(items) <= limit:
        return FirstOf(items, 0)
    return FirstOf(items[:limit], queryset.count() - limit)


def most_covered(queryset, limit=12):
    """The entities with the most published articles, each with its `article_count`."""
    return queryset.annotate(
        article_count=Count("articles", filter=PUBLISHED_ARTICLES)
    ).filter(article_count__gt=0).order_by("-article_count", "name")[:limit]


def sector_tree():
    """Top-level sectors with their subsectors, each with its number of published articles.

    A top-level sector counts the articles of its subsectors too, each article once.
    """
    links = Article.sectors.through.objects.filter(listed_q("article__"))
    own_counts = dict(
        links.order_by().values_list("sector").annotate(n=Count("article", distinct=True))
    )
    family_counts = dict(
        links.order_by()
        .annotate(family=Coalesce("sector__parent", "sector"))
        .values_list("family")
        .annotate(n=Count("article", distinct=True))
    )
    children = {}
    for sector in Sector.objects.order_by("name"):
        counts = family_counts if sector.parent_id is None else own_counts
        sector.article_count = counts.get(sector.pk, 0)
        children.setdefault(sector.parent_id, []).append(sector)
    return [(parent, children.get(parent.pk, [])) for parent in children.get(None, [])]
