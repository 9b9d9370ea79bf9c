"""The archive's own 404 page, with DEBUG on too.

`make run` serves with DEBUG on, and that is what people show colleagues: Django would
answer an unknown address with its technical page listing every URL pattern. Only the
404 is replaced; a 500 keeps Django's debug page, which is what a developer needs.
"""

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve
from django.views import defaults


class ArchiveNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            # An address no pattern matches fails before any view middleware runs, so
            # process_exception never sees it: it is resolved here first.
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exception:
                return defaults.page_not_found(request, exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        return None
