from django.urls import path

from tenpoint.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.home, name="home"),
    path("import/", views.import_seeds, name="import"),
    path("meetings/<uuid:meeting_uuid>/", views.meeting, name="meeting"),
    path("meetings/<uuid:meeting_uuid>/activities/new/", views.activity_new, name="activity_new"),
    path("recommendations/<uuid:recommendation_uuid>/", views.recommendation, name="recommendation"),
    path("activities/<uuid:activity_uuid>/", views.activity, name="activity"),
    path("plans/<uuid:plan_uuid>/", views.plan, name="plan"),
    path("actions/<uuid:action_uuid>/", views.action, name="action"),
    path("adoptions/<uuid:adoption_uuid>/", views.adoption, name="adoption"),
    path("targets/<uuid:target_uuid>/revise/", views.target_revise, name="target_revise"),
    path("indicators/values/new/", views.indicator_value_new, name="indicator_value_new"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
]
