from django.urls import path

from tenpoint.information import views

app_name = "information"
urlpatterns = [
    path("", views.public_index, name="public_index"),
    path("staff/packages/", views.packages, name="packages"),
    path("staff/packages/<uuid:package_uuid>/", views.package_edit, name="package_edit"),
    path("staff/packages/<uuid:package_uuid>/review/", views.package_review, name="package_review"),
    path("staff/channels/new/", views.channel_new, name="channel_new"),
    path("staff/abuse-reports/", views.abuse_reports, name="abuse_reports"),
    path("staff/abuse-reports/<uuid:report_uuid>/", views.abuse_report, name="abuse_report"),
    path("<str:country>/<str:language>/", views.public_package, name="public_package"),
    path("<str:country>/<str:language>/leaflet.pdf", views.leaflet, name="leaflet"),
    path("<str:country>/<str:language>/report/", views.report_abuse, name="report_abuse"),
]
