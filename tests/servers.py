"""Real app servers for tests: gunicorn on a free loopback port, with its own settings."""

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_environment(**settings) -> dict:
    """The environment of a server or command: this one's, with the given settings."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("DATABASE_", "REDIS_", "ARCHIVE_", "GUNICORN_"))}
    environment.update(DJANGO_DEBUG="1", **settings)
    return environment


def manage(environment: dict, *arguments) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=PROJECT, env=environment,
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def wait_for_port(port: int, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


@contextmanager
def gunicorn(environment: dict, *options, config: str = "gunicorn.conf.py"):
    """A gunicorn serving the archive with our gunicorn.conf.py; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", config,
         "--bind", f"127.0.0.1:{port}", "--workers", "1", *options, "archive.wsgi"],
        cwd=PROJECT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
        process.log = errors.decode(errors="replace")


class Browser:
    """A person's browser against one server: cookies kept, CSRF token sent with forms."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> str:
        with self.opener.open(self.base_url + path, timeout=60) as response:
            return response.read().decode()

    def status(self, path: str) -> int:
        try:
            with self.opener.open(self.base_url + path, timeout=60) as response:
                return response.status
        except HTTPError as error:
            return error.code

    def post(self, path: str, fields: list[tuple[str, str]]) -> str:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        body = urlencode([("csrfmiddlewaretoken", token), *fields]).encode()
        request = Request(self.base_url + path, data=body,  # noqa: S310  (http on loopback)
                          headers={"Referer": self.base_url + path})
        with self.opener.open(request, timeout=60) as response:
            return response.read().decode()

    def sign_in(self, username: str, password: str) -> None:
        self.get("/admin/login/")
        page = self.post("/admin/login/?next=/admin/", [("username", username),
                                                        ("password", password),
                                                        ("next", "/admin/")])
        assert "Log out" in page or "logout" in page, "not signed in"


def editor_password(environment: dict) -> str:
    output = manage(environment, "create_local_editor", "--reset-password")
    return re.search(r"password: (\S+)", output).group(1)
