"""/robots.txt and the favicon: what browsers and crawlers ask every site for."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_the_downloads(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/articles/export.", "/statements/export."):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines  # reader pages stay open to crawlers
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_disallows_the_real_download_addresses(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")]
    for download in ("/articles/export.csv?country=tr", "/statements/export.json"):
        assert any(download.startswith(prefix) for prefix in disallowed)
        assert client.get(download).status_code == 200


def test_every_page_links_the_favicon_and_it_is_served(client):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def test_the_favicon_file_is_a_small_svg():
    path = finders.find("img/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as icon:
        text = icon.read()
    assert text.startswith("<svg") and len(text) < 1024
