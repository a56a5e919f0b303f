"""Open-data bundles for everyone (no login), mounted under /public/open-data/."""

from django.urls import path

from nrm.exchange import views

app_name = "public_opendata"
urlpatterns = [
    path("<str:period>.zip", views.public_bundle, name="bundle"),
    path("bulletin/<str:period>.zip", views.bulletin_bundle, name="bulletin"),
]
