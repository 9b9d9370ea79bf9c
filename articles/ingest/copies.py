"""Near-duplicate detection at import: a syndicated copy joins the story of the article it copies.

An outlet republishing a wire story trims it, retitles it, moves a paragraph or adds one of
its own; most of its runs of words stay the agency's. So texts are compared as sets of
shingles (SHINGLE_WORDS consecutive words of the body; the title is left out, outlets
rewrite it) and a MinHash signature (datasketch) of each set estimates the Jaccard
similarity of two texts from their signatures alone.

Finding candidates is locality-sensitive hashing: the signature is cut into BANDS bands of
BAND_ROWS values and each band hashed to one integer, stored in an indexed table
(stories.StoryBand). Two texts of Jaccard similarity J share at least one band with
probability 1 - (1 - J^BAND_ROWS)^BANDS — about 0.67 at J = 0.3, 0.99 at J = 0.5 — and two
unrelated texts almost never. A new article's candidates are an index lookup of its band
hashes, whatever the size of the archive; each candidate is then confirmed on the estimate:
similar enough as a whole, or the shorter text mostly contained in the longer one (a
trimmed copy), the share computed from the Jaccard estimate and the two shingle counts.

A band shared by very many articles is boilerplate (a standard paragraph, a disclaimer,
a template brief), not a sign of copying: a bucket stops taking members once it holds
BUCKET_CAPACITY articles. That bounds every lookup, so the cost per article does not grow
with the archive, and costs nothing in recall: a true copy shares many of its bands.
"""

import hashlib
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from itertools import count

import numpy as np
from datasketch import MinHash
from django.db import connection

from articles.bulk import insert_rows
from articles.models import Article
from articles.search import backend
from articles.stories import Story, StoryBand, StorySignature, settle

SHINGLE_WORDS = 4
BAND_ROWS = 3
BANDS = 40
NUM_PERM = BAND_ROWS * BANDS
# The permutations of every stored signature come from this seed: changing it (or the
# shingling) means recomputing every signature in the archive.
SIGNATURE_SEED = 1
# Below this many shingles (under thirty words) a text says too little to call it a copy.
MIN_SHINGLES = 25
# A copy as a whole: share of all shingles in common (two briefs written on one template,
# different names and figures in it, reach 0.3; the estimate's error is about 0.05)...
MIN_JACCARD = 0.5
# ...or a trimmed copy: share of the shorter text's shingles found in the longer one, when
# the two still have a fair share in common (an article quoting a paragraph of another is
# no copy of it).
MIN_CONTAINMENT = 0.75
MIN_JACCARD_CONTAINED = 0.2
# Candidates confirmed per article, those sharing the most bands first.
CANDIDATES = 10
# Articles a band's bucket takes before it counts as boilerplate (see above). A full bucket
# is still read: the ninth copy of a wire story finds the first eight in it. At 50, buckets
# of generated boilerplate filled up as the archive grew and each lookup read up to 2,000
# rows an article (bench_copies: 6 ms at 10,000 articles, 26 ms at 100,000).
BUCKET_CAPACITY = 8

# Drawn once: making them for every signature cost a third of its time.
PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SIGNATURE_SEED, scheme="affine32").permutations

WORD = re.compile(r"\w+")
# Odd 64-bit constants weighing each word of a shingle by its place in it.
PLACE_WEIGHTS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                          0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD][:SHINGLE_WORDS], dtype=np.uint64)


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of the text's shingles of SHINGLE_WORDS words.

    Each word is hashed once (CRC-32: stable across processes and machines) and a shingle's
    hash mixes its words' in order, in numpy: hashing every shingle's string would cost
    more than the rest of the detection.
    """
    words = WORD.findall(text.casefold())
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter((zlib.crc32(word.encode("utf-8")) for word in words),
                         dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))
    windows = np.lib.stride_tricks.sliding_window_view(hashes, width)
    # uint64 arithmetic wraps around: the mixing is modulo 2**64, then the top half is kept.
    mixed = (windows * PLACE_WEIGHTS[:width]).sum(axis=1, dtype=np.uint64)
    return np.unique(mixed >> np.uint64(32))


@dataclass(frozen=True)
class Fingerprint:
    hashvalues: np.ndarray
    shingle_count: int

    @classmethod
    def of(cls, text: str) -> "Fingerprint | None":
        shingles = shingle_hashes(text)
        if len(shingles) < MIN_SHINGLES:
            return None
        # The shingles come hashed already; datasketch permutes and keeps the minima.
        signature = MinHash(num_perm=NUM_PERM, seed=SIGNATURE_SEED, hashfunc=int,
                            scheme="affine32", permutations=PERMUTATIONS)
        signature.update_batch(shingles)
        return cls(signature.hashvalues.astype("<u4"), len(shingles))

    @classmethod
    def stored(cls, row: StorySignature) -> "Fingerprint":
        return cls(np.frombuffer(bytes(row.hashvalues), dtype="<u4"), row.shingle_count)

    def band_keys(self) -> list[int]:
        """One signed 64-bit hash per band, the band's number in it (bands are not mixed)."""
        keys = []
        for band in range(BANDS):
            rows = self.hashvalues[band * BAND_ROWS:(band + 1) * BAND_ROWS].tobytes()
            digest = hashlib.blake2b(band.to_bytes(2, "little") + rows, digest_size=8).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys

    def jaccard(self, other: "Fingerprint") -> float:
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / NUM_PERM

    def is_copy_of(self, other: "Fingerprint") -> tuple[bool, float]:
        """Whether the two texts are copies of one story, and their estimated similarity."""
        jaccard = self.jaccard(other)
        common = jaccard * (self.shingle_count + other.shingle_count) / (1 + jaccard)
        contained = common / min(self.shingle_count, other.shingle_count)
        is_copy = jaccard >= MIN_JACCARD or (
            contained >= MIN_CONTAINMENT and jaccard >= MIN_JACCARD_CONTAINED)
        return is_copy, jaccard


class CopyDetector:
    """The import stage that files each saved article's signature and groups its copies."""

    def place(self, articles: list[Article]) -> None:
        """Store the signatures of `articles` (saved, new or updated) and put each one that
        copies another article of the archive or of the batch in its story."""
        prints = {article.pk: Fingerprint.of(article.body) for article in articles}
        ids = list(prints)
        StoryBand.objects.filter(article_id__in=ids).delete()
        StorySignature.objects.filter(article_id__in=ids).delete()
        prints = {pk: found for pk, found in prints.items() if found is not None}
        keys = {pk: found.band_keys() for pk, found in prints.items()}
        StorySignature.objects.bulk_create(
            StorySignature(article_id=pk, hashvalues=found.hashvalues.tobytes(),
                           shingle_count=found.shingle_count) for pk, found in prints.items())
        holders = self.holders({key for article_keys in keys.values() for key in article_keys})
        self.file_bands(keys, holders)
        # The batch's own articles are candidates for each other too.
        for pk, article_keys in keys.items():
            for key in article_keys:
                holders.setdefault(key, []).append(pk)
        loose = [a for a in articles if a.pk in prints and a.story_id is None]
        if loose:
            self.group(loose, prints, self.candidates(loose, keys, holders))

    @staticmethod
    def holders(band_keys: set[int]) -> dict[int, list[int]]:
        """The archive's articles in each of these bands' buckets (at most about
        BUCKET_CAPACITY each), by the index on the key; the keys go as one parameter."""
        found = {}
        for key, pk in StoryBand.objects.filter(
                key__in=backend().id_list(sorted(band_keys))).values_list("key", "article_id"):
            found.setdefault(key, []).append(pk)
        return found

    @staticmethod
    def file_bands(keys: dict[int, list[int]], holders: dict[int, list[int]]) -> None:
        """One row per band of each article, except in buckets full already."""
        insert_rows(StoryBand, [StoryBand._meta.get_field("article").column, "key"],
                    [(pk, key) for pk, article_keys in keys.items() for key in article_keys
                     if len(holders.get(key, ())) < BUCKET_CAPACITY])

    def group(self, articles: list[Article], prints: dict, candidates: dict) -> None:
        wanted = {pk for found in candidates.values() for pk in found} - set(prints)
        known = {pk: Fingerprint.stored(row)
                 for pk, row in StorySignature.objects.in_bulk(sorted(wanted)).items()}
        known.update(prints)
        story_of = dict(Article.objects.filter(pk__in=wanted, story__isnull=False)
                        .values_list("pk", "story_id")) if wanted else {}
        # Copies of copies are one story: confirmed pairs are joined into groups, and a
        # group already holding a story joins it (the oldest, when it holds several).
        group_of = {}

        def root(pk):
            while group_of.get(pk, pk) != pk:
                pk = group_of[pk]
            return pk

        for article in articles:
            mine = prints[article.pk]
            for pk in candidates.get(article.pk, ()):
                if pk in known and mine.is_copy_of(known[pk])[0]:
                    group_of[root(pk)] = root(article.pk)
        groups = {}
        for pk in [*group_of, *group_of.values()]:
            groups.setdefault(root(pk), set()).add(pk)
        joined, labels = [], count(-1, -1)
        for members in groups.values():
            stories = sorted(story_of[pk] for pk in members if pk in story_of)
            target = stories[0] if stories else next(labels)  # a story to create
            for pk in sorted(members - set(story_of)):
                story_of[pk] = target
                joined.append(pk)
        if not joined:
            return
        fresh = sorted({label for label in story_of.values() if label < 0})
        created = dict(zip(fresh, Story.objects.bulk_create(Story() for _ in fresh),
                           strict=True))
        story_of = {pk: created[label].pk if label < 0 else label
                    for pk, label in story_of.items()}
        table, story, pk_column = (connection.ops.quote_name(name) for name in (
            Article._meta.db_table, Article._meta.get_field("story").column, "id"))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {story} = %s WHERE {pk_column} = %s",  # noqa: S608
                [(story_of[pk], pk) for pk in joined])
        settle({story_of[pk] for pk in joined})
        flags = dict(Article.objects.filter(pk__in=[a.pk for a in articles])
                     .values_list("pk", "is_canonical"))
        for article in articles:
            article.story_id, article.is_canonical = story_of.get(article.pk), flags[article.pk]

    @staticmethod
    def candidates(articles: list[Article], keys: dict, holders: dict) -> dict[int, list[int]]:
        """For each article, the others sharing a band with it, those sharing most first."""
        found = {}
        for article in articles:
            shared = Counter(pk for key in keys[article.pk] for pk in holders.get(key, ())
                             if pk != article.pk)
            found[article.pk] = [pk for pk, _ in shared.most_common(CANDIDATES)]
        return found
