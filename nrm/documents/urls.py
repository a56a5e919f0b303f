from __future__ import annotations

from django.urls import path

from nrm.documents import views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/", views.document_download, name="download"),
    path("<int:pk>/remove/", views.document_remove, name="remove"),
    path("add/<slug:kind>/<str:key>/", views.document_add, name="add"),
]
