"""The URL contract of the archive's lists: which query parameters exist and what they mean.

Different filters combine with AND. A repeated entity filter means *all* of its values
(`country=ru&country=tr` is the bilateral view: articles involving both), unless its
`<filter>_match=any` says *any* of them (`country=ru&country=tr&country_match=any`:
articles involving Russia, Türkiye or both). A value the
archive does not know, or cannot read, is left out and reported in `notices` so that
the page can say what was wrong instead of failing.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.http import QueryDict

from articles import search
from articles.models import Article, Company, Country, Sector, Source, Speaker, Statement

SLUG_OR_CODE = re.compile(r"[-a-zA-Z0-9_]{1,200}")
# A page echoes its query string into the search box, the chips and every link it
# carries; cut it to what the archive reads (search reads 500 characters) so a long
# query cannot multiply into a huge page.
ECHOED_VALUE_LENGTH = search.MAX_QUERY_LENGTH
ECHOED_QUERY_LENGTH = 2000


class KeyListField(forms.Field):
    """A repeatable parameter of natural keys (codes, slugs), normalised and deduplicated."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, normalize=str.lower, **kwargs):
        self.normalize = normalize
        super().__init__(**kwargs)

    def to_python(self, value):
        values = [value] if isinstance(value, str) else (value or [])
        keys = []
        for raw in values:
            key = self.normalize(raw.strip())
            if key and not SLUG_OR_CODE.fullmatch(key):
                shown = "".join(ch if ch.isprintable() else "?" for ch in key[:40])
                raise forms.ValidationError(f"“{shown}” is not a code or slug.")
            if key and key not in keys:
                keys.append(key)
        return keys


class KeyListFilter(django_filters.Filter):
    field_class = KeyListField


class SearchTextField(forms.CharField):
    """Any text at all: NUL characters, which databases refuse, become spaces."""

    def to_python(self, value):
        return super().to_python((value or "").replace("\x00", " "))


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField


class PageSizeFilter(django_filters.Filter):
    field_class = forms.IntegerField


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_url: str


SORT_CHOICES = [
    ("relevance", "Best match first"), ("newest", "Newest first"), ("oldest", "Oldest first")
]
VIEW_CHOICES = [("list", "List"), ("table", "Table")]
# Rows a page may show: the links offer these, the parameter takes any number up to the last.
PAGE_SIZES = (20, 50, 100, 200)
PAGE_PARAMETERS = {"page", "statements_page"}
# The entity filters that may match all of their values (the default) or any of them.
MATCHABLE_PARAMETERS = ("country", "company", "sector", "speaker")
MATCH_CHOICES = [("all", "all of them"), ("any", "any of them")]
DISPLAY_PARAMETERS = ("view", "per_page")
# The parameters chosen in the folded part of the filter form (entity filters show as chips).
FOLDED_PARAMETERS = ("source", "published_after", "published_before", "sort",
                     *(f"{parameter}_match" for parameter in MATCHABLE_PARAMETERS))
ENTITY_PARAMETERS = {
    # parameter: (model, lookup field, label)
    "country": (Country, "code", "Country"),
    "company": (Company, "slug", "Company"),
    "sector": (Sector, "slug", "Sector"),
    "speaker": (Speaker, "slug", "Speaker"),
    "source": (Source, "slug", "Source"),
}


def echoable(data) -> tuple[QueryDict, bool]:
    """`data` cut to ECHOED_VALUE_LENGTH per value and ECHOED_QUERY_LENGTH in all."""
    kept = QueryDict(mutable=True)
    budget = ECHOED_QUERY_LENGTH
    was_cut = False
    lists = data.lists() if isinstance(data, QueryDict) else (
        (key, value if isinstance(value, list) else [value]) for key, value in data.items()
    )
    for key, values in lists:
        for value in values:
            pair = (str(key)[:ECHOED_VALUE_LENGTH], str(value)[:ECHOED_VALUE_LENGTH])
            was_cut |= pair != (key, value)
            budget -= len(pair[0]) + len(pair[1])
            if budget < 0:
                return kept, True
            kept.appendlist(*pair)
    return kept, was_cut


class ArchiveFilterSet(django_filters.FilterSet):
    """What the article and statement lists share: entity filters, dates, sort and notices."""

    q = SearchTextFilter(method="filter_text", label="Search")
    country = KeyListFilter(method="filter_countries", normalize=str.upper, label="Country")
    company = KeyListFilter(method="filter_companies", label="Company")
    sector = KeyListFilter(method="filter_sectors", label="Sector")
    speaker = KeyListFilter(method="filter_speakers", label="Speaker")
    source = KeyListFilter(method="filter_sources", label="Source")
    country_match, company_match, sector_match, speaker_match = (
        django_filters.ChoiceFilter(choices=MATCH_CHOICES, method="filter_nothing",
                                    label=f"{parameter.capitalize()} match")
        for parameter in MATCHABLE_PARAMETERS
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_nothing", empty_label=None, label="Sort"
    )
    # How the list is shown, not what it holds.
    view = django_filters.ChoiceFilter(
        choices=VIEW_CHOICES, method="filter_nothing", empty_label=None, label="View"
    )
    per_page = PageSizeFilter(min_value=1, method="filter_nothing", label="Rows per page")

    # Set by each subclass: the date the date filters and the facets' years apply to (the
    # sort is the queryset's own `in_date_order`), and the source.
    date_field = ""
    source_field = ""
    # Chosen in the form's own select instead of accumulating like the other entity filters.
    single_choice_parameters = {"source"}

    def __init__(self, data=None, *args, **kwargs):
        data, was_cut = echoable(data if data is not None else QueryDict())
        super().__init__(data, *args, **kwargs)
        # django-filter replaces an empty QueryDict with {}; links need the QueryDict API.
        self.params = data
        self._notices: list[str] = []
        if was_cut:
            self._notices.append(
                f"The address was longer than the archive reads; only its first "
                f"{ECHOED_QUERY_LENGTH} characters, and {ECHOED_VALUE_LENGTH} of each value, "
                "were used."
            )
        self.search_query = search.parse("")
        self.resolved: dict[str, list] = {}

    # --- shared filter methods -------------------------------------------------------------

    def filter_nothing(self, queryset, name, value):
        return queryset

    def resolve(self, parameter: str, keys: list[str]) -> list:
        """The objects named by `keys`, reporting the unknown ones instead of failing.

        What readers may not see is unknown to the lists, for editors too: a list, a feed
        or an export never names an unreviewed suggestion, nor tells it from a typo.
        """
        model, field, label = ENTITY_PARAMETERS[parameter]
        found = model.objects.published().in_bulk(keys, field_name=field)
        for key in keys:
            if key not in found:
                self._notices.append(
                    f"There is no {label.lower()} “{key}” in the archive; "
                    f"that {label.lower()} filter was ignored."
                )
        objects = [found[key] for key in keys if key in found]
        self.resolved[parameter] = objects
        return objects

    def matches_any(self, parameter: str) -> bool:
        """Whether the values of `parameter` are alternatives (`<parameter>_match=any`)."""
        return self.form.cleaned_data.get(f"{parameter}_match") == "any"

    def filter_countries(self, queryset, name, keys):
        return self.for_countries(queryset, self.resolve("country", keys),
                                  self.matches_any("country"))

    def filter_companies(self, queryset, name, keys):
        return self.for_companies(queryset, self.resolve("company", keys),
                                  self.matches_any("company"))

    def filter_sectors(self, queryset, name, keys):
        return self.for_sectors(queryset, self.resolve("sector", keys),
                                self.matches_any("sector"))

    def filter_speakers(self, queryset, name, keys):
        return self.for_speakers(queryset, self.resolve("speaker", keys),
                                 self.matches_any("speaker"))

    def filter_sources(self, queryset, name, keys):
        sources = self.resolve("source", keys)
        if len(sources) > 1:
            # An article has one source, so "all of them" could never match.
            return queryset.none()
        return queryset.filter(**{self.source_field: sources[0]}) if sources else queryset

    def filter_text(self, queryset, name, value):
        self.search_query = search.parse(value)
        self._notices.extend(self.search_query.notices)
        if not self.search_query.is_usable:
            return queryset
        return self.match(queryset, self.search_query)

    @property
    def ranks_by_relevance(self) -> bool:
        """Matches of a search come best first unless the reader asked for a date order."""
        self.qs  # noqa: B018
        return self.search_query.is_usable and self.form.cleaned_data.get("sort") in (
            None, "", "relevance"
        )

    # --- the queryset after filtering: dates and sort ----------------------------------------

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        after = self.form.cleaned_data.get("published_after")
        before = self.form.cleaned_data.get("published_before")
        if after and before and after > before:
            self._notices.append(
                f"The start date {after:%Y-%m-%d} is after the end date {before:%Y-%m-%d}, "
                "so nothing can match."
            )
        if (self.form.cleaned_data.get("per_page") or 0) > PAGE_SIZES[-1]:
            self._notices.append(f"A page shows at most {PAGE_SIZES[-1]} rows.")
        return queryset.in_date_order(descending=self.form.cleaned_data.get("sort") != "oldest")

    @property
    def notices(self) -> list[str]:
        """What was wrong with the request: unreadable values, unknown entities."""
        self.qs  # noqa: B018  (filtering is what finds the unknown values)
        unreadable = [
            f"{self.filters[name].label if name in self.filters else name}: {error} "
            "That filter was ignored."
            for name, errors in self.form.errors.items()
            for error in errors
        ]
        return unreadable + self._notices

    # --- what the page shows about the filters --------------------------------------------

    def active_filters(self) -> list[ActiveFilter]:
        """Each applied filter value, with the URL of this page without it."""
        self.qs  # noqa: B018  (filtering resolves the entities shown below)
        active = []
        text = (self.form.cleaned_data.get("q") or "").strip()
        if text:
            active.append(ActiveFilter("Search", text, self.url_without("q", None)))
        for parameter, objects in self.resolved.items():
            label = ENTITY_PARAMETERS[parameter][2]
            if len(objects) > 1 and self.matches_any(parameter):
                label += " (any of)"
            key_field = ENTITY_PARAMETERS[parameter][1]
            for obj in objects:
                key = str(getattr(obj, key_field))
                active.append(ActiveFilter(label, str(obj), self.url_without(parameter, key)))
        for parameter, label in (("published_after", "From"), ("published_before", "Until")):
            day = self.form.cleaned_data.get(parameter)
            if day:
                active.append(ActiveFilter(label, f"{day:%Y-%m-%d}", self.url_without(parameter)))
        return active

    def order_options(self) -> list[tuple[str, str, bool]]:
        """The Order select as (value, label, selected), showing the order actually used.

        The default comes first with an empty value, so that sending the form unchanged
        leaves it out of the address, and is named for what it does here: best match first
        with a search, newest first without one (relevance means nothing without words).
        """
        self.qs  # noqa: B018  (filtering parses the search)
        searching = self.search_query.is_usable
        default = "relevance" if searching else "newest"
        used = self.form.cleaned_data.get("sort") or default
        if used == "relevance" and not searching:
            used = "newest"
        labels = dict(SORT_CHOICES)
        options = [("", labels[default], used == default)]
        options += [(value, label, used == value) for value, label in SORT_CHOICES
                    if value != default and (searching or value != "relevance")]
        return options

    def match_controls(self) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
        """For each filter holding a value: (parameter, label, its match select's options).

        "All of them", the default, comes first with an empty value, so that sending the
        form unchanged leaves it out of the address.
        """
        self.qs  # noqa: B018  (filtering resolves the entities)
        controls = []
        for parameter in MATCHABLE_PARAMETERS:
            if self.resolved.get(parameter):
                any_of = self.matches_any(parameter)
                plural = ENTITY_PARAMETERS[parameter][0]._meta.verbose_name_plural.split()[0]
                controls.append((f"{parameter}_match", f"Match {plural}", [
                    ("", MATCH_CHOICES[0][1], not any_of), ("any", MATCH_CHOICES[1][1], any_of)]))
        return controls

    @property
    def opens_filter_panel(self) -> bool:
        """Whether the folded part of the form holds a choice: then it starts open."""
        return any(self.params.get(name, "").strip() for name in FOLDED_PARAMETERS)

    @property
    def date_values(self) -> dict[str, str]:
        """The date filters' values for their inputs: only dates that were read, never raw
        text (an input of type date cannot hold anything else; the notice says what was
        wrong)."""
        self.qs  # noqa: B018
        days = {name: self.form.cleaned_data.get(name)
                for name in ("published_after", "published_before")}
        return {name: f"{day:%Y-%m-%d}" if day else "" for name, day in days.items()}

    def kept_values(self) -> list[tuple[str, str]]:
        """The entity filters in force and the display chosen, carried as hidden inputs when
        the form is sent again."""
        self.qs  # noqa: B018
        display = [(name, str(self.form.cleaned_data[name])) for name in DISPLAY_PARAMETERS
                   if self.form.cleaned_data.get(name)]
        return [
            (parameter, str(getattr(obj, ENTITY_PARAMETERS[parameter][1])))
            for parameter, objects in self.resolved.items()
            if parameter not in self.single_choice_parameters
            for obj in objects
        ] + display

    @property
    def shows_table(self) -> bool:
        self.qs  # noqa: B018
        return self.form.cleaned_data.get("view") == "table"

    def page_size(self, default: int) -> int:
        self.qs  # noqa: B018
        return min(self.form.cleaned_data.get("per_page") or default, PAGE_SIZES[-1])

    def view_links(self, default_size: int) -> dict:
        """Links to this list as a list or a table, and with each page size."""
        table, size = self.shows_table, self.page_size(default_size)
        return {
            "views": [(label, "?" + self.query_string(view=None if value == "list" else value),
                       (value == "table") == table) for value, label in VIEW_CHOICES],
            "sizes": [(n, "?" + self.query_string(per_page=None if n == default_size else n),
                       n == size) for n in PAGE_SIZES],
        }

    def url_without(self, parameter: str, value: str | None = None) -> str:
        """This list's query string without one parameter (or one of its values) and the page."""
        pairs = []
        for key, values in self.params.lists():
            if key in PAGE_PARAMETERS or (key == parameter and value is None):
                continue
            for item in values:
                if key == parameter and item.strip().lower() == value.lower():
                    continue
                pairs.append((key, item))
        return "?" + urlencode(pairs) if pairs else "?"

    def url_with(self, parameter: str, value: str) -> str:
        """This list narrowed by one more value (the source is replaced, not added to)."""
        if parameter in self.single_choice_parameters:
            return "?" + self.query_string(**{parameter: value})
        pairs = [(key, item) for key, values in self.params.lists()
                 if key not in PAGE_PARAMETERS for item in values]
        return "?" + urlencode([*pairs, (parameter, value)])

    def url_with_years(self, year: int) -> str:
        return "?" + self.query_string(
            published_after=f"{year:04d}-01-01", published_before=f"{year:04d}-12-31"
        )

    @property
    def newest_first_url(self) -> str:
        return "?" + self.query_string(sort="newest")

    def query_string(self, **changes) -> str:
        """This list's query string with some parameters replaced (None removes one)."""
        pairs = [
            (key, item)
            for key, values in self.params.lists()
            if key not in changes and key not in PAGE_PARAMETERS
            for item in values
        ]
        pairs.extend((key, value) for key, value in changes.items() if value is not None)
        return urlencode(pairs)


def publication_range(field: str) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """The published_after / published_before pair, both inclusive, on `field`."""
    return (
        django_filters.DateFilter(field_name=field, lookup_expr="gte", label="Published from"),
        django_filters.DateFilter(field_name=field, lookup_expr="lte", label="Published until"),
    )


class ArticleFilterSet(ArchiveFilterSet):
    published_after, published_before = publication_range("published_on")

    date_field = "published_on"
    source_field = "source"

    class Meta:
        model = Article
        fields = []

    def match(self, queryset, query):
        return search.backend().filter_articles(queryset, query)

    def for_countries(self, queryset, countries, any_of):
        if any_of:
            return queryset.involving_any("countries", countries)
        return queryset.involving_all("countries", countries)

    def for_companies(self, queryset, companies, any_of):
        if any_of:
            return queryset.involving_any("companies", companies)
        return queryset.involving_all("companies", companies)

    def for_sectors(self, queryset, sectors, any_of):
        return queryset.in_sectors(sectors, any_of=any_of)

    def for_speakers(self, queryset, speakers, any_of):
        if any_of and speakers:
            return queryset.quoting(*speakers)
        for speaker in speakers:
            queryset = queryset.quoting(speaker)
        return queryset


class StatementFilterSet(ArchiveFilterSet):
    """Statements are filtered by their article's links and date, and by who said them.

    `company` matches statements made on the company's behalf as well as statements in
    articles about the company.
    """

    published_after, published_before = publication_range("article__published_on")

    date_field = "article__published_on"
    source_field = "article__source"

    class Meta:
        model = Statement
        fields = []

    def match(self, queryset, query):
        return search.backend().filter_statements(queryset, query)

    def for_countries(self, queryset, countries, any_of):
        if not countries:
            return queryset
        articles = Article.objects.all()
        return queryset.in_articles(articles.involving_any("countries", countries) if any_of
                                    else articles.involving_all("countries", countries))

    def for_companies(self, queryset, companies, any_of):
        if any_of and companies:
            return queryset.concerning_company(*companies)
        for company in companies:
            queryset = queryset.concerning_company(company)
        return queryset

    def for_sectors(self, queryset, sectors, any_of):
        if not sectors:
            return queryset
        return queryset.in_articles(Article.objects.in_sectors(sectors, any_of=any_of))

    def for_speakers(self, queryset, speakers, any_of):
        if not speakers:
            return queryset
        if len(speakers) > 1 and not any_of:
            # A statement has one speaker, so "all of them" could never match.
            return queryset.none()
        return queryset.filter(speaker__in=speakers)
