from django.urls import path

from tenpoint.screening import views

app_name = "screening"
urlpatterns = [
    path("people/<uuid:person_uuid>/interview/", views.interview, name="interview"),
    path("interviews/<uuid:screening_uuid>/", views.result, name="result"),
    path("flags/<uuid:suggestion_uuid>/decide/", views.decide, name="decide"),
    path("questionnaires/", views.questionnaires, name="questionnaires"),
    path("import/", views.kobo_import, name="kobo_import"),
]
