import pytest

from articles.ingest.fetching import FEED_TYPES, PAGE_TYPES, FetchError, fetch, new_client
from tests.sites import RSS_TYPE, entry, rss


def get(url: str, accept=FEED_TYPES, **conditions):
    with new_client() as client:
        return fetch(client, url, accept, **conditions)


def refusal(url: str, accept=FEED_TYPES) -> str:
    with pytest.raises(FetchError) as raised:
        get(url, accept)
    return str(raised.value)


def test_a_feed_is_fetched_with_its_etag_and_last_modified(web):
    url = web.add("/rss", rss(entry(1)), content_type=RSS_TYPE, etag='"v1"',
                  headers={"Last-Modified": "Mon, 06 May 2024 09:00:00 GMT"})
    fetched = get(url)
    assert (fetched.status, fetched.url, fetched.content_type) == (200, url, RSS_TYPE)
    assert b"Pipeline contract number 1" in fetched.body
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Mon, 06 May 2024 09:00:00 GMT")


def test_a_conditional_request_sends_both_validators_and_a_304_has_no_body(web):
    url = web.add("/rss", rss(entry(1)), content_type=RSS_TYPE, etag='"v1"')
    fetched = get(url, etag='"v1"', last_modified="Mon, 06 May 2024 09:00:00 GMT")
    assert fetched.not_modified and fetched.body == b""
    headers = web.requested("/rss")[0]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Mon, 06 May 2024 09:00:00 GMT"


@pytest.mark.parametrize(("status", "said"), [(404, "HTTP 404 Not Found"),
                                               (500, "HTTP 500 Internal Server Error"),
                                               (403, "HTTP 403 Forbidden")])
def test_an_error_status_is_reported_with_its_code(web, status, said):
    assert refusal(web.add("/rss", "gone", status=status, content_type=RSS_TYPE)) == said


def test_a_missing_page_is_a_404(web):
    assert refusal(web.url("/nothing-here")) == "HTTP 404 Not Found"


def test_a_server_that_does_not_answer_in_time_is_given_up(web):
    assert refusal(web.add("/rss", rss(), content_type=RSS_TYPE, delay=3)) == \
        "no answer within 1 seconds"


def test_a_server_dripping_its_body_is_cut_off_at_the_deadline(web):
    url = web.add("/rss", rss(entry(1)), content_type=RSS_TYPE, drip=0.01)
    assert refusal(url) == "no answer within 1 seconds"


def test_redirects_are_followed_to_the_final_address(web):
    final = web.add("/feeds/rss.xml", rss(entry(1)), content_type=RSS_TYPE)
    web.redirect("/old", "/older", status=301)
    web.redirect("/older", final, status=308)
    fetched = get(web.url("/old"))
    assert fetched.url == final and b"contract number 1" in fetched.body


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://wire.example/rss",
                                    "javascript:alert(1)", "gopher://127.0.0.1:70/"])
def test_a_redirect_to_anything_but_http_or_https_is_refused(web, target):
    reason = refusal(web.redirect("/rss", target))
    assert reason.startswith(f"redirected to “{target}”")
    assert reason.endswith("not an http:// or https:// address; not followed")


def test_a_redirect_loop_is_stopped(web):
    web.redirect("/a", "/b")
    web.redirect("/b", "/a")
    assert refusal(web.url("/a")).startswith("more than 5 redirects")


def test_a_redirect_without_a_location_is_an_error(web):
    assert refusal(web.add("/rss", status=302)) == "HTTP 302 redirect without a Location"


def test_a_body_declared_too_large_is_not_read(web, settings):
    settings.FETCH_MAX_BYTES = 1000
    url = web.add("/rss", "x" * 5000, content_type=RSS_TYPE)
    assert refusal(url) == "too large: 5000 bytes (the limit is 1000)"


def test_a_body_larger_than_the_limit_is_stopped_while_streaming(web, settings):
    settings.FETCH_MAX_BYTES = 100_000
    url = web.add("/rss", b"<rss>" + b"x" * 1_000_000, content_type=RSS_TYPE,
                  declared_length=-1)
    assert refusal(url) == "larger than the limit of 100000 bytes; stopped reading"


@pytest.mark.parametrize(("content_type", "said"), [
    ("text/plain", "“text/plain”"), ("application/octet-stream", "“application/octet-stream”"),
    ("", "“no content type”")])
def test_a_feed_served_as_something_else_is_refused(web, content_type, said):
    reason = refusal(web.add("/rss", rss(entry(1)), content_type=content_type))
    assert reason.startswith(f"served as {said}, not one of application/atom+xml")


def test_a_page_is_accepted_as_html_but_not_as_a_feed(web):
    url = web.add("/article", "<html><body><p>Text</p></body></html>")
    assert get(url, PAGE_TYPES).content_type == "text/html"
    assert refusal(url).startswith("served as “text/html”")


@pytest.mark.parametrize("url", ["ftp://wire.example/rss", "file:///etc/passwd",
                                 "javascript:alert(1)"])
def test_an_address_that_is_not_http_or_https_is_never_fetched(url):
    assert refusal(url) == f"“{url}” is not an http:// or https:// address; not fetched"


def test_the_servers_own_networks_are_refused_unless_settings_allow_them(web, settings):
    url = web.add("/rss", rss(entry(1)), content_type=RSS_TYPE)
    settings.FETCH_PRIVATE_ADDRESSES = False
    assert refusal(url) == "the host 127.0.0.1 is on a private network (127.0.0.1); not fetched"
    assert web.requested("/rss") == []


def test_a_host_name_resolving_to_the_servers_own_network_is_refused_too(settings):
    settings.FETCH_PRIVATE_ADDRESSES = False
    with pytest.raises(FetchError, match="on a private network"):
        get("http://localhost:1/rss")


def test_a_connection_refused_is_reported(settings):
    settings.FETCH_PRIVATE_ADDRESSES = True
    assert refusal("http://127.0.0.1:1/rss").startswith("could not be fetched (ConnectError")
