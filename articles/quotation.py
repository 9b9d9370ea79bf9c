"""How a quoted statement is shown: without the comma that led into its attribution.

`"We have the orders," he said` is stored as the article printed it, "We have the
orders,"; shown alone between quotation marks, the comma is a stray. Only what readers see
changes: the stored text, exports and the search index keep it.
"""

from django.utils.safestring import SafeData, mark_safe


def shown_quote(text: str) -> str:
    stripped = text.rstrip()
    if not stripped.endswith(","):
        return text
    shown = stripped[:-1].rstrip()
    # Marked-up snippets stay safe: dropping a final "," cannot open or close a tag.
    return mark_safe(shown) if isinstance(text, SafeData) else shown  # noqa: S308
