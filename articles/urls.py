from django.urls import path, re_path

from articles import views
from articles.feeds import ArticleFeed, StatementFeed

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/feed/", ArticleFeed(), name="article_list_feed"),
    re_path(r"^articles/export\.(?P<file_format>csv|json)$", views.article_export,
            name="article_export"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/feed/", StatementFeed(), name="statement_list_feed"),
    re_path(r"^statements/export\.(?P<file_format>csv|json)$", views.statement_export,
            name="statement_export"),
    path("companies/", views.company_list, name="company_list"),
    path("companies/<slug:slug>/", views.company_detail, name="company_detail"),
    path("speakers/", views.speaker_list, name="speaker_list"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
    path("countries/", views.country_list, name="country_list"),
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/$", views.country_detail, name="country_detail"),
    re_path(r"^countries/(?P<first>[A-Za-z]{2})/(?P<second>[A-Za-z]{2})/$", views.country_pair,
            name="country_pair"),
    path("sectors/", views.sector_list, name="sector_list"),
    path("sectors/<slug:slug>/", views.sector_detail, name="sector_detail"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("stories/<int:pk>/", views.story_detail, name="story_detail"),
]
