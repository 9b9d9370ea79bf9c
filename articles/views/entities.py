"""Entity pages: companies, speakers, countries and pairs, sectors, sources."""

from django.db.models import Count, F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from articles import profiles
from articles.caching import versioned
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
from articles.rankings import ranked_for, with_counts
from articles.views import timelines
from articles.views.common import (
    PUBLISHED_ARTICLES,
    filtered_listings,
    first_of,
    paginate,
    sector_tree,
    without_empty_parameters,
)

# Company and speaker pages and lists let editors preview what extraction proposed; their
# listings, counts and every other page show what readers see.


def company_list(request):
    notices = []
    page = paginate(request, ranked_for(request.user, Company), notices)
    page.object_list = with_counts(page.object_list, Company.objects.select_related("country"),
                                   "article_count")
    return render(request, "articles/company_list.html", {"page": page, "notices": notices})


@without_empty_parameters
def company_detail(request, slug):
    visible = Company.objects.visible_to(request.user)
    company = get_object_or_404(visible.select_related("country"), slug=slug)
    articles = Article.objects.published().involving_all("companies", [company])
    # Its statements are those made on its behalf; /statements/?company= also finds what
    # was said about it.
    statements = Statement.objects.published().filter(speaker_organization=company)
    context = filtered_listings(request, articles=articles, statements=statements)
    context.update(timelines.entity_timeline(
        request, company, articles, statements, context,
        articles_name=f"Articles mentioning {company.name}",
        statements_name=f"Statements for {company.name}"))
    context.update({
        "company": company,
        **timelines.network(company, articles),
        "parent": visible.filter(pk=company.parent_id).first(),
        "sectors": company.sectors.select_related("parent"),
        "subsidiaries": first_of(company.subsidiaries.visible_to(request.user)),
        # The most recently seen first.
        "people": first_of(SpeakerRole.objects.visible_to(request.user)
                           .filter(organization=company).select_related("speaker")
                           .order_by(F("last_seen").desc(nulls_last=True), "speaker__name")),
    })
    return render(request, "articles/company_detail.html", context)


def speaker_list(request):
    notices = []
    page = paginate(request, ranked_for(request.user, Speaker), notices)
    page.object_list = with_counts(
        page.object_list, Speaker.objects.prefetch_related(roles_prefetch(request.user)),
        "statement_count")
    return render(request, "articles/speaker_list.html", {"page": page, "notices": notices})


def roles_prefetch(user):
    return Prefetch("roles", queryset=SpeakerRole.objects.visible_to(user)
                    .select_related("organization").order_by("-first_seen"))


@without_empty_parameters
def speaker_detail(request, slug):
    speaker = get_object_or_404(
        Speaker.objects.visible_to(request.user).select_related("nationality")
        .prefetch_related(roles_prefetch(request.user)),
        slug=slug,
    )
    articles = Article.objects.published().quoting(speaker)
    statements = Statement.objects.published().filter(speaker=speaker)
    context = filtered_listings(request, articles=articles, statements=statements)
    context.update({
        "speaker": speaker,
        **timelines.articles_and_statements(
            speaker, articles, statements, f"Articles quoting {speaker.name}",
            f"Statements by {speaker.name}"),
        **timelines.network(speaker, articles),
        "topics": versioned(f"topics:speaker:{speaker.pk}", lambda: profiles.topics(articles)),
    })
    return render(request, "articles/speaker_detail.html", context)


def country_list(request):
    return render(request, "articles/country_list.html",
                  {"countries": versioned("country-list", profiles.country_counts)})


@without_empty_parameters
def country_detail(request, code):
    if code != code.lower():
        return redirect("country_detail", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, code=code.upper())
    articles = Article.objects.published().involving_all("countries", [country])
    statements = Statement.objects.published().in_articles(articles)
    context = filtered_listings(request, articles=articles, statements=statements,
                                statements_in_articles=True)
    context.update(timelines.entity_timeline(
        request, country, articles, statements, context,
        articles_name=f"Articles involving {country.name}", statements_name="Statements in them"))
    context.update({
        "country": country,
        **timelines.network(country, articles),
        "companies": first_of(country.companies.published()),
        "speakers": first_of(country.speakers.published()),
        "partners": versioned(f"partners:{country.pk}",
                              lambda: profiles.partner_countries(country, articles)),
    })
    return render(request, "articles/country_detail.html", context)


@without_empty_parameters
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
        statements_in_articles=True,
    )

    def sides():
        companies = profiles.pair_companies(one, other, articles)
        speakers = profiles.pair_speakers(one, other, articles)
        return {
            "sides": [
                {"country": country, "other": opposite, "companies": companies[index],
                 "speakers": speakers[index], "said": profiles.said_about(country, opposite)}
                for index, (country, opposite) in enumerate(((one, other), (other, one)))
            ],
            "sectors": profiles.linked_counts(Sector, "articles", articles),
        }

    context.update(versioned(f"pair-sides:{one.pk}:{other.pk}", sides))
    context.update({
        "first": one, "second": other,
        **timelines.pair_timeline(one, other, articles),
    })
    return render(request, "articles/country_pair.html", context)


def sector_list(request):
    return render(request, "articles/sector_list.html",
                  {"tree": versioned("sector-tree", sector_tree)})


@without_empty_parameters
def sector_detail(request, slug):
    sector = get_object_or_404(Sector.objects.select_related("parent"), slug=slug)
    articles = Article.objects.published().in_sectors([sector])
    statements = Statement.objects.published().in_articles(articles)
    context = filtered_listings(request, articles=articles, statements=statements,
                                statements_in_articles=True)
    context.update({
        "sector": sector,
        **timelines.articles_and_statements(
            sector, articles, statements, f"Articles in {sector.name}", "Statements in them"),
        "subsectors": sector.children.all(),
        "companies": first_of(Company.objects.published()
                              .filter(sectors__in=Sector.objects.with_subsectors([sector]))
                              .distinct()),
    })
    return render(request, "articles/sector_detail.html", context)


def source_list(request):
    def sources():
        return list(Source.objects.select_related("country").annotate(
            article_count=Count("articles", filter=PUBLISHED_ARTICLES)))

    return render(request, "articles/source_list.html",
                  {"sources": versioned("source-list", sources)})


@without_empty_parameters
def source_detail(request, slug):
    source = get_object_or_404(Source.objects.select_related("country"), slug=slug)
    articles = Article.objects.published().filter(source=source)
    context = filtered_listings(
        request,
        articles=articles,
        statements=Statement.objects.published().in_articles(articles),
        statements_in_articles=True,
    )
    context["source"] = source
    return render(request, "articles/source_detail.html", context)
