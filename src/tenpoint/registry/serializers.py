"""API shapes. Serializers check types and shape only; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from tenpoint.common.api import RefusesUnknownFields
from tenpoint.partners.models import RegistrationPoint
from tenpoint.registry.models import (
    Arrival,
    Group,
    IdentityDocument,
    Person,
    PersonAlias,
    Relationship,
)
from tenpoint.registry.services import ArrivalInput, DocumentInput, GroupInput, GroupMemberInput, PersonInput


class DocumentSerializer(RefusesUnknownFields):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(choices=IdentityDocument.Kind.choices)
    number = serializers.CharField(max_length=64)
    issuing_country = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)
    authenticity = serializers.ChoiceField(choices=IdentityDocument.Authenticity.choices, required=False,
                                           default=IdentityDocument.Authenticity.NOT_CHECKED)
    authenticity_notes = serializers.CharField(required=False, allow_blank=True, default="")
    held_by_person = serializers.BooleanField(required=False, default=True)

    def to_input(self, data: dict[str, Any]) -> DocumentInput:
        return DocumentInput(**{k: v for k, v in data.items() if k != "uuid"})


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonAlias
        fields = ["uuid", "kind", "name"]
        read_only_fields = ["uuid"]


_PERSON_TEXT_FIELDS = (
    "given_name", "father_name", "grandfather_name", "family_name", "second_family_name", "name_in_original_script",
    "name_as_spoken", "place_of_birth", "country_of_birth", "nationality_declared", "nationality_declared_status",
    "nationality_assessed", "nationality_assessed_status", "nationality_assessment_basis", "interpreter_language",
    "phone", "contact_notes", "fear_of_return_notes",
)


class PersonInputSerializer(RefusesUnknownFields):
    """What a client sends to register or correct a person."""

    fear_of_return = serializers.CharField(
        help_text="expressed | not_expressed | unable_to_answer — always asked, never skipped.", allow_blank=True)
    sex = serializers.CharField(required=False, default="U", help_text="F, M, X or U")
    birth_date = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None,
                                       help_text="YYYY-MM-DD, YYYY-MM or YYYY")
    birth_date_estimated = serializers.BooleanField(required=False, default=False)
    age = serializers.IntegerField(required=False, allow_null=True, default=None)
    aliases = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    languages = serializers.ListField(child=serializers.CharField(), required=False, default=list,
                                      help_text="ISO 639-3 codes")
    documents = DocumentSerializer(many=True, required=False, default=list)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name in _PERSON_TEXT_FIELDS:
            fields[name] = serializers.CharField(required=False, allow_blank=True, default="")
        return fields

    def to_input(self, data: dict[str, Any]) -> PersonInput:
        values = dict(data)
        values["documents"] = [DocumentInput(**{k: v for k, v in d.items() if k != "uuid"}) for d in values.get("documents", [])]
        return PersonInput(**values)


class PersonCreateSerializer(PersonInputSerializer):
    arrival = serializers.SlugRelatedField(slug_field="uuid", queryset=Arrival.objects.all(), required=False,
                                           allow_null=True, default=None)
    registration_point = serializers.SlugRelatedField(slug_field="uuid", queryset=RegistrationPoint.objects.all(),
                                                      required=False, allow_null=True, default=None)


class AliasInputSerializer(RefusesUnknownFields):
    """An alias as a client sends it; the service checks the values."""

    name = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.CharField(required=False, default=PersonAlias.Kind.ALIAS)


class PersonCorrectionSerializer(PersonInputSerializer):
    """A correction, read with ``partial=True``: only the fields sent change, the others keep their
    stored values. Documents and aliases are added through their own endpoints."""

    version = serializers.IntegerField(help_text="The version read; a stale version gets 409 Conflict.")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        del fields["documents"], fields["aliases"]
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # partial=True lifts every "required"; the version never is optional.
        if "version" not in attrs:
            raise serializers.ValidationError({"version": [_("Send the version of the record you read.")]})
        return attrs


class PersonSerializer(serializers.ModelSerializer):
    """A person as the user may see them (shared records come with uncovered fields blanked)."""

    owner_organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    first_registration_point: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="uuid", read_only=True)
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["uuid", "reference", "version", "owner_organisation", "country", "first_registration_point",
                  "registered_at", "updated_at", "full_name", *_PERSON_TEXT_FIELDS, "sex", "birth_date",
                  "birth_date_precision", "languages", "fear_of_return"]
        read_only_fields = fields


class PersonDetailSerializer(PersonSerializer):
    documents = serializers.SerializerMethodField()
    aliases = AliasSerializer(many=True, read_only=True)
    arrivals: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="uuid", many=True,
                                                                              read_only=True)
    groups = serializers.SerializerMethodField()
    child_status = serializers.SerializerMethodField()

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "documents", "aliases", "arrivals", "groups", "child_status"]
        read_only_fields = fields

    def get_documents(self, person: Person) -> list[dict[str, Any]]:
        if "documents" not in getattr(person, "visible_field_groups", {"documents"}):
            return []
        return DocumentSerializer(person.documents.all(), many=True).data  # type: ignore[return-value]

    def get_groups(self, person: Person) -> list[dict[str, str]]:
        return [{"uuid": str(m.group.uuid), "kind": m.group.kind, "relationship_to_head": m.relationship_to_head}
                for m in person.group_memberships.select_related("group")]

    def get_child_status(self, person: Person) -> str | None:
        from tenpoint.registry.selectors import child_status_of

        status = child_status_of(person)
        return str(status) if status else None


class SearchHitSerializer(serializers.Serializer):
    person = PersonSerializer()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class ArrivalSerializer(RefusesUnknownFields, serializers.ModelSerializer):
    registration_point = serializers.SlugRelatedField(slug_field="uuid", queryset=RegistrationPoint.objects.all())
    people_count = serializers.SerializerMethodField()

    class Meta:
        model = Arrival
        fields = ["uuid", "reference", "registration_point", "arrived_at", "circumstance", "place_of_apprehension",
                  "mode", "sea_event", "vessel_or_vehicle", "country_of_departure", "route", "intended_destination",
                  "deaths_reported", "missing_reported", "notes", "registered_at", "people_count"]
        read_only_fields = ["uuid", "reference", "registered_at", "people_count"]
        extra_kwargs = {f: {"required": False} for f in ("circumstance", "place_of_apprehension", "sea_event",
                                                          "vessel_or_vehicle", "country_of_departure", "route",
                                                          "intended_destination", "deaths_reported",
                                                          "missing_reported", "notes")}

    def get_people_count(self, arrival: Arrival) -> int:
        return arrival.memberships.count()

    def to_input(self, data: dict[str, Any]) -> ArrivalInput:
        return ArrivalInput(**data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Model-level choice checks would duplicate the service's messages; the service decides.
        return attrs


class GroupMemberSerializer(RefusesUnknownFields):
    person = serializers.IntegerField(min_value=0, help_text="Position of the person in the `people` list")
    relationship_to_head = serializers.ChoiceField(choices=Relationship.choices)


class BatchGroupSerializer(RefusesUnknownFields):
    kind = serializers.ChoiceField(choices=Group.Kind.choices)
    members = GroupMemberSerializer(many=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="")

    def to_input(self, data: dict[str, Any]) -> GroupInput:
        return GroupInput(data["kind"], [GroupMemberInput(m["person"], m["relationship_to_head"]) for m in data["members"]],
                          data.get("notes", ""))


class BatchSerializer(RefusesUnknownFields):
    """A whole boat or bus: everyone lands, or nobody."""

    people = PersonInputSerializer(many=True)
    groups = BatchGroupSerializer(many=True, required=False, default=list)
    already_registered = serializers.DictField(
        child=serializers.UUIDField(), required=False, default=dict,
        help_text="Positions in `people` (as strings) of people registered before, with the UUID of their record "
                  "(see /api/people/candidates/): they are not registered again but recorded as arriving, in their "
                  "groups; what `people` holds at those positions is neither checked nor kept.")


class RegistrationCandidateSerializer(serializers.Serializer):
    person = PersonSerializer()
    probability = serializers.FloatField(help_text="How likely this is the person typed, 0 to 1")
    reasons = serializers.ListField(child=serializers.CharField())
    scored_on = serializers.CharField(
        help_text="Reference of the record the probability and reasons are about, where `person` is the record kept "
                  "for someone registered more than once (linked as one person); empty otherwise")
    also_registered_as = serializers.ListField(
        child=serializers.CharField(), help_text="References of this person's other records, linked as one person")


class GroupSerializer(serializers.ModelSerializer):
    arrival: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Group
        fields = ["uuid", "reference", "kind", "arrival", "created_at", "notes", "members"]
        read_only_fields = fields

    def get_members(self, group: Group) -> list[dict[str, Any]]:
        from tenpoint.registry.selectors import group_members

        return [{"person": str(m.person.uuid), "relationship_to_head": m.relationship_to_head, "age": m.age,
                 "child_status": str(m.child_status) if m.child_status else None} for m in group_members(group)]


class GroupCreateSerializer(RefusesUnknownFields):
    kind = serializers.ChoiceField(choices=Group.Kind.choices)
    arrival = serializers.SlugRelatedField(slug_field="uuid", queryset=Arrival.objects.all(), required=False,
                                           allow_null=True, default=None)
    members = serializers.ListField(child=serializers.DictField(), min_length=1,
                                    help_text='[{"person": "<uuid>", "relationship_to_head": "head"}, …]')
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class HistoryEventSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    actor_label = serializers.CharField()
    channel = serializers.CharField()
    action = serializers.CharField()
