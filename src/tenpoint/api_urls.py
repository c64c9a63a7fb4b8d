"""One router for the whole API; each app registers its own viewsets here."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from tenpoint.accounts.api import ObtainTokenView
from tenpoint.partners.api import register as register_partners
from tenpoint.registry.api import register as register_registry

router = DefaultRouter()
register_partners(router)
register_registry(router)

api_urlpatterns: list[URLPattern | URLResolver] = [
    path("token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
]
