from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from tenpoint.api_urls import api_urlpatterns
from tenpoint.common.views import start

urlpatterns = [
    path("", start, name="start"),
    path("", include("tenpoint.registry.urls")),
    path("accounts/", include("tenpoint.accounts.urls")),
    path("partners/", include("tenpoint.partners.urls")),
    path("audit/", include("tenpoint.audit.urls")),
    path("protection/", include("tenpoint.dataprotection.urls")),
    path("screening/", include("tenpoint.screening.urls")),
    path("referrals/", include("tenpoint.referrals.urls")),
    path("followup/", include("tenpoint.followup.urls")),
    path("info/", include("tenpoint.information.urls")),
    path("linkage/", include("tenpoint.linkage.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include(api_urlpatterns)),
]
