"""Feeds and pages for the loopback site (articles/loopback_site.py) the fetching tests use."""

from xml.sax.saxutils import escape

RSS_TYPE = "application/rss+xml"


def rss(*entries: dict, title: str = "Wire Daily") -> str:
    """An RSS 2.0 feed of `entries`: dicts of title, link, description, pubDate, author."""
    items = "".join(
        "<item>" + "".join(f"<{name}>{escape(str(value))}</{name}>"
                           for name, value in entry.items()) + "</item>"
        for entry in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>https://wire.example/</link>{items}"
            f"</channel></rss>")


def entry(number: int, link: str = "", **fields) -> dict:
    """A feed entry whose summary is long enough to be an article of its own."""
    return {"title": f"Pipeline contract number {number} signed", "link": link or
            f"https://wire.example/news/{number}",
            "description": f"The operator signed contract {number} for the eastern pipeline "
                           "on Monday. Deliveries of compressor units start next spring, the "
                           "company said, and the line will carry gas to three countries.",
            "pubDate": "Mon, 06 May 2024 09:00:00 GMT", **fields}
