from django.urls import path

from nrm.bulletin import converters, views

assert converters  # registers the <period>, <lang> and <fmt> URL converters

app_name = "bulletin"
urlpatterns = [
    path("", views.edition_list, name="editions"),
    path("<period:period>/", views.compose, name="compose"),
    path("<period:period>/texts/", views.write_texts, name="texts"),
    path("<period:period>/policy/", views.set_policy, name="policy"),
    path("<period:period>/sections/", views.add_section, name="add_section"),
    path("<period:period>/sections/<int:pk>/", views.edit_section, name="edit_section"),
    path("<period:period>/preview/<lang:lang>/", views.preview, name="preview"),
    path("<period:period>/draft/<lang:lang>.<fmt:fmt>", views.download_draft, name="draft"),
    path("<period:period>/publish/", views.publish, name="publish"),
]
