"""Requests holding a NUL character are refused before any view reads them.

No person types a NUL: it comes from a mangled link or a broken client. PostgreSQL cannot store it
in text, so without this check a search or a form would fail with a server error on PostgreSQL
(and pass on SQLite). Uploaded files are not inspected: they are bytes, read by their own readers.
The API's parsers (``tenpoint.common.api``) refuse a NUL in a JSON body, which only parsing reveals."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def value_holds_nul(value: object) -> bool:
    """Whether parsed request values (text, a query dict, a mapping or a list of them) hold a NUL anywhere."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, QueryDict):
        return any(NUL in key or value_holds_nul(values) for key, values in value.lists())
    if isinstance(value, Mapping):
        return any(NUL in str(key) or value_holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(value_holds_nul(item) for item in value)
    return False


def api_refusal() -> str:
    return _("The request holds a character that cannot be stored (a NUL character, U+0000). "
             "Nothing was saved. Remove it and send the request again.")


def holds_nul(request: HttpRequest) -> bool:
    if NUL in request.path or value_holds_nul(request.GET):
        return True
    return request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded", "multipart/form-data") and value_holds_nul(request.POST)


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if holds_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": api_refusal()}, status=400)
            reason = _("The address or the form holds a character that cannot be stored (a NUL character). "
                       "Nothing was saved. Go back, type the values again and retry.")
            return render(request, "400.html", {"reason": reason}, status=400)
        return self.get_response(request)
