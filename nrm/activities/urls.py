from __future__ import annotations

from django.urls import path

from nrm.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("review/", views.review, name="review"),
    path("submit/", views.submit_period, name="submit_period"),
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/new/", views.programme_edit, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/submit/", views.activity_submit, name="submit"),
    path("<int:pk>/withdraw/", views.activity_withdraw, name="withdraw"),
    path("<int:pk>/approve/", views.activity_approve, name="approve"),
    path("<int:pk>/return/", views.activity_return, name="return"),
    path("<int:pk>/delete/", views.activity_delete, name="delete"),
    path("<int:pk>/link/", views.event_link, name="link"),
    path("<int:pk>/unlink/", views.event_unlink, name="unlink"),
    path("<int:pk>/counted/", views.event_counted, name="counted"),
    path("<int:pk>/distinct/<int:other>/", views.mark_distinct, name="distinct"),
]
