"""Links to the outside web: http and https only, whoever writes them.

A `javascript:` or `data:` URL stored as an article's original link runs in the archive's
origin when a reader clicks it. So every stored URL is checked three times: by the model
field's validator (admin forms, full_clean), by a database constraint (bulk inserts, the
shell, raw SQL), and once more when a template renders it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q

WEB_SCHEMES = ("http", "https")

validate_web_url = URLValidator(
    schemes=list(WEB_SCHEMES), message="Enter a web address starting with http:// or https://."
)


def is_web_url(value) -> bool:
    try:
        validate_web_url(str(value))
    except ValidationError:
        return False
    return True


def web_url_or_blank(field: str) -> Q:
    """The condition a database constraint holds a URL column to."""
    return (Q(**{field: ""}) | Q(**{f"{field}__istartswith": "http://"})
            | Q(**{f"{field}__istartswith": "https://"}))
