"""API plumbing shared by every app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tenpoint.common.errors import BusinessRuleViolation, StaleVersion


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


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
