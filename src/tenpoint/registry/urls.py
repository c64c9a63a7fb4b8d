from django.urls import path

from tenpoint.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.home, name="home"),
    path("people/search/", views.search, name="search"),
]
