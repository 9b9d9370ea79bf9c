"""What bench_poll measures: feeds and their pages served on loopback, polled and timed.

Each feed lists its entries, each linking to a page dressed as a news site's (navigation,
share buttons, comments around the article), so that a first poll does everything a real
one does: the feed fetched and parsed, each page fetched and its text extracted, the
entries imported (deduplication, copy detection, extraction). Then the same feeds again,
unchanged (a 304 each), and changed with nothing new (parsed, every entry already known).
"""

import statistics
import time
from dataclasses import dataclass
from html import escape

from django.utils import timezone

from articles.copy_benchmark import StoryWriter
from articles.ingest.polling import Poller
from articles.loopback_site import Site
from articles.management.commands.bench_import import percentile
from articles.models import Feed, Source

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title} | Bench News</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}",
"datePublished": "2024-05-{day:02d}T08:00:00Z", "author": {{"@type": "Person",
"name": "Bench Reporter"}}}}</script></head><body>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/energy">Energy</a> <a href="/defense">Defense</a></nav>
<article><h1>{title}</h1><p class="byline">By Bench Reporter</p>
<ul class="share"><li><a href="#">Share</a></li></ul>{paragraphs}</article>
<section class="comments"><p>First comment on the story.</p></section>
<footer>Bench News 2024</footer></body></html>"""


@dataclass
class Round:
    name: str
    seconds: list[float]
    created: int

    def line(self) -> str:
        per_poll = (f"median {statistics.median(self.seconds) * 1000:8.1f} ms, "
                    f"p95 {percentile(self.seconds, 95) * 1000:8.1f} ms per feed")
        if not self.created:
            return f"{self.name:<28} {per_poll}"
        total = sum(self.seconds)
        return (f"{self.name:<28} {per_poll}; {self.created} articles in {total:.1f} s = "
                f"{self.created / total:.1f} imports/s")


def serve(site: Site, feeds: int, entries: int, seed: int, version: str,
          latency: float = 0.0) -> list[str]:
    """Publish the feeds (and their pages, each answering after `latency` seconds, as a
    distant server would) on `site`; returns the feeds' addresses."""
    writer = StoryWriter(seed)
    addresses = []
    for feed in range(feeds):
        items = []
        for number in range(entries):
            story = writer.story(f"{feed}-{number}", day=number)
            link = site.add(f"/news/{feed}/{number}", PAGE.format(
                title=escape(story.title), day=1 + number % 28,
                paragraphs="".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)),
                delay=latency)
            items.append(f"<item><title>{escape(story.title)}</title><link>{link}</link>"
                         f"<description>{escape(story.paragraphs[0])}</description>"
                         f"<pubDate>Mon, 06 May 2024 09:00:00 GMT</pubDate></item>")
        addresses.append(site.add(
            f"/feeds/{feed}.xml", '<?xml version="1.0"?><rss version="2.0"><channel>'
            f"<title>Bench feed {feed}</title>{''.join(items)}</channel></rss>",
            content_type="application/rss+xml", etag=f'"{version}-{feed}"'))
    return addresses


def timed_round(name: str, feeds: list[Feed]) -> Round:
    seconds, created = [], 0
    with Poller() as poller:
        for feed in feeds:
            start = time.perf_counter()
            result = poller.poll(feed)
            seconds.append(time.perf_counter() - start)
            if result.outcome == "failed":
                raise RuntimeError(f"{feed.url}: {result.error}")
            created += result.created
    return Round(name, seconds, created)


def run(feeds: int, entries: int, seed: int, latency: float = 0.0) -> list[Round]:
    """The three rounds, on feeds made for the run (the caller rolls them back)."""
    with Site() as site:
        source = Source.objects.create(name=f"Bench outlet {timezone.now():%H%M%S%f}")
        records = [Feed.objects.create(source=source, url=url)
                   for url in serve(site, feeds, entries, seed, "v1", latency)]
        rounds = [timed_round("first poll (all new)", records),
                  timed_round("unchanged (304)", records)]
        # Same entries, new validators: each feed is read again and every entry found known.
        for page in site.pages.values():
            if page.etag:
                page.etag = page.etag.replace('"v1-', '"v2-')
        rounds.append(timed_round("changed, nothing new", records))
    return rounds
