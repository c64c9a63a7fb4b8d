"""Forms translate what an officer types into the services' inputs; the rules stay in services."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenpoint.linkage.selectors import NAME_PARTS, TypedPerson, names_for_linkage
from tenpoint.partners.models import RegistrationPoint
from tenpoint.registry.models import (
    Arrival,
    FearOfReturn,
    IdentityDocument,
    NationalityStatus,
    Relationship,
    Sex,
)
from tenpoint.registry.services import (
    KIN_GROUP_KINDS,
    ArrivalInput,
    DocumentInput,
    PersonInput,
    group_kind,
    person_as_input,
)

BLANK = [("", "—")]


class ArrivalForm(forms.Form):
    registration_point: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Registration point"), queryset=RegistrationPoint.objects.none(), to_field_name="uuid")
    arrived_at = forms.DateTimeField(label=_("Date and time of arrival"),
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    circumstance = forms.ChoiceField(label=_("Circumstance"), choices=Arrival.Circumstance.choices)
    place_of_apprehension = forms.CharField(label=_("Place of apprehension (if apprehended inland)"), required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=Arrival.Mode.choices)
    sea_event = forms.ChoiceField(label=_("At sea, what happened"), choices=BLANK + list(Arrival.SeaEvent.choices), required=False)
    vessel_or_vehicle = forms.CharField(label=_("Boat, bus or vehicle"), required=False)
    country_of_departure = forms.CharField(label=_("Country of departure (ISO code)"), required=False, max_length=3)
    route = forms.CharField(label=_("Route"), required=False)
    intended_destination = forms.CharField(label=_("Intended destination (ISO code)"), required=False, max_length=3)
    deaths_reported = forms.IntegerField(label=_("Deaths reported by the group"), min_value=0, initial=0)
    missing_reported = forms.IntegerField(label=_("Missing people reported by the group"), min_value=0, initial=0)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, points: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["registration_point"].queryset = points  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("arrived_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))

    def to_input(self) -> ArrivalInput:
        data = dict(self.cleaned_data)
        arrived_at: dt.datetime = data.pop("arrived_at")
        if timezone.is_naive(arrived_at):
            arrived_at = timezone.make_aware(arrived_at)
        # Fields hidden because they do not apply may still hold a value picked before the mode changed.
        if data.get("mode") != Arrival.Mode.SEA:
            data["sea_event"] = ""
        if data.get("circumstance") != Arrival.Circumstance.INLAND:
            data["place_of_apprehension"] = ""
        return ArrivalInput(arrived_at=arrived_at, **data)


class PersonForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), required=False)
    father_name = forms.CharField(label=_("Father's name"), required=False)
    grandfather_name = forms.CharField(label=_("Grandfather's name"), required=False)
    family_name = forms.CharField(label=_("Family name"), required=False)
    second_family_name = forms.CharField(label=_("Second family name"), required=False)
    # dir="auto": Arabic is typed right to left whatever the page's language.
    name_in_original_script = forms.CharField(label=_("Name in original script"), required=False,
                                              widget=forms.TextInput(attrs={"dir": "auto"}))
    name_as_spoken = forms.CharField(label=_("Name as spoken (phonetic)"), required=False)
    aliases = forms.CharField(label=_("Aliases or other spellings (separate with ;)"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = forms.CharField(label=_("Date of birth (YYYY-MM-DD, YYYY-MM or YYYY)"), required=False)
    age = forms.IntegerField(label=_("Or apparent age in years"), required=False, min_value=0, max_value=120)
    birth_date_estimated = forms.BooleanField(label=_("The date is an estimate"), required=False)
    place_of_birth = forms.CharField(label=_("Place of birth"), required=False)
    country_of_birth = forms.CharField(label=_("Country of birth (ISO code)"), required=False, max_length=3)
    nationality_declared = forms.CharField(label=_("Declared nationality (ISO code)"), required=False, max_length=3)
    nationality_declared_status = forms.ChoiceField(label=_("Declared nationality is"), choices=NationalityStatus.choices,
                                                    initial=NationalityStatus.KNOWN)
    nationality_assessed = forms.CharField(label=_("Assessed nationality (ISO code)"), required=False, max_length=3)
    nationality_assessed_status = forms.ChoiceField(label=_("Assessed nationality is"), choices=NationalityStatus.choices,
                                                    initial=NationalityStatus.UNKNOWN)
    nationality_assessment_basis = forms.CharField(label=_("Basis of the assessment"), required=False)
    languages = forms.CharField(label=_("Languages spoken (ISO 639-3, separate with ;)"), required=False)
    interpreter_language = forms.CharField(label=_("Interpreter needed for (ISO 639-3)"), required=False, max_length=3)
    phone = forms.CharField(label=_("Phone"), required=False)
    contact_notes = forms.CharField(label=_("Other contact"), required=False)
    fear_of_return = forms.ChoiceField(label=_("Did the person express any fear of return?"),
                                       choices=FearOfReturn.choices, widget=forms.RadioSelect, required=False)
    fear_of_return_notes = forms.CharField(label=_("What the person said, or why they could not answer"),
                                           widget=forms.Textarea(attrs={"rows": 2}), required=False)
    document_kind = forms.ChoiceField(label=_("Document"), choices=BLANK + list(IdentityDocument.Kind.choices), required=False)
    document_number = forms.CharField(label=_("Document number"), required=False)
    document_issuing_country = forms.CharField(label=_("Issuing country (ISO code)"), required=False, max_length=3)
    document_authenticity = forms.ChoiceField(label=_("Authenticity"), choices=IdentityDocument.Authenticity.choices,
                                              initial=IdentityDocument.Authenticity.NOT_CHECKED, required=False)
    document_authenticity_notes = forms.CharField(label=_("Doubts about authenticity"), required=False)

    # The fields the registration-time duplicate check reads (linkage:candidates).
    LINKAGE_FIELDS = ("given_name", "father_name", "grandfather_name", "family_name", "second_family_name",
                      "name_in_original_script", "sex", "birth_date", "nationality_declared")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.LINKAGE_FIELDS:
            self.fields[name].widget.attrs["data-linkage"] = ""

    def to_input(self, *, include_document: bool = True) -> PersonInput:
        data = dict(self.cleaned_data)
        documents = []
        kind, number = data.pop("document_kind"), data.pop("document_number")
        issuer = data.pop("document_issuing_country")
        authenticity = data.pop("document_authenticity") or IdentityDocument.Authenticity.NOT_CHECKED
        authenticity_notes = data.pop("document_authenticity_notes")
        if include_document and (kind or number):
            documents.append(DocumentInput(kind=kind or "other", number=number, issuing_country=issuer,
                                           authenticity=authenticity, authenticity_notes=authenticity_notes))
        data["aliases"] = [a for a in (data.get("aliases") or "").split(";") if a.strip()]
        data["languages"] = [c.strip() for c in (data.get("languages") or "").replace(",", ";").split(";") if c.strip()]
        return PersonInput(documents=documents, **data)

    @classmethod
    def initial_from(cls, person: Any) -> dict[str, Any]:
        initial = {name: getattr(person, name) for name in cls.base_fields if hasattr(person, name)
                   and not name.startswith("document_") and name not in ("aliases", "languages", "age")}
        if person.birth_date:
            stored = person_as_input(person)
            initial["birth_date"] = stored.birth_date
            initial["birth_date_estimated"] = stored.birth_date_estimated
        initial["languages"] = "; ".join(person.languages)
        return initial


# --- The batch screen: a boat or a bus at once ----------------------------------------------------

BATCH_FIELDS = ("given_name", "father_name", "family_name", "second_family_name", "name_in_original_script", "sex",
                "birth_date", "age", "nationality_declared", "nationality_declared_status", "language", "interpreter",
                "document_kind", "document_number", "document_issuing_country", "fear_of_return",
                "fear_of_return_notes", "group", "relationship")


def batch_rows(data: Any, count: int) -> list[dict[str, str]]:
    return [{f: (data.get(f"p-{i}-{f}") or "").strip() for f in BATCH_FIELDS} for i in range(count)]


def row_is_empty(row: dict[str, str]) -> bool:
    return not any(v for k, v in row.items() if k not in ("sex", "nationality_declared_status", "relationship"))


def row_to_input(row: dict[str, str]) -> PersonInput:
    documents = []
    if row["document_number"] or row["document_kind"]:
        documents.append(DocumentInput(kind=row["document_kind"] or "other", number=row["document_number"],
                                       issuing_country=row["document_issuing_country"]))
    age = int(row["age"]) if row["age"].isdigit() else None
    return PersonInput(
        given_name=row["given_name"], father_name=row["father_name"], family_name=row["family_name"],
        second_family_name=row["second_family_name"], name_in_original_script=row["name_in_original_script"],
        sex=row["sex"] or Sex.UNKNOWN, birth_date=row["birth_date"] or None, age=age,
        birth_date_estimated=bool(age is not None and not row["birth_date"]),
        nationality_declared=row["nationality_declared"],
        nationality_declared_status=row["nationality_declared_status"] or "",
        languages=[row["language"]] if row["language"] else [],
        interpreter_language=row["language"] if row["interpreter"] else "",
        fear_of_return=row["fear_of_return"], fear_of_return_notes=row["fear_of_return_notes"], documents=documents)


RELATIONSHIP_CHOICES = BLANK + list(Relationship.choices)


# What the registration check compares of a row; a row changed after the check is checked again.
_IDENTIFYING = ("given_name", "father_name", "family_name", "second_family_name", "sex", "birth_date", "age",
                "nationality_declared", "group")


def batch_fingerprint(rows: list[dict[str, str]]) -> str:
    """A short digest of the identifying fields of ``rows``: the check for earlier registrations
    stands only for the rows it saw."""
    text = "\x1e".join("\x1f".join(row[f] for f in _IDENTIFYING) for row in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def batch_typed_people(rows: list[dict[str, str]]) -> list[TypedPerson]:
    """The filled ``rows`` as the registration check reads them; each row's companions are the
    given names of the other rows of its family or household (a travel group is not one)."""
    def kin_label(row: dict[str, str]) -> str:
        label = row["group"].upper()
        return label if label and group_kind(label) in KIN_GROUP_KINDS else ""

    labels = [kin_label(row) for row in rows]
    names = [names_for_linkage(*(row.get(part, "") for part in NAME_PARTS)) for row in rows]
    # By label, not each row against every other: a file of 10,000 lines is 10^8 comparisons.
    members: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        if label:
            members.setdefault(label, []).append(i)
    return [TypedPerson(
        given_names=names[i][0], family_names=names[i][1], birth_date=row["birth_date"], sex=row["sex"],
        nationality=row["nationality_declared"], name_in_original_script=row.get("name_in_original_script", ""),
        companions=tuple(rows[j]["given_name"] for j in members.get(labels[i], ()) if j != i and rows[j]["given_name"]),
    ) for i, row in enumerate(rows)]
