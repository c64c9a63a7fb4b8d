from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response

from tenpoint.accounts import services
from tenpoint.common.api import FormParser, JSONParser, MultiPartParser


@extend_schema(tags=["authentication"], summary="Exchange a username and password for an API token.")
class ObtainTokenView(ObtainAuthToken):
    """The same lock-out as the sign-in page; accounts with two-step sign-in use the web only."""

    # DRF's view names its own parsers; ours refuse a NUL before the lock-out query sees it.
    parser_classes = (JSONParser, FormParser, MultiPartParser)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        username = str(request.data.get("username", "")) if isinstance(request.data, dict) else ""
        until = services.locked_until(username) if username else None
        if until is not None:
            raise exceptions.PermissionDenied(
                _("Too many failed attempts. This account is locked until %(time)s.")
                % {"time": formats.time_format(until.astimezone())})
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if username:
                services.record_failed_sign_in(username, "api")
            raise exceptions.ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        if services.confirmed_totp_device(user) is not None:
            raise exceptions.PermissionDenied(
                _("This account uses two-step sign-in; ask an administrator for a service token."))
        token, _created = Token.objects.get_or_create(user=user)
        services.record_sign_in(user, "api")
        return Response({"token": token.key})
