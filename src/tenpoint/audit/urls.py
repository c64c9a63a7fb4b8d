from django.urls import path

from tenpoint.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_log, name="log"),
    path("verify/", views.verify, name="verify"),
]
