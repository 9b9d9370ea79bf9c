"""The files every site is asked for at its root: /robots.txt and /favicon.ico."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

DAY = 24 * 3600

# Crawlers may read every reader page; the editors' admin and the downloads (large, and
# the same articles again) are not for them.
DISALLOWED = ["/admin/", "/articles/export.", "/statements/export."]


@require_GET
@cache_page(DAY)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links; send them to the static icon.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
