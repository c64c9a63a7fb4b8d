"""Requests holding a NUL character are refused before any view reads them.

No person types a NUL: it comes from a mangled link or a broken client. PostgreSQL cannot store it
in text, so without this check a search or a form would fail with a server error on PostgreSQL
(and pass on SQLite). Uploaded files are not inspected: they are bytes, read by their own readers."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def _fields_hold_nul(fields: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in fields.lists())


def holds_nul(request: HttpRequest) -> bool:
    if NUL in request.path or _fields_hold_nul(request.GET):
        return True
    return request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded", "multipart/form-data") and _fields_hold_nul(request.POST)


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if holds_nul(request):
            reason = _("The address or the form holds a character that cannot be stored (a NUL character). "
                       "Nothing was saved. Go back, type the values again and retry.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": reason}, status=400)
            return render(request, "400.html", {"reason": reason}, status=400)
        return self.get_response(request)
