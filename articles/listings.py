"""Each listed article's date under every country and sector it involves, for their lists.

A country's newest articles were found by walking every listed article newest first and
probing the link table for each one until a thousand matched: at a million articles that
was 44,000 probes (170 ms) for a country in 2 % of the news, and it grows with the archive.
One index range of these tables, (country or sector, newest first), holds them in order.

The rows are kept by database triggers (migrations 0016 and 0018), not by Python: articles,
their links and sectors change through saves, bulk COPY, `update()` and merges, and a
trigger sees them all. Only listed articles (published, the canonical copy of their story)
have rows.

On SQLite, Django alters a table by building a new one and dropping the old, which drops
the old one's triggers: a later migration that does that to articles, their country or
sector links, or sectors must create the triggers again (tests/test_listings.py fails
until it does).
"""

from django.db import models

from articles.article_models import Article
from articles.models import Country, Sector

# The primary key's index finds an article's rows, the (entity, date) index an entity's. No
# foreign key constraints: the triggers delete the rows with their links, before the article
# or the entity goes, and Django's deletions leave these tables to them.
LISTED_ARTICLE = {"on_delete": models.DO_NOTHING, "db_constraint": False, "db_index": False}


class CountryListing(models.Model):
    pk = models.CompositePrimaryKey("article", "country")
    article = models.ForeignKey(Article, related_name="country_listings", **LISTED_ARTICLE)
    country = models.ForeignKey(Country, related_name="+", **LISTED_ARTICLE)
    published_on = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["country", "-published_on", "-article"],
                         name="country_listing_newest_idx"),
        ]

    def __str__(self):
        return f"{self.country_id} {self.published_on} {self.article_id}"


class SectorListing(models.Model):
    """An article is listed under each of its sectors and under their parents: a parent
    sector's page counts its subsectors' articles, each once."""

    pk = models.CompositePrimaryKey("article", "sector")
    article = models.ForeignKey(Article, related_name="sector_listings", **LISTED_ARTICLE)
    sector = models.ForeignKey(Sector, related_name="+", **LISTED_ARTICLE)
    published_on = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["sector", "-published_on", "-article"],
                         name="sector_listing_newest_idx"),
        ]

    def __str__(self):
        return f"{self.sector_id} {self.published_on} {self.article_id}"
