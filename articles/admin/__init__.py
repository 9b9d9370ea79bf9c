"""The editors' tool, by job: entity curation, articles and statements, review, import, merge."""

from articles.admin import articles, entities, quality  # noqa: F401  (registers the model admins)
