from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Archive"

    def ready(self):
        from articles import caching, signals, text_cleaning  # noqa: F401  (connects the receivers)
        from articles.search import signals as search_signals  # noqa: F401
