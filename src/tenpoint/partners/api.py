from __future__ import annotations

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Partner endpoints: organisations, offices, registration points."""
