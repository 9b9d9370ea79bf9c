from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page

from archive import site_files
from articles.sitemaps import SITEMAPS

SITEMAP_SECONDS = 3600
handler500 = "archive.outage.server_error"

admin.site.site_header = "Trade news archive — editors"
admin.site.site_title = "Archive admin"
admin.site.index_title = "Curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Crawlers can wait an hour for new pages; counting every section on each request is slow.
    path("sitemap.xml", cache_page(SITEMAP_SECONDS)(sitemap_views.index), {"sitemaps": SITEMAPS},
         name="sitemap_index"),
    path("sitemap-<section>.xml", cache_page(SITEMAP_SECONDS)(sitemap_views.sitemap),
         {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", site_files.robots_txt, name="robots_txt"),
    path("favicon.ico", site_files.favicon, name="favicon"),
    path("", include("articles.urls")),
]
