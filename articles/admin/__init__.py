"""The editors' tool, by job: entity curation, articles and statements, review, import, merge."""

# Importing the modules registers their model admins.
from articles.admin import articles, entities, feeds, jobs, quality, stories  # noqa: F401
