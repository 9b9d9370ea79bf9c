from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles.sitemaps import SITEMAPS

admin.site.site_header = "Trade news archive — editors"
admin.site.site_title = "Archive admin"
admin.site.index_title = "Curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("", include("articles.urls")),
]
