"""Links out of the archive are rendered only when they are web addresses.

The database already refuses other schemes; a template still treats a stored URL as
untrusted, so a row written before that rule (or by a path that forgot it) links nowhere.
"""

from django import template

from articles.web_urls import is_web_url

register = template.Library()


@register.filter
def web_url(value) -> str:
    """The URL when it is http(s), else an empty string (and no link is drawn)."""
    return str(value) if value and is_web_url(value) else ""
