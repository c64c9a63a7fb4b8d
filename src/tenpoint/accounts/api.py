from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken


@extend_schema(tags=["authentication"], summary="Exchange a username and password for an API token.")
class ObtainTokenView(ObtainAuthToken):
    pass
