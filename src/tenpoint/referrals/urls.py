from django.urls import path

from tenpoint.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("overdue/", views.overdue, name="overdue"),
    path("services/", views.directory, name="directory"),
    path("people/<uuid:person_uuid>/new/", views.new_referral, name="new"),
    path("people/<uuid:person_uuid>/transfer/", views.transfer, name="transfer"),
    path("<uuid:referral_uuid>/", views.detail, name="detail"),
]
