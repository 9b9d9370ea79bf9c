"""CSV and JSON downloads of any filtered list, streamed: 100,000 rows never sit in memory."""

import csv
import json

from django.db.models import Prefetch
from django.http import StreamingHttpResponse

from articles.models import Company, Country, Sector
from articles.xml_text import xml_safe

CHUNK = 1000
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def article_rows(queryset, absolute):
    articles = queryset.select_related("source").prefetch_related(
        Prefetch("countries", queryset=Country.objects.only("code")),
        Prefetch("companies", queryset=Company.objects.published().only("name")),
        Prefetch("sectors", queryset=Sector.objects.only("slug")),
    ).order_by("-published_on", "-pk")
    for article in articles.iterator(chunk_size=CHUNK):
        yield {
            "id": article.pk, "slug": article.slug,
            "title": article.title, "published": article.published_on.isoformat(),
            "source": article.source.name if article.source else "",
            "permalink": absolute(article.get_absolute_url()), "original_url": article.url,
            "byline": article.byline,
            "countries": ";".join(c.code for c in article.countries.all()),
            "companies": ";".join(c.name for c in article.companies.all()),
            "sectors": ";".join(s.slug for s in article.sectors.all()),
            "summary": article.summary,
        }


def statement_rows(queryset, absolute):
    statements = queryset.select_related(
        "speaker", "speaker_organization", "article__source"
    ).order_by("-article__published_on", "-pk")
    for statement in statements.iterator(chunk_size=CHUNK):
        yield {
            "id": statement.pk, "article_id": statement.article_id,
            "speaker_slug": statement.speaker.slug if statement.speaker else "",
            "text": statement.text, "kind": statement.kind,
            "speaker": statement.speaker.name if statement.speaker else "",
            "speaker_title": statement.speaker_title,
            "organization": statement.speaker_organization.name
            if statement.speaker_organization else "",
            "article": statement.article.title,
            "published": statement.article.published_on.isoformat(),
            "source": statement.article.source.name if statement.article.source else "",
            "permalink": absolute(statement.get_absolute_url()),
        }


# The ids first, and stable: the database's own ids and slugs, which a re-download keeps,
# so that a spreadsheet can be joined with the next one.
ARTICLE_COLUMNS = ["id", "slug", "title", "published", "source", "permalink", "original_url",
                   "byline", "countries", "companies", "sectors", "summary"]
STATEMENT_COLUMNS = ["id", "article_id", "speaker_slug", "text", "kind", "speaker",
                     "speaker_title", "organization", "article", "published", "source",
                     "permalink"]


def spreadsheet_safe(value) -> str:
    """The cell as text a spreadsheet shows and never runs: a leading ' before a formula."""
    text = xml_safe(str(value))
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_lines(rows, columns):
    writer = csv.writer(Echo())
    # The byte order mark is how Excel knows the file is UTF-8 (without it, "Türkiye"
    # opens as "TÃ¼rkiye"); other spreadsheets and csv readers with utf-8-sig skip it.
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([spreadsheet_safe(row[column]) for column in columns])


def json_chunks(rows):
    yield "["
    for number, row in enumerate(rows):
        yield ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def download(rows, columns, file_format: str, name: str) -> StreamingHttpResponse:
    if file_format == "csv":
        response = StreamingHttpResponse(csv_lines(rows, columns),
                                         content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(json_chunks(rows),
                                         content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
