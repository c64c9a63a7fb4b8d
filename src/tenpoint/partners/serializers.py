from __future__ import annotations

from rest_framework import serializers

from tenpoint.common.api import RefusesUnknownFields
from tenpoint.partners.models import Office, Organisation, RegistrationPoint


class OrganisationSerializer(RefusesUnknownFields, serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["uuid", "name", "acronym", "kind", "country"]
        read_only_fields = ["uuid"]


class OfficeSerializer(RefusesUnknownFields, serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="uuid", queryset=Organisation.objects.all())

    class Meta:
        model = Office
        fields = ["uuid", "organisation", "name", "country", "city"]
        read_only_fields = ["uuid"]


class RegistrationPointSerializer(RefusesUnknownFields, serializers.ModelSerializer):
    office = serializers.SlugRelatedField(slug_field="uuid", queryset=Office.objects.all())

    class Meta:
        model = RegistrationPoint
        fields = ["uuid", "office", "name", "kind", "country", "location", "latitude", "longitude", "is_active"]
        read_only_fields = ["uuid"]
