"""Files in, article records out: plain text, JSON, JSON Lines, RSS and Atom feeds, web pages.

A reader never raises for a bad file: it reports a Problem (where, and why in plain
words) and goes on with what it can read.
"""

import email.utils
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import feedparser
import trafilatura
from django.utils.html import strip_tags

from articles.web_urls import is_web_url
from articles.xml_text import xml_safe

MAX_FILE_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".feed"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Less text than this is a menu or a caption that the extractor took, not an article.
MIN_PAGE_TEXT = 80
HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)
# export_articles writes records three levels deep; anything far deeper is no article, and
# handling it recursively would exhaust the stack.
MAX_DEPTH = 20
TOO_DEEP_TO_READ = "JSON nested too deeply to read: not an article"
HEADER = re.compile(
    r"^(source|published|date|url|link|byline|author|title|summary|status)\s*:\s*(.*)$", re.I
)


@dataclass
class Problem:
    origin: str
    reason: str

    def __str__(self):
        return f"{self.origin}: {self.reason}"


@dataclass
class ArticleRecord:
    """One article as read from a file, before it is saved."""

    title: str
    body: str
    origin: str
    summary: str = ""
    source: str = ""
    published: date | None = None
    url: str = ""
    byline: str = ""
    status: str = ""
    # Present when the file already says what the article is about (an export).
    countries: list[str] | None = None
    companies: list[dict] | None = None
    sectors: list[str] | None = None
    statements: list[dict] | None = None
    notes: list[str] = field(default_factory=list)


def parse_date(text) -> date | None:
    """YYYY-MM-DD, an ISO date-time, or an e-mail/RSS date; None when unreadable."""
    if isinstance(text, date):
        return text
    text = str(text or "").strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in ("%d %B %Y", "%B %d, %Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def normalize_body(text: str) -> str:
    """Paragraphs separated by one blank line, no trailing spaces."""
    paragraphs = [re.sub(r"[ \t]+\n", "\n", part).strip() for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)


def html_to_text(markup: str) -> str:
    markup = re.sub(r"(?i)<\s*(br|/p|/div|/h\d|/li)\s*/?>", "\n\n", markup or "")
    return normalize_body(html.unescape(strip_tags(markup)))


def decode(data: bytes, origin: str) -> tuple[str, list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        notes = [] if encoding == "utf-8-sig" else [
            f"{origin}: not UTF-8; read as Windows-1252 — check the accents."
        ]
        return text, notes
    return data.decode("latin-1"), [f"{origin}: not UTF-8; read as Latin-1 — check the accents."]


def nested_deeper_than(value, limit: int) -> bool:
    """Whether lists and objects nest deeper than `limit`, found without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item \
            if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def xml_safe_throughout(value):
    """Every string of a (shallow) record without the characters XML cannot carry."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list):
        return [xml_safe_throughout(item) for item in value]
    if isinstance(value, dict):
        return {key: xml_safe_throughout(item) for key, item in value.items()}
    return value


def record_from_mapping(item, origin: str) -> ArticleRecord | Problem:
    if not isinstance(item, dict):
        return Problem(origin, "expected an object with a title and a body")
    if nested_deeper_than(item, MAX_DEPTH):
        return Problem(origin, f"nested more than {MAX_DEPTH} levels deep: not an article")
    item = xml_safe_throughout(item)
    title = str(item.get("title") or "").strip()
    body = item.get("body") or item.get("text") or item.get("content") or ""
    if not title:
        return Problem(origin, "no title")
    if not str(body).strip():
        return Problem(origin, "no body text")
    published = item.get("published") or item.get("published_on") or item.get("date")
    record = ArticleRecord(
        title=title, body=normalize_body(str(body)), origin=origin,
        summary=str(item.get("summary") or ""), source=str(item.get("source") or ""),
        published=parse_date(published), url=str(item.get("url") or item.get("link") or ""),
        byline=str(item.get("byline") or item.get("author") or ""),
        status=str(item.get("status") or ""),
        countries=item.get("countries"), companies=item.get("companies"),
        sectors=item.get("sectors"), statements=item.get("statements"),
    )
    if published and record.published is None:
        record.notes.append(f"{origin}: unreadable date “{published}”; the default was used.")
    return record


HEADER_NAMES = {"source": "Source", "published": "Published", "date": "Date", "url": "URL",
                "link": "Link", "byline": "Byline", "author": "Author", "title": "Title",
                "summary": "Summary", "status": "Status"}
DATE_HEADERS = ("published", "date")


def take_headers(lines: list[tuple[int, str]], headers: dict, origin: str) -> Problem | None:
    """Move the header lines at the start of `lines` (blank lines between them allowed)
    into `headers`; a header that cannot be read is a Problem, never a guess."""
    while lines and (not lines[0][1].strip() or HEADER.match(lines[0][1].strip())):
        number, line = lines.pop(0)
        if not line.strip():
            continue
        key, value = HEADER.match(line.strip()).groups()
        key, value, name = key.lower(), value.strip(), HEADER_NAMES[key.lower()]
        if not value:
            return Problem(origin, f"line {number}: the {name}: header is empty")
        if key in headers and headers[key] != value:
            return Problem(origin, f"line {number}: a second {name}: header "
                                   f"(“{value}”, after “{headers[key]}”)")
        if key in DATE_HEADERS and parse_date(value) is None:
            return Problem(origin, f"line {number}: the {name}: header “{value}” is not a date "
                                   "(write it as YYYY-MM-DD)")
        headers[key] = value
    return None


def read_text(text: str, origin: str) -> Iterator[ArticleRecord | Problem]:
    """Header lines may come before the title or right after it (agencies put the date
    and byline under the headline); either way they are headers. A header line further
    down, alone in its paragraph, is refused: it would be published as body text."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = list(enumerate(raw, start=1))
    headers = {}
    problem = take_headers(lines, headers, origin)
    if problem is None and "title" not in headers and lines:
        title = lines.pop(0)[1].strip()
        problem = take_headers(lines, headers, origin)
        headers.setdefault("title", title)
    if problem is None:
        problem = header_in_body(lines, origin)
    if problem is not None:
        yield problem
        return
    yield record_from_mapping({
        "title": headers.get("title", ""), "body": "\n".join(line for _, line in lines),
        "source": headers.get("source"),
        "published": headers.get("published") or headers.get("date"),
        "url": headers.get("url") or headers.get("link"),
        "byline": headers.get("byline") or headers.get("author"),
        "summary": headers.get("summary"), "status": headers.get("status"),
    }, origin)


def header_in_body(lines: list[tuple[int, str]], origin: str) -> Problem | None:
    for index, (number, line) in enumerate(lines):
        alone = (index == 0 or not lines[index - 1][1].strip()) and (
            index + 1 == len(lines) or not lines[index + 1][1].strip())
        if alone and (match := HEADER.match(line.strip())):
            name = HEADER_NAMES[match.group(1).lower()]
            return Problem(origin, f"line {number}: a {name}: header inside the body text; "
                                   "headers go before the title or right after it")
    return None


def read_json(text: str, origin: str) -> Iterator[ArticleRecord | Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield Problem(origin, f"malformed JSON (line {error.lineno}, column {error.colno}: "
                              f"{error.msg})")
        return
    except RecursionError:
        yield Problem(origin, TOO_DEEP_TO_READ)
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, start=1):
        yield record_from_mapping(item, f"{origin}[{number}]" if len(items) > 1 else origin)


def read_json_lines(text: str, origin: str) -> Iterator[ArticleRecord | Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(f"{origin}:{number}", f"malformed JSON ({error.msg})")
            continue
        except RecursionError:
            yield Problem(f"{origin}:{number}", TOO_DEEP_TO_READ)
            continue
        yield record_from_mapping(item, f"{origin}:{number}")


def read_feed(data: bytes, origin: str, base: str = "") -> Iterator[ArticleRecord | Problem]:
    """The entries of an RSS or Atom feed; relative links are taken from `base`, the
    address the feed was fetched from."""
    feed = feedparser.parse(data, response_headers={"content-location": base} if base else None)
    if feed.bozo and not feed.entries:
        yield Problem(origin, f"malformed feed ({feed.get('bozo_exception', 'unreadable XML')})")
        return
    source = feed.feed.get("title", "")
    for number, entry in enumerate(feed.entries, start=1):
        content = entry.get("content", [{}])[0].get("value") or entry.get("summary", "")
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        yield record_from_mapping({
            "title": html.unescape(strip_tags(entry.get("title", ""))),
            "body": html_to_text(content),
            "summary": html_to_text(entry.get("summary", "")) if entry.get("content") else "",
            "url": entry.get("link", ""), "byline": entry.get("author", ""), "source": source,
            "published": date(*parsed[:3]) if parsed else None,
        }, f"{origin}[{number}]")


def read_html(data: bytes, origin: str, url: str = "") -> ArticleRecord | Problem:
    """A news page's article: its title, date and byline (from JSON-LD, meta tags, <time>
    and bylines) and its main text without navigation, ads, share buttons or comments —
    trafilatura's work, not our own heuristics. `url` is where it was fetched from; a
    saved page gives its own canonical address, if any."""
    try:
        page = trafilatura.bare_extraction(
            data, url=url or None, with_metadata=True, include_comments=False,
            include_tables=False, include_images=False, favor_precision=True)
    except (ValueError, TypeError, LookupError) as error:
        return Problem(origin, f"unreadable page ({error})")
    if page is None or len((page.text or "").strip()) < MIN_PAGE_TEXT:
        return Problem(origin, "no article text found in the page")
    address = url or page.url or ""
    paragraphs = [line for line in page.text.split("\n") if line.strip()]
    if paragraphs and page.title and paragraphs[0].strip() == page.title.strip():
        paragraphs.pop(0)  # the headline, taken in with the text on some layouts
    return record_from_mapping({
        "title": page.title or "", "body": "\n\n".join(paragraphs),
        "published": page.date, "byline": page.author or "", "summary": page.description or "",
        "url": address if is_web_url(address) else "", "source": page.sitename or "",
    }, origin)


def kind_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("json", JSON_SUFFIXES),
                           ("jsonl", JSONL_SUFFIXES), ("feed", FEED_SUFFIXES),
                           ("html", HTML_SUFFIXES)):
        if suffix in suffixes:
            return kind
    if HTML_START.match(data[:4096]):
        return "html"
    start = data.lstrip()[:1]
    return {b"{": "json", b"[": "json", b"<": "feed"}.get(start, "text")


def read_file(path: Path, name: str | None = None) -> Iterator[ArticleRecord | Problem]:
    origin = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Problem(origin, f"too large ({size // 1024 // 1024} MB; the limit is "
                                  f"{MAX_FILE_BYTES // 1024 // 1024} MB)")
            return
        data = path.read_bytes()
    except OSError as error:
        yield Problem(origin, f"cannot be read ({error.strerror})")
        return
    yield from read_bytes(data, origin, kind_of(path, data))


def read_bytes(data: bytes, origin: str, kind: str) -> Iterator[ArticleRecord | Problem]:
    if not data.strip():
        yield Problem(origin, "empty file")
        return
    if b"\x00" in data[:8192]:
        yield Problem(origin, "binary file, not text")
        return
    if kind == "feed":
        yield from read_feed(data, origin)
        return
    if kind == "html":
        yield read_html(data, origin)
        return
    text, notes = decode(data, origin)
    readers = {"text": read_text, "json": read_json, "jsonl": read_json_lines}
    for item in readers[kind](text, origin):
        if isinstance(item, ArticleRecord):
            item.notes[:0] = notes
        yield item


def folder_files(folder: Path) -> list[Path]:
    """The files of a folder and its subfolders, hidden ones left out, in reading order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def read_paths(paths) -> Iterator[ArticleRecord | Problem]:
    """Every record and problem in the files and directories (recursively) given."""
    for path in map(Path, paths):
        if path.is_dir():
            for file in folder_files(path):
                yield from read_file(file)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Problem(str(path), "no such file or directory")
