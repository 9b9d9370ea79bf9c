"""CSV and JSON downloads of the filtered lists."""


from archive.throttling import heavy_download
from articles import exports
from articles.filters import ArticleFilterSet, StatementFilterSet
from articles.models import (
    Article,
    Statement,
)


@heavy_download("exports")
def article_export(request, file_format):
    filterset = ArticleFilterSet(request.GET, queryset=Article.objects.published())
    rows = exports.article_rows(filterset.qs, request.build_absolute_uri)
    return exports.download(rows, exports.ARTICLE_COLUMNS, file_format, "articles")


@heavy_download("exports")
def statement_export(request, file_format):
    filterset = StatementFilterSet(request.GET, queryset=Statement.objects.published())
    rows = exports.statement_rows(filterset.qs, request.build_absolute_uri)
    return exports.download(rows, exports.STATEMENT_COLUMNS, file_format, "statements")
