"""The charts of entity pages: timelines, comparisons (`?compare=`) and co-mention networks.

Each entity's counts per month are cached on their own, so a comparison of any companies
reuses them. Each chart is cached with its markup, until the content changes: rendering
hundreds of bars through the template language costs more than counting them.
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from articles.caching import versioned
from articles.charts import Series, timeline
from articles.comentions import co_mentions, entity_of
from articles.filters import PAGE_PARAMETERS, KeyListField
from articles.models import Article, Country
from articles.network import draw
from articles.profiles import monthly_counts

MOST_COMPARED = 3


def cache_key(obj) -> str:
    entity = entity_of(obj)
    return f"{entity.kind}:{entity.key}"


def article_series(obj, articles, name: str) -> Series:
    return Series(name, "article", versioned(f"months:{cache_key(obj)}",
                                             lambda: monthly_counts(articles)))


def statement_series(obj, statements, name: str) -> Series:
    return Series(name, "statement", versioned(
        f"statement-months:{cache_key(obj)}",
        lambda: monthly_counts(statements, "article__published_on")))


def drawn(key: str, name: str, build) -> dict:
    """`build()`'s chart (None for nothing to draw) as `name`, and its markup as
    `<name>_html`, cached together."""
    def both():
        chart = build()
        html = render_to_string(f"articles/partials/{name}.html", {name: chart}) if chart else ""
        return chart, html

    chart, html = versioned(key, both)
    return {name: chart, f"{name}_html": html}


def articles_and_statements(obj, articles, statements, articles_name, statements_name) -> dict:
    """The entity's articles and statements per month, side by side."""
    return drawn(f"timeline:{cache_key(obj)}", "timeline", lambda: timeline(
        "Articles and statements per month", [
            article_series(obj, articles, articles_name),
            statement_series(obj, statements, statements_name),
        ]))


def network(centre, articles) -> dict:
    """Who appears with `centre` in its articles, drawn; None when nobody does."""
    def build():
        mentions = co_mentions(centre, articles)
        return draw(mentions, f"Who appears with {centre.name}") if mentions else None

    return drawn(f"network:{cache_key(centre)}", "network", build)


def entity_timeline(request, obj, articles, statements, context, *,
                    articles_name: str, statements_name: str) -> dict:
    """The entity's articles and statements per month or, asked `?compare=`, its articles
    beside those of others of its kind: the `timeline`, the others `compared` and the
    `compare_options` of the form."""
    compared = compared_with(request, obj, context["notices"])
    field = key_field(type(obj))
    taken = {obj.pk, *(other.pk for other, *_ in compared)}
    kind = "countries" if isinstance(obj, Country) else "companies"
    options = [(getattr(option, field), option.name)
               for option in context["filter_options"][kind] if option.pk not in taken]
    if not compared:
        charts = articles_and_statements(obj, articles, statements, articles_name,
                                         statements_name)
    else:
        relation = type(obj).objects.get_queryset().article_relation
        keys = ",".join(key for _, key, _ in compared)
        charts = drawn(f"timeline:{cache_key(obj)}:compared:{keys}", "timeline",
                       lambda: timeline("Articles per month", [
                           article_series(obj, articles, obj.name),
                           *(article_series(other, Article.objects.published().involving_all(
                               relation, [other]), other.name) for other, *_ in compared),
                       ]))
    return {**charts, "compared": compared, "compare_options": options}


def key_field(model) -> str:
    return "code" if model is Country else "slug"


def compared_with(request, obj, notices: list[str]):
    """The published entities of `obj`'s kind named by `compare=` (at most MOST_COMPARED),
    each with its key and the address of the page without it; what cannot be compared is
    said in `notices`."""
    model = type(obj)
    field = key_field(model)
    normalize = str.upper if model is Country else str.lower
    noun = model._meta.verbose_name.split(" ")[0]
    try:
        keys = KeyListField(normalize=normalize, required=False).clean(
            request.GET.getlist("compare"))
    except ValidationError as error:
        notices.append(f"Compare: {error.messages[0]} The comparison was left out.")
        return []
    found = model.objects.published().in_bulk(keys, field_name=field)
    for key in keys:
        if key not in found:
            notices.append(f"There is no {noun} “{key}” to compare with; it was left out.")
    others = [found[key] for key in keys if key in found and found[key].pk != obj.pk]
    if len(others) > MOST_COMPARED:
        notices.append(f"A timeline compares at most {MOST_COMPARED + 1} at once; "
                       f"the first {MOST_COMPARED} asked for are shown.")
        others = others[:MOST_COMPARED]
    return [(other, str(getattr(other, field)).lower(),
             without_compared(request, getattr(other, field))) for other in others]


def without_compared(request, key: str) -> str:
    pairs = [(name, value) for name, values in request.GET.lists() if name not in PAGE_PARAMETERS
             for value in values
             if not (name == "compare" and value.strip().lower() == str(key).lower())]
    return "?" + urlencode(pairs)


def pair_timeline(first, second, articles):
    """The pair's articles per month beside each country's own."""
    def articles_of(country):
        return Article.objects.published().involving_all("countries", [country])

    return drawn(f"timeline:pair:{first.pk}:{second.pk}", "timeline", lambda: timeline(
        "Articles per month", [
            Series(f"{first.name} and {second.name}", "article", versioned(
                f"months:pair:{first.pk}:{second.pk}", lambda: monthly_counts(articles))),
            article_series(first, articles_of(first), f"All of {first.name}"),
            article_series(second, articles_of(second), f"All of {second.name}"),
        ]))
