from django.urls import path

from nrm.bulletin import views

app_name = "bulletin"
urlpatterns = [
    path("", views.edition_list, name="editions"),
    path("<str:period>/", views.compose, name="compose"),
    path("<str:period>/texts/", views.write_texts, name="texts"),
    path("<str:period>/policy/", views.set_policy, name="policy"),
    path("<str:period>/partners/", views.move_partner, name="move_partner"),
    path(
        "<str:period>/partners/default/",
        views.restore_partner_order,
        name="restore_partner_order",
    ),
    path("<str:period>/photos/", views.choose_photos, name="photos"),
    path("<str:period>/sections/", views.add_section, name="add_section"),
    path("<str:period>/sections/<int:pk>/", views.edit_section, name="edit_section"),
    path("<str:period>/preview/<str:lang>/", views.preview, name="preview"),
    path("<str:period>/draft/<str:lang>.<str:fmt>", views.download_draft, name="draft"),
    path("<str:period>/publish/", views.publish, name="publish"),
    path("<str:period>/v<int:number>/withdraw/", views.withdraw, name="withdraw"),
]
