"""Text that XML 1.0 can carry: no control characters but tab and line breaks.

Word writes Shift+Enter as a vertical tab (\\x0b); one such title, or a search for `%01`,
made the Atom feed fail. Such characters are cleaned where text comes in (imports, every
save) and again where XML goes out (feeds), so old rows cannot break a feed either.
"""

import re

# C0 controls other than \t \n \r, the two non-characters and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Vertical tab and form feed are how word processors break lines and pages.
_BREAKS = "\x0b\x0c"


def xml_safe(text: str) -> str:
    """The text with line-breaking controls as newlines and every other illegal one dropped."""
    if not text or not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda match: "\n" if match.group() in _BREAKS else "", text)
