"""The client's address, as login lockouts and export limits count it.

Behind DJANGO_PROXY_COUNT trusted proxies, each appends the address it was connected
from to X-Forwarded-For, so the client is that many entries from the right; anything
further left was written by the client and proves nothing. Without a configured proxy
the header is ignored and the connecting address is the client.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.PROXY_COUNT:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < settings.PROXY_COUNT:
        return remote
    candidate = forwarded[-settings.PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
