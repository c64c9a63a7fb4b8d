from django.urls import path

from tenpoint.registry import views

app_name = "registry"
urlpatterns = [
    path("arrivals/", views.home, name="home"),
    path("arrivals/new/", views.arrival_new, name="arrival_new"),
    path("arrivals/<uuid:arrival_uuid>/", views.arrival, name="arrival"),
    path("arrivals/<uuid:arrival_uuid>/people/", views.batch, name="batch"),
    path("arrivals/<uuid:arrival_uuid>/import/", views.import_file, name="import"),
    path("people/new/", views.person_new, name="person_new"),
    path("people/search/", views.search, name="search"),
    path("people/<uuid:person_uuid>/", views.person, name="person"),
    path("people/<uuid:person_uuid>/correct/", views.person_edit, name="person_edit"),
    path("people/<uuid:person_uuid>/documents/", views.person_add_document, name="person_add_document"),
    path("people/<uuid:person_uuid>/names/", views.person_add_alias, name="person_add_alias"),
    path("people/<uuid:person_uuid>/photo/", views.person_photo, name="person_photo"),
    path("people/<uuid:person_uuid>/photo/upload/", views.person_photo_upload, name="person_photo_upload"),
    path("groups/<uuid:group_uuid>/", views.group, name="group"),
]
