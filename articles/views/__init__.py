"""Readers' pages, by family. Each is a queryset, the shared filters and a template."""

from articles.views.entities import (
    company_detail,
    company_list,
    country_detail,
    country_list,
    country_pair,
    sector_detail,
    sector_list,
    source_detail,
    source_list,
    speaker_detail,
    speaker_list,
)
from articles.views.exports import article_export, statement_export
from articles.views.lists import article_detail, article_list, home, statement_list
from articles.views.stories import story_detail

__all__ = [
    "article_detail", "article_export", "article_list", "company_detail", "company_list",
    "country_detail", "country_list", "country_pair", "home", "sector_detail", "sector_list",
    "source_detail", "source_list", "speaker_detail", "speaker_list", "statement_export",
    "statement_list", "story_detail",
]
