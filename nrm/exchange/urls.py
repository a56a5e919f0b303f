from django.urls import path

from nrm.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("htcds/import/", views.htcds_import, name="htcds_import"),
    path("htcds/export.xlsx", views.htcds_export, name="htcds_export"),
    path("anonymised.zip", views.anonymised_release, name="anonymised"),
    path("open-data.zip", views.opendata_export, name="opendata"),
]
