"""Registry endpoints: arrivals (and a whole boat at once), people, groups, documents, history.
Reads go through the selectors (scope and audit), writes through the services."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from tenpoint.audit.services import Actor, record_event
from tenpoint.linkage.selectors import NAME_PARTS, names_for_linkage, registration_candidates
from tenpoint.registry import selectors, services
from tenpoint.registry.models import Arrival, Group
from tenpoint.registry.serializers import (
    AliasInputSerializer,
    AliasSerializer,
    ArrivalSerializer,
    BatchGroupSerializer,
    BatchSerializer,
    DocumentSerializer,
    GroupCreateSerializer,
    GroupSerializer,
    HistoryEventSerializer,
    PersonCorrectionSerializer,
    PersonCreateSerializer,
    PersonDetailSerializer,
    PersonInputSerializer,
    PersonSerializer,
    RegistrationCandidateSerializer,
    SearchHitSerializer,
)

UUID_PATTERN = "[0-9a-fA-F-]{32,36}"
_ARRIVAL_FIELDS = ("registration_point", "arrived_at", "mode", "circumstance", "place_of_apprehension", "sea_event",
                   "vessel_or_vehicle", "country_of_departure", "route", "intended_destination", "deaths_reported",
                   "missing_reported", "notes")


def _actor(request: Request) -> Actor:
    return Actor(request.user, "api")


class ArrivalFilter(django_filters.FilterSet):
    registration_point = django_filters.UUIDFilter(field_name="registration_point__uuid")
    arrived_after = django_filters.IsoDateTimeFilter(field_name="arrived_at", lookup_expr="gte")
    arrived_before = django_filters.IsoDateTimeFilter(field_name="arrived_at", lookup_expr="lte")

    class Meta:
        model = Arrival
        fields = ["registration_point", "mode", "circumstance", "arrived_after", "arrived_before"]


class ArrivalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = ArrivalSerializer
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN
    filterset_class = ArrivalFilter

    def get_queryset(self) -> QuerySet[Arrival]:
        return selectors.arrivals_visible_to(self.request.user).select_related("registration_point").order_by("-arrived_at")

    def get_object(self) -> Arrival:
        return selectors.get_arrival(_actor(self.request), self.kwargs["uuid"])

    def perform_create(self, serializer: ArrivalSerializer) -> None:  # type: ignore[override]
        serializer.instance = services.register_arrival(_actor(self.request), serializer.to_input(serializer.validated_data))

    def perform_update(self, serializer: ArrivalSerializer) -> None:  # type: ignore[override]
        # A partial update keeps the stored values of the fields not sent.
        data = {**{name: getattr(serializer.instance, name) for name in _ARRIVAL_FIELDS}, **serializer.validated_data}
        arrival: Arrival = serializer.instance  # type: ignore[assignment]
        serializer.instance = services.update_arrival(_actor(self.request), arrival, serializer.to_input(data))

    @extend_schema(request=BatchSerializer, responses={201: PersonSerializer(many=True)},
                   summary="Register a whole boat or bus at once: everyone lands, or nobody.",
                   description="Errors come back per position in `people` and field, e.g. "
                               '{"people": {"3": {"birth_date": ["…"]}}, "groups": ["…"]}.')
    @action(detail=True, methods=["post"], url_path="people")
    def people(self, request: Request, uuid: str) -> Response:
        arrival = self.get_object()
        serializer = BatchSerializer(data=request.data)
        if not serializer.is_valid():
            raise ValidationError(serializer.errors)
        person_serializer = PersonInputSerializer()
        people = [person_serializer.to_input(p) for p in serializer.validated_data["people"]]
        groups = [BatchGroupSerializer().to_input(g) for g in serializer.validated_data["groups"]]
        already = _already_registered(request, serializer.validated_data["already_registered"], len(people))
        result = services.register_people(_actor(request), people, arrival=arrival, groups=groups, source="api",
                                          already_registered=already)
        return Response(PersonSerializer(result.people, many=True).data, status=status.HTTP_201_CREATED)


def _already_registered(request: Request, chosen: dict[str, uuid.UUID], count: int) -> dict[int, Any]:
    """``already_registered``'s positions and the people they name, within the caller's scope."""
    problems: dict[str, list[str]] = {}
    positions: dict[int, uuid.UUID] = {}
    for key, person in chosen.items():
        if not key.isdigit() or int(key) >= count:
            problems[key] = [_("No person at this position in people.")]
        else:
            positions[int(key)] = person
    found = selectors.visible_people_by_uuid(request.user, positions.values())
    for position, person in positions.items():
        if person not in found:
            problems[str(position)] = [_("No such person, or not visible to you.")]
    if problems:
        raise ValidationError({"already_registered": problems})
    return {position: found[person] for position, person in positions.items()}


_SEARCH_PARAMETERS = [
    OpenApiParameter("name", str, description="Spelling-tolerant name search (any order, any script)"),
    OpenApiParameter("document_number", str),
    OpenApiParameter("birth_date", OpenApiTypes.DATE),
    OpenApiParameter("birth_year", int),
    OpenApiParameter("nationality", str, description="ISO 3166 alpha-3, declared or assessed"),
    OpenApiParameter("registration_point", OpenApiTypes.UUID),
]


_CANDIDATE_PARAMETERS = [
    *(OpenApiParameter(name, str) for name in NAME_PARTS),
    OpenApiParameter("birth_date", str, description="YYYY-MM-DD, YYYY-MM or YYYY"),
    OpenApiParameter("sex", str, description="F or M"),
    OpenApiParameter("nationality", str, description="Declared, ISO 3166 alpha-3"),
    OpenApiParameter("name_in_original_script", str,
                     description="The name as the documents write it (Arabic, Ge'ez …); looked up alone if no "
                                 "name is given in Latin letters"),
    OpenApiParameter("companion", str, many=True,
                     description="Given names of the family or household registered with the person"),
    OpenApiParameter("limit", int, description="At most 20 (default 5)"),
]


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN
    filter_backends: list[Any] = []  # search goes through the registry's selector, which audits it

    def get_serializer_class(self) -> Any:
        return {"retrieve": PersonDetailSerializer, "create": PersonCreateSerializer,
                "partial_update": PersonCorrectionSerializer}.get(self.action, PersonSerializer)

    def get_queryset(self) -> Any:
        return selectors.people_visible_to(self.request.user).order_by("-registered_at")

    def get_object(self) -> Any:
        return selectors.get_person(_actor(self.request), self.kwargs["uuid"], purpose="api")

    def _criteria(self) -> selectors.PersonSearch:
        query = self.request.query_params
        try:
            birth_date = dt.date.fromisoformat(query["birth_date"]) if query.get("birth_date") else None
            birth_year = int(query["birth_year"]) if query.get("birth_year") else None
            point = query.get("registration_point") or None
            registration_point = uuid.UUID(point) if point else None
        except ValueError as error:
            raise ValidationError({"detail": [f"Bad search parameter: {error}"]}) from None
        return selectors.PersonSearch(name=query.get("name", ""), document_number=query.get("document_number", ""),
                                      birth_date=birth_date, birth_year=birth_year,
                                      nationality=query.get("nationality", "")[:3], registration_point=registration_point,
                                      limit=200)

    @extend_schema(parameters=_SEARCH_PARAMETERS, summary="List or search the people visible to you.",
                   responses=PersonSerializer(many=True))
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        criteria = self._criteria()
        if criteria.is_empty:
            response = super().list(request, *args, **kwargs)
            # A page of people is a read of personal data like any other.
            record_event(_actor(request), "people.listed", object_type="person", purpose="api",
                         details={"page": request.query_params.get("page", "1"),
                                  "people": [row["uuid"] for row in response.data.get("results", [])]})
            return response
        hits = selectors.search_people(_actor(request), criteria, purpose="api search")
        page = self.paginate_queryset([hit.person for hit in hits])
        return self.get_paginated_response(PersonSerializer(page, many=True).data)

    @extend_schema(parameters=_SEARCH_PARAMETERS, responses=SearchHitSerializer(many=True),
                   summary="Search with the score and the reasons of each match.")
    @action(detail=False, methods=["get"])
    def search(self, request: Request) -> Response:
        hits = selectors.search_people(_actor(request), self._criteria(), purpose="api search")
        page = self.paginate_queryset(hits)
        return self.get_paginated_response(SearchHitSerializer(page, many=True).data)

    @extend_schema(parameters=_CANDIDATE_PARAMETERS, responses=RegistrationCandidateSerializer(many=True),
                   summary="People already registered who may be the person being registered, with reasons.",
                   description="Ask before registering someone: the same check as the registration pages. "
                               "Nothing is merged; the caller decides (see `already_registered` of a batch).")
    @action(detail=False, methods=["get"])
    def candidates(self, request: Request) -> Response:
        query = request.query_params
        given_names, family_names = names_for_linkage(*(query.get(f, "") for f in NAME_PARTS))
        found = registration_candidates(
            _actor(request), given_names=given_names, family_names=family_names,
            birth_date=query.get("birth_date", ""), sex=query.get("sex", ""), nationality=query.get("nationality", ""),
            companions=[name for value in query.getlist("companion") for name in value.split(",")],
            name_in_original_script=query.get("name_in_original_script", ""),
            limit=min(int(query["limit"]) if query.get("limit", "").isdigit() else 5, 20))
        return Response(RegistrationCandidateSerializer(found, many=True).data)

    @extend_schema(request=PersonCreateSerializer, responses={201: PersonDetailSerializer},
                   summary="Register one person, optionally in an arrival.")
    def create(self, request: Request) -> Response:
        serializer = PersonCreateSerializer(data=request.data)
        if not serializer.is_valid():
            raise ValidationError(serializer.errors)
        data = dict(serializer.validated_data)
        arrival, point = data.pop("arrival"), data.pop("registration_point")
        if arrival is not None:
            arrival = selectors.get_arrival(_actor(request), arrival.uuid)
        try:
            person = services.register_people(_actor(request), [serializer.to_input(data)], arrival=arrival,
                                              registration_point=point).people[0]
        except services.BatchRefused as refused:
            raise ValidationError(refused.errors.get(0) or {"groups": refused.group_errors}) from None
        return Response(PersonDetailSerializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PersonCorrectionSerializer, responses={200: PersonDetailSerializer, 409: None},
                   summary="Correct a person; send the version you read (409 if someone changed it since).",
                   description="Only the fields sent change; the others keep their stored values. A new "
                               "`birth_date` or `age` replaces the whole date (`birth_date_estimated` false unless "
                               "sent). A field the endpoint does not know gets 400.")
    def partial_update(self, request: Request, uuid: str) -> Response:
        person = self.get_object()
        serializer = PersonCorrectionSerializer(data=request.data, partial=True)
        if not serializer.is_valid():
            raise ValidationError(serializer.errors)
        changes = dict(serializer.validated_data)
        version = changes.pop("version")
        corrected = services.correct_person(_actor(request), person, services.partial_correction(person, changes),
                                            expected_version=version)
        return Response(PersonDetailSerializer(corrected).data)

    @extend_schema(request=DocumentSerializer, responses={201: DocumentSerializer})
    @action(detail=True, methods=["post"])
    def documents(self, request: Request, uuid: str) -> Response:
        person = self.get_object()
        serializer = DocumentSerializer(data=request.data)
        if not serializer.is_valid():
            raise ValidationError(serializer.errors)
        document = services.add_document(_actor(request), person, serializer.to_input(serializer.validated_data))
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AliasInputSerializer, responses={201: AliasSerializer})
    @action(detail=True, methods=["post"])
    def aliases(self, request: Request, uuid: str) -> Response:
        person = self.get_object()
        serializer = AliasInputSerializer(data=request.data)
        if not serializer.is_valid():
            raise ValidationError(serializer.errors)
        alias = services.add_alias(_actor(request), person, serializer.validated_data["name"],
                                   serializer.validated_data["kind"])
        return Response(AliasSerializer(alias).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=HistoryEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: Request, uuid: str) -> Response:
        person = self.get_object()
        page = self.paginate_queryset(list(selectors.person_history(person)))
        return self.get_paginated_response(HistoryEventSerializer(page, many=True).data)


class GroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = GroupSerializer
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN
    filterset_fields = ["kind"]

    def get_queryset(self) -> QuerySet[Group]:
        return selectors.groups_visible_to(self.request.user).select_related("arrival").order_by("-created_at")

    def get_object(self) -> Group:
        return selectors.get_group(_actor(self.request), self.kwargs["uuid"])

    @extend_schema(request=GroupCreateSerializer, responses={201: GroupSerializer},
                   summary="Group people already registered (a family found to belong together).")
    def create(self, request: Request) -> Response:
        serializer = GroupCreateSerializer(data=request.data)
        if not serializer.is_valid():
            raise ValidationError(serializer.errors)
        actor = _actor(request)
        members = []
        for member in serializer.validated_data["members"]:
            try:
                person = selectors.get_person(actor, member.get("person", ""), purpose="grouping")
            except Exception:
                raise NotFound(f"No such person: {member.get('person')}") from None
            members.append((person, str(member.get("relationship_to_head", ""))))
        group = services.register_group(actor, kind=serializer.validated_data["kind"], members=members,
                                        arrival=serializer.validated_data["arrival"],
                                        notes=serializer.validated_data["notes"])
        return Response(GroupSerializer(group).data, status=status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    router.register("arrivals", ArrivalViewSet, basename="arrival")
    router.register("people", PersonViewSet, basename="person")
    router.register("groups", GroupViewSet, basename="group")
