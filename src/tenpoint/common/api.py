"""API plumbing shared by every app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tenpoint.common.errors import BusinessRuleViolation


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn service-layer errors into 400/403 with readable messages, never 500s."""
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, BusinessRuleViolation):
        exc = exceptions.ValidationError({exc.field or "detail": [str(exc)]})
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
