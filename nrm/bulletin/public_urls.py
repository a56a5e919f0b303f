"""Published bulletins for everyone (no login), mounted under /public/bulletins/."""

from django.urls import path

from nrm.bulletin import converters, views

assert converters  # registers the <period>, <lang> and <fmt> URL converters

app_name = "public_bulletins"
urlpatterns = [
    path("", views.published_list, name="list"),
    path(
        "<period:period>/v<int:number>/<lang:lang>.<fmt:fmt>",
        views.published_file,
        name="file",
    ),
]
