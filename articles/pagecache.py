"""Readers' pages from the shared cache, with the headers a proxy or CDN needs.

An anonymous reader's GET is answered from the cache when the same URL was rendered
since the last content change (the key holds the content version, see caching.py);
otherwise the page is rendered and stored. Editors and staff — anyone signed in — always
get a fresh page, marked private. Responses that set a cookie, stream (exports) or are
not a plain 200 are never stored.

Headers: an ETag and Last-Modified (the time of the last change) so that a revalidating
browser or proxy gets a 304; `Cache-Control: public` with a max-age of
ARCHIVE_PAGE_MAX_AGE seconds (0 by default: reuse only after asking, so nobody is shown a
page older than the last change); `Vary: Cookie` since signed-in users see other pages.
"""

import hashlib
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from articles.caching import content_version

NOT_CACHED_PREFIXES = ("/admin/", "/accounts/")
PAGE_SECONDS = 600


def page_key(request, version: int) -> str:
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{version}:{url}"


def is_cacheable_request(request) -> bool:
    return (
        settings.ARCHIVE_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(NOT_CACHED_PREFIXES)
        and not request.user.is_authenticated
    )


def is_cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def with_caching_headers(response, version: int):
    response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    if version:
        response["Last-Modified"] = formatdate(version / 1e9, usegmt=True)
    max_age = settings.ARCHIVE_PAGE_MAX_AGE
    patch_cache_control(response, public=True, max_age=max_age, must_revalidate=True,
                        **({"no_cache": True} if max_age == 0 else {}))
    patch_vary_headers(response, ["Cookie"])
    return response


class ReaderPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if request.user.is_authenticated and not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return response
        version = content_version()
        key = page_key(request, version)
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if not is_cacheable_response(response):
                return response
            with_caching_headers(response, version)
            cache.set(key, response, PAGE_SECONDS)
            response["X-Page-Cache"] = "miss"
        else:
            response["X-Page-Cache"] = "hit"
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=version // 10**9 or None,
            response=response,
        )
