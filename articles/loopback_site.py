"""A small web site on loopback serving given files: for the poller's tests and benchmark.

Real HTTP over a real socket (http.server in a thread), so that fetching is tried against
what the outside web does — status codes, ETags and 304s, redirects, slow or dripping
answers, wrong content types, oversized bodies — without reaching the internet.
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    etag: str = ""  # answered with 304 when the request sends it back
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between bytes of the body
    # A Content-Length other than the body's; negative: none, the end of the body is the close.
    declared_length: int | None = None


class Site:
    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.requests: list[tuple[str, dict]] = []
        self.server = None
        # Requests being answered now, and the most there were at once.
        self.in_flight = self.most_at_once = 0
        self.lock = threading.Lock()

    def add(self, path: str, body: bytes | str = b"", **fields) -> str:
        self.pages[path] = Page(body.encode() if isinstance(body, str) else body, **fields)
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        return self.add(path, status=status, headers={"Location": target})

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def requested(self, path: str) -> list[dict]:
        """The headers of each request for `path`, in order."""
        return [headers for requested, headers in self.requests if requested == path]

    def __enter__(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802  (http.server's name)
                with site.lock:
                    site.requests.append((self.path, dict(self.headers)))
                    site.in_flight += 1
                    site.most_at_once = max(site.most_at_once, site.in_flight)
                try:
                    site.answer(self)
                finally:
                    with site.lock:
                        site.in_flight -= 1

            def log_message(self, format, *args):  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        page = self.pages.get(handler.path.split("?")[0])
        if page is None:
            page = Page(b"Not found", status=404, content_type="text/plain")
        time.sleep(page.delay)
        if page.etag and handler.headers.get("If-None-Match") == page.etag:
            handler.send_response(304)
            handler.send_header("ETag", page.etag)
            handler.end_headers()
            return
        handler.send_response(page.status)
        if page.content_type:
            handler.send_header("Content-Type", page.content_type)
        if page.etag:
            handler.send_header("ETag", page.etag)
        for name, value in page.headers.items():
            handler.send_header(name, value)
        length = len(page.body) if page.declared_length is None else page.declared_length
        if length >= 0:
            handler.send_header("Content-Length", str(length))
        handler.end_headers()
        try:
            if not page.drip:
                handler.wfile.write(page.body)
                return
            for byte in page.body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(page.drip)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should past its limits
