"""Atom feeds of any filtered list: follow "Rostec + Türkiye" in a feed reader."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from articles.filters import ArticleFilterSet, StatementFilterSet
from articles.models import Article, Company, Statement
from articles.quotation import shown_quote
from articles.xml_text import xml_safe

FEED_ITEMS = 50


def described(filterset, noun: str) -> str:
    parts = [f"{active.label.lower()} {active.value}" for active in filterset.active_filters()]
    return f"{noun} — " + ", ".join(parts) if parts else noun


def as_datetime(day):
    return timezone.make_aware(datetime.combine(day, time(12)), timezone.get_default_timezone())


def xml_safe_values(mapping: dict) -> dict:
    return {key: xml_safe(value) if isinstance(value, str)
            else [xml_safe(v) if isinstance(v, str) else v for v in value]
            if isinstance(value, list | tuple) else value
            for key, value in mapping.items()}


class PlainTextAtomFeed(Atom1Feed):
    """Atom that always parses, with summaries declared as what they are: plain text.

    Summaries are article text, not markup; declared type="html", a feed reader would
    render a stored `<img onerror=…>` as HTML. Whatever the text holds (a reader's query,
    an old title), characters XML cannot carry are dropped before writing.
    """

    def write(self, outfile, encoding):
        self.feed = xml_safe_values(self.feed)
        self.items = [xml_safe_values(item) for item in self.items]
        super().write(outfile, encoding)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class FilteredFeed(Feed):
    feed_type = PlainTextAtomFeed
    filterset_class = None
    list_url_name = ""
    noun = ""

    def get_object(self, request, *args, **kwargs):
        return self.filterset_class(request.GET, queryset=self.base_queryset())

    def title(self, filterset):
        return f"{described(filterset, self.noun)} · Trade news archive"

    def link(self, filterset):
        query = filterset.query_string()
        return reverse(self.list_url_name) + (f"?{query}" if query else "")

    def feed_url(self, filterset):
        query = filterset.query_string()
        return reverse(f"{self.list_url_name}_feed") + (f"?{query}" if query else "")

    def subtitle(self, filterset):
        return f"The newest {self.noun.lower()} matching these filters."

    def categories_of(self, article):
        """The article's countries, sectors and companies, each an Atom category."""
        return [*(country.name for country in article.countries.all()),
                *(sector.name for sector in article.sectors.all()),
                *(company.name for company in article.companies.all())]


def with_categories(prefix=""):
    """Prefetches for the categories, so that a feed costs the same queries at any length."""
    return [f"{prefix}countries", f"{prefix}sectors",
            Prefetch(f"{prefix}companies", queryset=Company.objects.published())]


class ArticleFeed(FilteredFeed):
    filterset_class = ArticleFilterSet
    list_url_name = "article_list"
    noun = "Articles"

    def base_queryset(self):
        return Article.objects.published()

    def items(self, filterset):
        return filterset.qs.select_related("source").prefetch_related(
            *with_categories()).order_by("-published_on", "-pk")[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary or (article.paragraphs[0] if article.paragraphs else "")

    def item_pubdate(self, article):
        return as_datetime(article.published_on)

    # Atom's <updated> is the publication date too: an editor's fix of a typo does not
    # make an old article new in a feed reader.
    item_updateddate = item_pubdate

    def item_categories(self, article):
        return self.categories_of(article)

    def item_author_name(self, article):
        return article.source.name if article.source else None


class StatementFeed(FilteredFeed):
    filterset_class = StatementFilterSet
    list_url_name = "statement_list"
    noun = "Statements"

    def base_queryset(self):
        return Statement.objects.published()

    def items(self, filterset):
        return filterset.qs.select_related(
            "speaker", "speaker_organization", "article",
        ).prefetch_related(*with_categories("article__")).order_by(
            "-article__published_on", "-pk")[:FEED_ITEMS]

    def item_title(self, statement):
        speaker = statement.speaker.name if statement.speaker else "Unnamed speaker"
        text = shown_quote(statement.text)
        return f"{speaker}: “{text[:120]}{'…' if len(text) > 120 else ''}”"

    def item_description(self, statement):
        role = ", ".join(filter(None, [
            statement.speaker_title,
            statement.speaker_organization.name if statement.speaker_organization else "",
        ]))
        return f"“{shown_quote(statement.text)}” — {role} (in “{statement.article.title}”)"

    def item_pubdate(self, statement):
        return as_datetime(statement.article.published_on)

    item_updateddate = item_pubdate

    def item_categories(self, statement):
        return self.categories_of(statement.article)

    def item_author_name(self, statement):
        return statement.speaker.name if statement.speaker else None
