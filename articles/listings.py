"""Each listed article's date under every country it involves, for the country lists.

A country's newest articles were found by walking every listed article newest first and
probing the link table for each one until a thousand matched: at a million articles that
was 44,000 probes (170 ms) for a country in 2 % of the news, and it grows with the archive.
One index range of this table, (country, newest first), holds them in order instead.

The rows are kept by database triggers (migration 0016), not by Python: articles and their
links change through saves, bulk COPY, `update()` and merges, and a trigger sees them all.
Only listed articles (published, the canonical copy of their story) have rows.
"""

from django.db import models

from articles.article_models import Article
from articles.models import Country


class CountryListing(models.Model):
    pk = models.CompositePrimaryKey("article", "country")
    # The primary key's index finds an article's rows, the one below a country's. No foreign
    # key constraints: the triggers delete a row with its link, before the
    # article or the country goes, and Django's deletions leave the table to them.
    article = models.ForeignKey(Article, on_delete=models.DO_NOTHING, db_constraint=False,
                                db_index=False, related_name="country_listings")
    country = models.ForeignKey(Country, on_delete=models.DO_NOTHING, db_constraint=False,
                                db_index=False, related_name="+")
    published_on = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["country", "-published_on", "-article"],
                         name="country_listing_newest_idx"),
        ]

    def __str__(self):
        return f"{self.country_id} {self.published_on} {self.article_id}"
