from django.urls import path

from tenpoint.linkage import views

app_name = "linkage"
urlpatterns = [
    path("candidates/", views.candidates, name="candidates"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<uuid:review_uuid>/", views.review, name="review"),
    path("pairs/<uuid:pair_uuid>/", views.pair, name="pair"),
    path("links/<uuid:link_uuid>/undo/", views.link_undo, name="link_undo"),
]
