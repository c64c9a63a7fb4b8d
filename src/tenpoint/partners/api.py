"""Partner endpoints: organisations, offices, registration points (read for partners.view,
create for partners.manage through the partners services)."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from tenpoint.audit.services import Actor
from tenpoint.partners import services
from tenpoint.partners.models import Office, Organisation, RegistrationPoint
from tenpoint.partners.serializers import OfficeSerializer, OrganisationSerializer, RegistrationPointSerializer


class _CreateThroughService(mixins.CreateModelMixin):
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)  # type: ignore[attr-defined]
        serializer.is_valid(raise_exception=True)
        created = self.create_through_service(Actor(request.user, "api"), serializer.validated_data)
        return Response(self.get_serializer(created).data, status=201)  # type: ignore[attr-defined]

    def create_through_service(self, actor: Actor, data: dict[str, Any]) -> Any:
        raise NotImplementedError


class OrganisationViewSet(_CreateThroughService, viewsets.ReadOnlyModelViewSet):
    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    lookup_field = "uuid"
    filterset_fields = ["kind", "country"]

    def create_through_service(self, actor: Actor, data: dict[str, Any]) -> Any:
        return services.create_organisation(actor, **data)


class OfficeViewSet(_CreateThroughService, viewsets.ReadOnlyModelViewSet):
    queryset = Office.objects.select_related("organisation")
    serializer_class = OfficeSerializer
    lookup_field = "uuid"
    filterset_fields = ["country"]

    def create_through_service(self, actor: Actor, data: dict[str, Any]) -> Any:
        return services.create_office(actor, **data)


class RegistrationPointViewSet(_CreateThroughService, viewsets.ReadOnlyModelViewSet):
    queryset = RegistrationPoint.objects.select_related("office")
    serializer_class = RegistrationPointSerializer
    lookup_field = "uuid"
    filterset_fields = ["kind", "country", "is_active"]

    def create_through_service(self, actor: Actor, data: dict[str, Any]) -> Any:
        return services.create_registration_point(actor, **data)


def register(router: DefaultRouter) -> None:
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("offices", OfficeViewSet, basename="office")
    router.register("registration-points", RegistrationPointViewSet, basename="registration-point")
