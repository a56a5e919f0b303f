from django.urls import URLPattern

app_name = "bulletin"
urlpatterns: list[URLPattern] = []
