"""One fetch from the outside web, with limits: for feeds and the pages their entries link.

Everything a feed says is hostile input, its links included. So a fetch has one deadline
for all of it (connecting, redirects, the body), reads the body in chunks and stops past
the size limit (whatever Content-Length claimed, and after decompression), accepts only
the content types asked for, and follows redirects itself, a few at most, checking each
target like the first address: http or https only, and not on the server's own networks
unless settings allow it. Conditional requests (ETag, Last-Modified) let an unchanged feed
answer 304 with no body. The network check is made on the address each connection is
opened to, not on an earlier lookup. Every failure is a FetchError with a sentence an
editor can read.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpcore
import httpx
from django.conf import settings

from articles.web_urls import is_web_url

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/xml", "text/xml"})
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "trade-news-archive/1.0 (feed poller)"


class FetchError(Exception):
    """Why a fetch gave nothing, in words for the feed's record and the job's log."""


@dataclass
class Fetched:
    url: str  # where the body came from, after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class CheckedNetwork(httpcore.SyncBackend):
    """Connects only to the addresses allowed, checking the very address it connects to: a
    host whose DNS answer changes between a check and the connection (rebinding) cannot
    lead a fetch into the server's own network."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return super().connect_tcp(allowed_address(host), port, timeout, local_address,
                                   socket_options)


class CheckedTransport(httpx.HTTPTransport):
    def __init__(self):
        super().__init__(trust_env=False)
        # httpx takes no network backend: its connection pool is made again with ours.
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                             network_backend=CheckedNetwork())


def new_client() -> httpx.Client:
    """A client for a run of fetches (its connections are reused). Redirects are followed
    by `fetch`, which checks each; proxies and credentials from the environment are not used."""
    return httpx.Client(follow_redirects=False, trust_env=False, transport=CheckedTransport(),
                        headers={"User-Agent": USER_AGENT},
                        event_hooks={"response": [refuse_redirect_off_the_web]})


def refuse_redirect_off_the_web(response: httpx.Response) -> None:
    # Checked as the answer arrives: httpx parses the Location once this hook has run,
    # and would fail on a javascript: one with a message that hides the redirect.
    location = response.headers.get("location", "").strip()
    if response.status_code in REDIRECTS and location:
        target = urljoin(str(response.request.url), location)
        if not is_web_url(target):
            raise FetchError(f"redirected to “{target[:200]}”, which is not an http:// or "
                             "https:// address; not followed")


def fetch(client: httpx.Client, url: str, accept: frozenset[str], etag: str = "",
          last_modified: str = "") -> Fetched:
    timeout = settings.FETCH_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    headers = {"Accept": ", ".join(sorted(accept)) + ", */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(url)
            remaining = max(deadline - time.monotonic(), 0.01)
            request = client.build_request("GET", url, headers=headers,
                                           timeout=httpx.Timeout(remaining))
            response = client.send(request, stream=True)
            try:
                if response.status_code not in REDIRECTS:
                    return received(response, url, accept, deadline)
                url = redirect_target(response, url)
            finally:
                response.close()
        raise FetchError(f"more than {MAX_REDIRECTS} redirects; stopped at {url[:200]}")
    except httpx.TimeoutException:
        raise FetchError(f"no answer within {timeout} seconds") from None
    except httpx.InvalidURL as error:
        raise FetchError(f"not a usable address ({error})") from None
    except httpx.HTTPError as error:
        raise FetchError(f"could not be fetched ({type(error).__name__}: {error})") from None


def check_address(url: str) -> None:
    if not is_web_url(url):
        raise FetchError(f"“{url[:200]}” is not an http:// or https:// address; not fetched")


def allowed_address(host: str) -> str:
    """The address to connect to for `host`: refused when any of its addresses is on a
    private, loopback, link-local or reserved network, unless settings allow those."""
    if settings.FETCH_PRIVATE_ADDRESSES:
        return host
    try:
        addresses = [info[4][0] for info in socket.getaddrinfo(host, None,
                                                               type=socket.SOCK_STREAM)]
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"the host {host[:100]} is unknown") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise FetchError(f"the host {host[:100]} is on a private network ({ip}); not fetched")
    return addresses[0]


def redirect_target(response: httpx.Response, url: str) -> str:
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(f"HTTP {response.status_code} redirect without a Location")
    return urljoin(url, location)


def received(response: httpx.Response, url: str, accept: frozenset[str],
             deadline: float) -> Fetched:
    status = response.status_code
    fetched = Fetched(url=url, status=status, etag=response.headers.get("etag", "")[:500],
                      last_modified=response.headers.get("last-modified", "")[:100])
    if status == 304:
        return fetched
    if status != 200:
        raise FetchError(f"HTTP {status} {response.reason_phrase}".strip())
    fetched.content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if fetched.content_type not in accept:
        raise FetchError(f"served as “{fetched.content_type[:100] or 'no content type'}”, "
                         f"not one of {', '.join(sorted(accept))}")
    limit = settings.FETCH_MAX_BYTES
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"too large: {int(declared)} bytes (the limit is {limit})")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise FetchError(f"larger than the limit of {limit} bytes; stopped reading")
        # The client's timeout is per read: a server dripping bytes must not outlast ours.
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the deadline passed while reading")
    fetched.body = bytes(body)
    return fetched
