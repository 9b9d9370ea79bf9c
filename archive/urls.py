from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Trade news archive — editors"
admin.site.site_title = "Archive admin"
admin.site.index_title = "Curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
