"""Readers' pages. Each is a queryset, the shared filters and a template."""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from articles import exports, profiles, search
from articles.charts import timeline
from articles.facets import counted_ids, facets
from articles.filters import ArticleFilterSet, StatementFilterSet
from articles.models import (
    Article,
    Company,
    Country,
    Sector,
    Source,
    Speaker,
    SpeakerRole,
    Statement,
)
from articles.profiles import monthly_counts
from articles.search.entities import entity_cards

PUBLISHED_ARTICLES = Q(articles__status=Article.Status.PUBLISHED)
FILTER_OPTIONS_SECONDS = 300
HOME_SECONDS = 300


def paginate(request, queryset, notices: list[str], parameter: str = "page"):
    """The requested page of `queryset`; a page that cannot be shown gets a notice, not a 404."""
    paginator = Paginator(queryset, settings.ARTICLES_PER_PAGE)
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
    """What a row of an article list shows, fetched in a fixed number of queries.

    The statement count is a subquery per row shown, not a GROUP BY: grouping would make
    the database aggregate every matching article before it can take the first page.
    """
    statements = Statement.objects.published().filter(article=OuterRef("pk")).order_by()
    return queryset.select_related("source").prefetch_related(
        Prefetch("countries", queryset=Country.objects.only("code", "name")),
        Prefetch("companies", queryset=Company.objects.only("slug", "name")),
    ).annotate(statement_count=Coalesce(Subquery(
        statements.values("article").annotate(n=Count("pk")).values("n")), 0))


def statement_rows(queryset):
    return queryset.select_related("speaker", "speaker_organization", "article__source")


def filtered_listings(request, articles=None, statements=None, with_facets=False):
    """The article and statement lists of a page, filtered by the same query parameters.

    Entity pages pass querysets already narrowed to the entity; the reader's filters then
    narrow them further.
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
        context["statement_page"] = results_page(
            request, statement_filter, statement_rows, notices, parameter
        )
    context["notices"] = list(dict.fromkeys(notices))
    context["active_filters"] = main_filter.active_filters()
    context["filter_options"] = filter_options()
    if with_facets:
        results = context.get("article_page", context.get("statement_page")).paginator.object_list
        ids, context["facets_are_sampled"] = counted_ids(main_filter, results)
        context["facet_sample_size"] = len(ids)
        context["facets"] = facets(main_filter, ids)
        if main_filter.search_query.is_usable:
            context["entity_cards"] = entity_cards(main_filter.search_query.text)
    return context


def results_page(request, filterset, rows, notices, parameter="page"):
    """A page of a filtered list; for a search, best match first with marked snippets."""
    query = filterset.search_query
    if filterset.ranks_by_relevance:
        results = search.RankedResults(filterset.qs, query, filterset.date_field, rows)
    else:
        results = rows(filterset.qs)
    page = paginate(request, results, notices, parameter)
    if query.is_usable:
        page.object_list = list(page.object_list)
        model = filterset.queryset.model
        snippets = search.backend().snippets(model, [row.pk for row in page.object_list], query)
        for row in page.object_list:
            row.snippet = snippets.get(row.pk)
    return page


def linked_to_articles(relation):
    """An EXISTS probe of the link table's index per entity: cheap however many links."""
    field = relation.field.m2m_reverse_field_name()
    return Exists(relation.through.objects.filter(**{field: OuterRef("pk")}))


def filter_options():
    """The choices of the filter form: the countries and companies that articles mention.

    Kept for a few minutes: the same for every list page, and slow to change.
    """
    def options():
        return {
            "countries": list(Country.objects.filter(linked_to_articles(Article.countries))
                              .only("code", "name")),
            "companies": list(Company.objects.filter(linked_to_articles(Article.companies),
                                                     is_reviewed=True).only("slug", "name")),
            "sectors": list(Sector.objects.select_related("parent").order_by("parent__name",
                                                                             "name")),
            "sources": list(Source.objects.only("slug", "name")),
        }

    return cache.get_or_set("filter-options", options, FILTER_OPTIONS_SECONDS)


def most_covered(queryset, limit=12):
    """The entities with the most published articles, each with its `article_count`."""
    return queryset.annotate(
        article_count=Count("articles", filter=PUBLISHED_ARTICLES)
    ).filter(article_count__gt=0).order_by("-article_count", "name")[:limit]


def home(request):
    published = Article.objects.published()

    def entry_points():
        return {
            "article_total": published.count(),
            "statement_total": Statement.objects.published().count(),
            "countries": list(most_covered(Country.objects.all())),
            "companies": list(most_covered(Company.objects.all())),
            "sector_tree": sector_tree(),
        }

    # The counts behind the entry points scan the whole archive: a few minutes old is fine.
    context = cache.get_or_set("home-entry-points", entry_points, HOME_SECONDS)
    context["latest"] = article_rows(published).order_by("-published_on", "-id")[:8]
    return render(request, "articles/home.html", context)


def article_list(request):
    context = filtered_listings(request, articles=Article.objects.published(), with_facets=True)
    context.update(heading="Articles", noun="article", page=context["article_page"],
                   feed_url="article_list_feed", export_url="article_export")
    return render(request, "articles/article_list.html", context)


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("source", "source__country"),
        slug=slug,
    )
    statements = article.statements.select_related("speaker", "speaker_organization")
    if not request.user.is_staff:
        statements = statements.filter(is_reviewed=True)
    return render(request, "articles/article_detail.html", {
        "article": article,
        "statements": statements,
        "countries": article.countries.all(),
        "companies": article.companies.all(),
        "sectors": article.sectors.select_related("parent"),
    })


def article_export(request, file_format):
    filterset = ArticleFilterSet(request.GET, queryset=Article.objects.published())
    rows = exports.article_rows(filterset.qs, request.build_absolute_uri)
    return exports.download(rows, exports.ARTICLE_COLUMNS, file_format, "articles")


def statement_export(request, file_format):
    filterset = StatementFilterSet(request.GET, queryset=Statement.objects.published())
    rows = exports.statement_rows(filterset.qs, request.build_absolute_uri)
    return exports.download(rows, exports.STATEMENT_COLUMNS, file_format, "statements")


def statement_list(request):
    context = filtered_listings(
        request, statements=Statement.objects.published(), with_facets=True
    )
    context.update(heading="Statements", noun="statement", page=context["statement_page"],
                   feed_url="statement_list_feed", export_url="statement_export")
    return render(request, "articles/statement_list.html", context)


# --- entities ------------------------------------------------------------------------------


def reviewed(queryset, user):
    """People and organisations proposed by extraction stay with the editors until reviewed."""
    return queryset if user.is_staff else queryset.filter(is_reviewed=True)


def company_list(request):
    companies = reviewed(Company.objects, request.user).select_related("country").annotate(
        article_count=Count("articles", filter=PUBLISHED_ARTICLES, distinct=True),
    ).order_by("-article_count", "name")
    notices = []
    page = paginate(request, companies, notices)
    return render(request, "articles/company_list.html", {"page": page, "notices": notices})


def company_detail(request, slug):
    company = get_object_or_404(
        reviewed(Company.objects, request.user).select_related("country", "parent"), slug=slug
    )
    articles = Article.objects.published().involving_all("companies", [company])
    # Its statements are those made on its behalf; /statements/?company= also finds what
    # was said about it.
    context = filtered_listings(
        request,
        articles=articles,
        statements=Statement.objects.published().filter(speaker_organization=company),
    )
    context.update({
        "company": company,
        "timeline": timeline(monthly_counts(articles), f"Articles mentioning {company.name}"),
        "co_mentioned": profiles.co_mentioned(articles, exclude=company),
        "sectors": company.sectors.select_related("parent"),
        "subsidiaries": company.subsidiaries.all(),
        "people": SpeakerRole.objects.filter(organization=company).select_related("speaker"),
    })
    return render(request, "articles/company_detail.html", context)


def speaker_list(request):
    speakers = reviewed(Speaker.objects, request.user).select_related("nationality").annotate(
        statement_count=Count(
            "statements",
            filter=Q(statements__article__status=Article.Status.PUBLISHED),
        ),
    ).prefetch_related(roles_prefetch()).order_by("-statement_count", "name")
    notices = []
    page = paginate(request, speakers, notices)
    return render(request, "articles/speaker_list.html", {"page": page, "notices": notices})


def roles_prefetch():
    return Prefetch(
        "roles",
        queryset=SpeakerRole.objects.select_related("organization").order_by("-first_seen"),
    )


def speaker_detail(request, slug):
    speaker = get_object_or_404(
        reviewed(Speaker.objects, request.user).select_related("nationality")
        .prefetch_related(roles_prefetch()),
        slug=slug,
    )
    articles = Article.objects.published().quoting(speaker)
    context = filtered_listings(
        request,
        articles=articles,
        statements=Statement.objects.published().filter(speaker=speaker),
    )
    context.update({
        "speaker": speaker,
        "timeline": timeline(monthly_counts(articles), f"Articles quoting {speaker.name}"),
        "topics": profiles.topics(articles),
    })
    return render(request, "articles/speaker_detail.html", context)


def country_list(request):
    countries = Country.objects.annotate(
        article_count=Count("articles", filter=PUBLISHED_ARTICLES, distinct=True),
        company_count=Count("companies", distinct=True),
    ).filter(Q(article_count__gt=0) | Q(company_count__gt=0)).order_by("-article_count", "name")
    return render(request, "articles/country_list.html", {"countries": countries})


def country_detail(request, code):
    if code != code.lower():
        return redirect("country_detail", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, code=code.upper())
    articles = Article.objects.published().involving_all("countries", [country])
    context = filtered_listings(
        request,
        articles=articles,
        statements=Statement.objects.published().in_articles(articles),
    )
    context.update({
        "country": country,
        "companies": country.companies.all(),
        "speakers": country.speakers.all(),
        "partners": profiles.partner_countries(country, articles),
        "timeline": timeline(monthly_counts(articles), f"Articles involving {country.name}"),
    })
    return render(request, "articles/country_detail.html", context)


def country_pair(request, first, second):
    if first != first.lower() or second != second.lower():
        return redirect("country_pair", first=first.lower(), second=second.lower(),
                        permanent=True)
    if first == second:
        return redirect("country_detail", code=first)
    countries = Country.objects.in_bulk([first.upper(), second.upper()])
    if len(countries) != 2:
        raise Http404("No such pair of countries.")
    one, other = countries[first.upper()], countries[second.upper()]
    articles = Article.objects.published().involving_all("countries", [one, other])
    context = filtered_listings(
        request, articles=articles,
        statements=Statement.objects.published().in_articles(articles),
    )
    first_side, second_side = profiles.pair_companies(one, other, articles)
    context.update({
        "first": one, "second": other, "first_companies": first_side,
        "second_companies": second_side,
        "timeline": timeline(monthly_counts(articles),
                             f"Articles involving both {one.name} and {other.name}"),
    })
    return render(request, "articles/country_pair.html", context)


def sector_tree():
    """Top-level sectors with their subsectors, each with its number of published articles.

    A top-level sector counts the articles of its subsectors too, each article once.
    """
    links = Article.sectors.through.objects.filter(article__status=Article.Status.PUBLISHED)
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


def sector_list(request):
    return render(request, "articles/sector_list.html", {"tree": sector_tree()})


def sector_detail(request, slug):
    sector = get_object_or_404(Sector.objects.select_related("parent"), slug=slug)
    articles = Article.objects.published().in_sectors([sector])
    context = filtered_listings(
        request,
        articles=articles,
        statements=Statement.objects.published().in_articles(articles),
    )
    context.update({
        "sector": sector,
        "timeline": timeline(monthly_counts(articles), f"Articles in {sector.name}"),
        "subsectors": sector.children.all(),
        "companies": Company.objects.filter(sectors__in=Sector.objects.with_subsectors([sector]))
        .distinct(),
    })
    return render(request, "articles/sector_detail.html", context)


def source_list(request):
    sources = Source.objects.select_related("country").annotate(
        article_count=Count("articles", filter=PUBLISHED_ARTICLES)
    )
    return render(request, "articles/source_list.html", {"sources": sources})


def source_detail(request, slug):
    source = get_object_or_404(Source.objects.select_related("country"), slug=slug)
    articles = Article.objects.published().filter(source=source)
    context = filtered_listings(
        request,
        articles=articles,
        statements=Statement.objects.published().in_articles(articles),
    )
    context["source"] = source
    return render(request, "articles/source_detail.html", context)
