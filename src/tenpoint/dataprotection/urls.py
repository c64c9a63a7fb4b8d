from django.urls import path

from tenpoint.dataprotection import views

app_name = "dataprotection"
urlpatterns = [
    path("people/<uuid:person_uuid>/", views.person_protection, name="person"),
    path("people/<uuid:person_uuid>/shares/<uuid:share_uuid>/revoke/", views.revoke_share, name="revoke_share"),
    path("people/<uuid:person_uuid>/access-request/", views.access_request, name="access_request"),
    path("people/<uuid:person_uuid>/erase/", views.erase, name="erase"),
    path("export/", views.export_people, name="export_people"),
]
