"""Search timings for `manage.py bench_search`: the reader's page, the backend, a naive baseline.

For each query class the same queries are timed three ways in one run, so the ratios
compare like with like: the full search page as a reader gets it (HTML and facets), the
backend's own SQL (candidates and the first page ranked), and an `icontains` scan.
"""

import statistics
import time
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from urllib.parse import urlencode

from django.db.models import Q
from django.test import Client

from articles.corpus import DOMAIN_WORDS, CorpusSize, CorpusWriter
from articles.filters import ArticleFilterSet
from articles.models import Article
from articles.search import RankedResults, backend, parse


@dataclass
class QueryClass:
    name: str
    queries: list[dict]
    timings: dict[str, list[float]] = field(default_factory=dict)


def query_classes(seed: int) -> list[QueryClass]:
    """A fixed mix: rare and common words, phrases, exclusions, with and without filters."""
    vocabulary = CorpusWriter(CorpusSize.for_articles(1), seed).vocabulary
    rare = vocabulary[2500:2505]
    common = DOMAIN_WORDS[:5]
    return [
        QueryClass("rare word", [{"q": word} for word in rare]),
        QueryClass("rare word + country", [{"q": word, "country": "ru"} for word in rare]),
        QueryClass("common word", [{"q": word} for word in common]),
        QueryClass("two common words", [{"q": f"{a} {b}"} for a, b in zip(common, common[1:],
                                                                          strict=False)]),
        QueryClass("phrase", [{"q": f'"{a} {b}"'} for a, b in zip(common, common[1:],
                                                                   strict=False)]),
        QueryClass("exclusion", [{"q": f"{a} -{b}"} for a, b in zip(common, common[1:],
                                                                     strict=False)]),
        QueryClass("common + filters", [{"q": word, "country": "tr", "sector": "energy"}
                                        for word in common]),
    ]


def naive_search(parameters: dict):
    """The baseline: every word as icontains over title, summary and body, newest first."""
    query = parse(parameters["q"])

    def contains(term):
        text = " ".join(term.words)
        return Q(title__icontains=text) | Q(summary__icontains=text) | Q(body__icontains=text)

    queryset = ArticleFilterSet(
        {key: value for key, value in parameters.items() if key != "q"},
        queryset=Article.objects.published(),
    ).qs
    queryset = queryset.filter(reduce(and_, [reduce(or_, map(contains, clause))
                                             for clause in query.clauses]))
    for term in query.excluded:
        queryset = queryset.exclude(contains(term))
    list(queryset.order_by("-published_on")[:20])
    return queryset.count()


def backend_search(parameters: dict):
    """The search SQL alone: the candidates and the first page of ranked ids."""
    filterset = ArticleFilterSet(parameters, queryset=Article.objects.published())
    results = RankedResults(filterset.qs, filterset.search_query)
    return backend().ranked_ids(Article, results.candidate_ids, filterset.search_query, 0, 20)


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def run(classes: list[QueryClass], repeats: int, with_baseline: bool = True) -> None:
    client = Client()

    def page(parameters):
        response = client.get("/articles/?" + urlencode(parameters))
        assert response.status_code == 200, response.status_code

    measures = {"page": page, "backend": backend_search}
    if with_baseline:
        measures["icontains"] = naive_search
    for query_class in classes:
        for name, function in measures.items():
            samples = []
            for parameters in query_class.queries:
                function(parameters)  # warm the caches once
                samples.extend(timed(function, parameters) for _ in range(repeats))
            query_class.timings[name] = samples


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), percentile(samples, 0.95)
