from django.urls import path

from tenpoint.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("offices/new/", views.office_new, name="office_new"),
    path("points/new/", views.registration_point_new, name="registration_point_new"),
]
