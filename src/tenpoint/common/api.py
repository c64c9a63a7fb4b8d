"""API plumbing shared by every app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tenpoint.common.errors import BusinessRuleViolation, StaleVersion
from tenpoint.common.middleware import api_refusal, value_holds_nul
from tenpoint.common.text import listed


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class _RefusesNul(parsers.BaseParser):
    """PostgreSQL cannot store a NUL in text; a JSON body carries it escaped ("\\u0000"), so only the parsed
    values show it. Refused here, before any serializer or service, for every endpoint at once."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        if value_holds_nul(parsed.data if isinstance(parsed, parsers.DataAndFiles) else parsed):
            raise exceptions.ParseError(api_refusal())
        return parsed


class JSONParser(_RefusesNul, parsers.JSONParser):
    pass


class FormParser(_RefusesNul, parsers.FormParser):
    pass


class MultiPartParser(_RefusesNul, parsers.MultiPartParser):
    pass


class RefusesUnknownFields(serializers.Serializer):
    """A field this endpoint does not know is refused with the fields it does know, never dropped:
    a misspelt ``famly_name`` would otherwise be answered 200 and the value lost."""

    def to_internal_value(self, data: Any) -> Any:
        unknown = sorted(str(name) for name in data if name not in self.fields) if isinstance(data, Mapping) else []
        if not unknown:
            return super().to_internal_value(data)
        known = listed(name for name, field in self.fields.items() if not field.read_only)
        errors: dict[str, Any] = {name: [_("This field is not known here. The fields accepted are: %(fields)s.")
                                         % {"fields": known}] for name in unknown}
        try:
            super().to_internal_value(data)
        except exceptions.ValidationError as invalid:
            # Report the known fields' problems too, so a client fixes everything in one round.
            if isinstance(invalid.detail, dict):
                errors = {**invalid.detail, **errors}
        raise exceptions.ValidationError(errors)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn service-layer refusals into 400/403/404/409 with readable messages, never 500s."""
    errors = getattr(exc, "errors", None)
    if isinstance(exc, StaleVersion):
        exc = Conflict({"version": [str(exc)]})
    elif isinstance(exc, BusinessRuleViolation) and hasattr(exc, "group_errors"):
        # A batch: errors per position in the list sent, and problems with the groups.
        exc = exceptions.ValidationError({
            "people": {str(index): fields for index, fields in (errors or {}).items()},
            "groups": list(exc.group_errors),
            "detail": [str(exc)],
        })
    elif isinstance(exc, BusinessRuleViolation) and isinstance(errors, dict):
        exc = exceptions.ValidationError(errors)
    elif isinstance(exc, BusinessRuleViolation) and hasattr(exc, "problems"):
        exc = exceptions.ValidationError({"answers": [
            {"question": getattr(p, "question", getattr(p, "column", "")), "line": getattr(p, "line", None),
             "message": p.message} for p in exc.problems]})
    elif isinstance(exc, BusinessRuleViolation):
        exc = exceptions.ValidationError({exc.field or "detail": [str(exc)]})
    elif isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    return drf_exception_handler(exc, context)
