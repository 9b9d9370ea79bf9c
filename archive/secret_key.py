"""Whether a secret key is strong enough to sign sessions and tokens in production."""

import math
import zlib
from collections import Counter

MIN_LENGTH = 50
MIN_DISTINCT_CHARACTERS = 5
# A key drawn at random from 50 symbols carries ~280 bits; a repeated pattern far fewer.
MIN_ESTIMATED_BITS = 128
# The local default key, and the one `startproject` writes.
LOCAL_KEY_PREFIX = "insecure-local-"
DEVELOPMENT_PREFIXES = (LOCAL_KEY_PREFIX, "django-insecure-")


ZLIB_FRAME_BYTES = 8  # header and checksum of a zlib stream, whatever it holds


def estimated_bits(key: str) -> float:
    """A rough upper bound on the key's randomness.

    The Shannon entropy of its characters times its length catches a small alphabet;
    the size it compresses to catches a repeated pattern ("0123456789" * 6).
    """
    counts = Counter(key)
    per_character = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    compressed = len(zlib.compress(key.encode(), 9)) - ZLIB_FRAME_BYTES
    return min(per_character * len(key), 8 * compressed)


def weakness_of(key: str) -> str | None:
    """Why `key` must not be used in production, or None when it may."""
    if key.startswith(DEVELOPMENT_PREFIXES):
        return "is unset or a development key"
    if len(key) < MIN_LENGTH:
        return f"is shorter than {MIN_LENGTH} characters"
    if len(set(key)) < MIN_DISTINCT_CHARACTERS:
        return f"has fewer than {MIN_DISTINCT_CHARACTERS} different characters"
    if estimated_bits(key) < MIN_ESTIMATED_BITS:
        return "is too regular to be random"
    return None
