from django.urls import path

from tenpoint.linkage import views

app_name = "linkage"
urlpatterns = [
    path("candidates/", views.candidates, name="candidates"),
]
