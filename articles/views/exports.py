"""CSV and JSON downloads of the filtered lists."""


from django.utils.text import slugify

from archive.throttling import heavy_download
from articles import exports
from articles.filters import ENTITY_PARAMETERS, ArticleFilterSet, StatementFilterSet
from articles.models import (
    Article,
    Statement,
)

MAX_NAME = 120


def file_name(noun: str, filterset) -> str:
    """What the rows were chosen by, e.g. "articles_country-ru-tr_q-turbine": a folder of
    downloads stays readable. Only what the filters understood is named."""
    filterset.qs  # noqa: B018  (filtering resolves the entities named below)
    parts = [noun]
    if text := slugify((filterset.form.cleaned_data.get("q") or "").strip())[:40]:
        parts.append(f"q-{text}")
    for parameter, objects in filterset.resolved.items():
        keys = [slugify(str(getattr(obj, ENTITY_PARAMETERS[parameter][1]))) for obj in objects]
        parts.append("-".join([parameter, *keys]))
    for parameter, label in (("published_after", "from"), ("published_before", "until")):
        if day := filterset.form.cleaned_data.get(parameter):
            parts.append(f"{label}-{day:%Y-%m-%d}")
    return "_".join(parts)[:MAX_NAME].strip("-_")


@heavy_download("exports")
def article_export(request, file_format):
    filterset = ArticleFilterSet(request.GET, queryset=Article.objects.published())
    rows = exports.article_rows(filterset.qs, request.build_absolute_uri)
    return exports.download(rows, exports.ARTICLE_COLUMNS, file_format,
                            file_name("articles", filterset))


@heavy_download("exports")
def statement_export(request, file_format):
    filterset = StatementFilterSet(request.GET, queryset=Statement.objects.published())
    rows = exports.statement_rows(filterset.qs, request.build_absolute_uri)
    return exports.download(rows, exports.STATEMENT_COLUMNS, file_format,
                            file_name("statements", filterset))
