"""People, arrivals, groups and documents as front-line registration really holds them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.common.models import UUIDModel


class NationalityStatus(models.TextChoices):
    KNOWN = "known", _("Known")
    UNKNOWN = "unknown", _("Unknown")
    DISPUTED = "disputed", _("Doubtful or disputed")
    STATELESS = "stateless", _("Stateless")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other")
    UNKNOWN = "U", _("Not recorded")


class BirthDatePrecision(models.TextChoices):
    EXACT = "exact", _("Exact date")
    MONTH = "month", _("Month and year")
    YEAR = "year", _("Year only")
    ESTIMATED = "estimated", _("Estimated from apparent age")
    UNKNOWN = "unknown", _("Unknown")


class FearOfReturn(models.TextChoices):
    # Protection-sensitive entry: the question is always asked; there is no "not asked".
    EXPRESSED = "expressed", _("Yes, expressed fear of return")
    NOT_EXPRESSED = "not_expressed", _("No fear of return expressed")
    UNABLE_TO_ANSWER = "unable_to_answer", _("Could not answer (say why)")


class PersonQuerySet(models.QuerySet["Person"]):
    """A queryset that knows who is looking: people another organisation shared are handed out
    with the fields no share covers blanked (see dataprotection.selectors.mask_person)."""

    _viewer: Any = None

    def for_viewer(self, user: Any) -> PersonQuerySet:
        clone = self._chain()  # type: ignore[attr-defined]
        clone._viewer = user
        return clone

    def _clone(self) -> PersonQuerySet:
        clone = super()._clone()  # type: ignore[misc]
        clone._viewer = self._viewer
        return clone

    def _fetch_all(self) -> None:
        already = self._result_cache is not None
        super()._fetch_all()
        if already or self._viewer is None or self._iterable_class is not models.query.ModelIterable:
            return
        from tenpoint.dataprotection.selectors import mask_person, visible_field_groups

        viewer_organisation = self._viewer.organisation_id
        for person in self._result_cache or []:
            if person.owner_organisation_id != viewer_organisation:
                mask_person(person, visible_field_groups(self._viewer, person))


class Person(UUIDModel):
    objects = PersonQuerySet.as_manager()

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    owner_organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="people",
        verbose_name=_("organisation responsible"),
    )
    country = models.CharField(_("country of registration"), max_length=3, db_index=True)
    first_registration_point = models.ForeignKey(
        "partners.RegistrationPoint", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("first registration point"),
    )
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("last changed"))
    # Optimistic concurrency: an edit based on an older version is refused, never overwrites.
    version = models.PositiveIntegerField(default=1)

    # Names as written in Latin script; the original script is kept beside them.
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    # Patronymic chain: father's name, grandfather's name… (Somali, Ethiopian, Eritrean, Arabic).
    father_name = models.CharField(_("father's name"), max_length=100, blank=True)
    grandfather_name = models.CharField(_("grandfather's name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    second_family_name = models.CharField(_("second family name"), max_length=100, blank=True)
    name_in_original_script = models.CharField(_("name in original script"), max_length=300, blank=True)
    name_as_spoken = models.CharField(_("name as spoken (phonetic)"), max_length=300, blank=True)
    # Kept by the services from the names above (``lib.names.first_given_name_token``), never typed:
    # the registration check counts a name's bearers by sex where a record has none (Fernanda
    # with no sex beside Fernando is his sister where the register's Fernandas are women).
    first_given_name_token = models.CharField(max_length=300, blank=True, default="", editable=False)

    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True, db_index=True)
    birth_date_precision = models.CharField(
        _("precision of date of birth"), max_length=16, choices=BirthDatePrecision.choices,
        default=BirthDatePrecision.UNKNOWN,
    )
    place_of_birth = models.CharField(_("place of birth"), max_length=200, blank=True)
    country_of_birth = models.CharField(_("country of birth"), max_length=3, blank=True)

    nationality_declared = models.CharField(_("declared nationality"), max_length=3, blank=True, db_index=True)
    nationality_declared_status = models.CharField(
        _("declared nationality is"), max_length=16, choices=NationalityStatus.choices,
        default=NationalityStatus.UNKNOWN,
    )
    nationality_assessed = models.CharField(_("assessed nationality"), max_length=3, blank=True)
    nationality_assessed_status = models.CharField(
        _("assessed nationality is"), max_length=16, choices=NationalityStatus.choices,
        default=NationalityStatus.UNKNOWN,
    )
    nationality_assessment_basis = models.CharField(_("basis of the assessment"), max_length=300, blank=True)

    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    interpreter_language = models.CharField(_("interpreter needed for"), max_length=3, blank=True)

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_notes = models.CharField(_("other contact"), max_length=300, blank=True)
    # Encrypted at rest (registry.services.set_photo); read through registry.selectors.photo_of.
    photo = models.FileField(_("photo"), upload_to="photos/%Y/%m/", blank=True)

    fear_of_return = models.CharField(_("fear of return"), max_length=20, choices=FearOfReturn.choices)
    fear_of_return_notes = models.TextField(_("what the person said, or why they could not answer"), blank=True)

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("person")
        indexes = [
            models.Index(fields=["owner_organisation", "registered_at"]),
            models.Index(fields=["family_name"]),
            models.Index(fields=["owner_organisation", "first_given_name_token", "sex"],
                         name="registry_person_name_sex"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.reference

    @property
    def full_name(self) -> str:
        parts = [self.given_name, self.father_name, self.grandfather_name, self.family_name,
                 self.second_family_name]
        return " ".join(p for p in parts if p)

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


class PersonAlias(UUIDModel):
    class Kind(models.TextChoices):
        ALIAS = "alias", _("Alias or name used on the journey")
        OTHER_SPELLING = "other_spelling", _("Other spelling")
        DOCUMENT_NAME = "document_name", _("Name as on a document")
        MAIDEN_NAME = "maiden_name", _("Name before marriage")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ALIAS)
    name = models.CharField(_("name"), max_length=300)

    def __str__(self) -> str:
        return self.name


class NameKeyState(models.Model):
    """The version of the known names (lib/known_names.yaml) the stored name search keys were built
    with: one row. Editing the list changes the keys new registrations get; until
    ``tenpoint name-keys rebuild`` writes everyone's again, a spelling listed since does not find
    the people keyed before (the system check ``registry.W001`` says so)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    known_names_version = models.PositiveIntegerField()
    rebuilt_at = models.DateTimeField(null=True, blank=True)


class PersonNameKey(models.Model):
    """Spelling-tolerant search index: one row per skeleton key of each name token.

    ``birth_year`` is the person's (kept with the keys by the services that write them): the
    registration check searches a typed year's namesakes first, and answered from the person
    table a common name pair looked up every bearer's record (51,000 at a million people)."""

    id = models.BigAutoField(primary_key=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    birth_year = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["key", "person"]),
                   models.Index(fields=["key", "birth_year", "person"], name="registry_pnk_key_year")]
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="unique_person_name_key")]


class IdentityDocument(UUIDModel):
    class Kind(models.TextChoices):
        PASSPORT = "passport", _("Passport")
        NATIONAL_ID = "national_id", _("National identity card")
        BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
        REFUGEE_ID = "refugee_id", _("Refugee or asylum-seeker document")
        TRAVEL_DOCUMENT = "travel_document", _("Travel document or laissez-passer")
        CONSULAR_CARD = "consular_card", _("Consular card")
        DRIVING_LICENCE = "driving_licence", _("Driving licence")
        UNHCR_REGISTRATION = "unhcr_registration", _("UNHCR registration number")
        BIOMETRIC_ID = "biometric_id", _("Biometric registration identifier")
        IOM_CASE = "iom_case_number", _("IOM case number")
        OTHER = "other", _("Other document")

    class Authenticity(models.TextChoices):
        NO_DOUBT = "no_doubt", _("No doubt")
        DOUBTFUL = "doubtful", _("Doubtful")
        FALSE = "false", _("Found false or altered")
        NOT_CHECKED = "not_checked", _("Not checked")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=64)
    # Upper case, no spaces or dashes: what uniqueness and search compare.
    number_normalised = models.CharField(max_length=64, db_index=True, editable=False)
    issuing_country = models.CharField(_("issuing country"), max_length=3, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    authenticity = models.CharField(
        _("authenticity"), max_length=16, choices=Authenticity.choices, default=Authenticity.NOT_CHECKED
    )
    authenticity_notes = models.CharField(_("doubts about authenticity"), max_length=300, blank=True)
    held_by_person = models.BooleanField(_("held by the person"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "issuing_country", "number_normalised"], name="unique_document_number"
            )
        ]
        verbose_name = _("identity document")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Arrival(UUIDModel):
    class Mode(models.TextChoices):
        LAND = "land", _("Land")
        SEA = "sea", _("Sea")
        AIR = "air", _("Air")

    class SeaEvent(models.TextChoices):
        RESCUE = "rescue_in_distress", _("Rescue in distress at sea")
        INTERCEPTION = "interception", _("Interception at sea")
        STOWAWAYS = "stowaways", _("Stowaways")
        IRREGULAR_LANDING = "irregular_landing", _("Irregular landing")

    class Circumstance(models.TextChoices):
        AT_ENTRY = "entry", _("Arrival at an entry or registration point")
        INLAND = "inland_apprehension", _("Apprehended inland")
        SELF_PRESENTED = "self_presented", _("Presented themselves at an office")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    owner_organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="arrivals")
    registration_point = models.ForeignKey(
        "partners.RegistrationPoint", on_delete=models.PROTECT, related_name="arrivals",
        verbose_name=_("registration point"),
    )
    arrived_at = models.DateTimeField(_("date and time of arrival"), db_index=True)
    circumstance = models.CharField(_("circumstance"), max_length=24, choices=Circumstance.choices, default=Circumstance.AT_ENTRY)
    place_of_apprehension = models.CharField(_("place of apprehension"), max_length=200, blank=True)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices)
    sea_event = models.CharField(_("at sea, what happened"), max_length=24, choices=SeaEvent.choices, blank=True)
    vessel_or_vehicle = models.CharField(_("boat, bus or vehicle"), max_length=200, blank=True)
    country_of_departure = models.CharField(_("country of departure"), max_length=3, blank=True)
    route = models.CharField(_("route"), max_length=300, blank=True)
    intended_destination = models.CharField(_("intended destination"), max_length=3, blank=True)
    deaths_reported = models.PositiveIntegerField(_("deaths reported by the group"), default=0)
    missing_reported = models.PositiveIntegerField(_("people missing, reported by the group"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registered at"))
    people = models.ManyToManyField(Person, through="ArrivalPerson", related_name="arrivals")

    class Meta:
        ordering = ["-arrived_at"]
        verbose_name = _("arrival")

    def __str__(self) -> str:
        return f"{self.reference} {self.arrived_at:%Y-%m-%d}"


class ArrivalPerson(models.Model):
    id = models.BigAutoField(primary_key=True)
    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="arrival_memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["arrival", "person"], name="unique_arrival_person")]


class Group(UUIDModel):
    class Kind(models.TextChoices):
        FAMILY = "family", _("Family")
        HOUSEHOLD = "household", _("Household")
        TRAVEL_GROUP = "travel_group", _("Travel group")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    owner_organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="groups")
    arrival = models.ForeignKey(Arrival, on_delete=models.SET_NULL, null=True, blank=True, related_name="groups")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("group")

    def __str__(self) -> str:
        return self.reference


class Relationship(models.TextChoices):
    HEAD = "head", _("Head of group")
    SPOUSE = "spouse", _("Spouse or partner")
    CHILD = "child", _("Son or daughter")
    STEPCHILD = "stepchild", _("Stepchild")
    PARENT = "parent", _("Father or mother")
    SIBLING = "sibling", _("Brother or sister")
    GRANDCHILD = "grandchild", _("Grandchild")
    GRANDPARENT = "grandparent", _("Grandparent")
    NIECE_NEPHEW = "niece_nephew", _("Niece or nephew")
    AUNT_UNCLE = "aunt_uncle", _("Aunt or uncle")
    COUSIN = "cousin", _("Cousin")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    LEGAL_GUARDIAN = "legal_guardian", _("Legal guardian")
    WARD = "ward", _("Child in the head's legal care")
    TRAVEL_COMPANION = "travel_companion", _("Not related (travel companion)")


class GroupMembership(models.Model):
    id = models.BigAutoField(primary_key=True)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="group_memberships")
    relationship_to_head = models.CharField(_("relationship to the head"), max_length=24, choices=Relationship.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="unique_group_person")]


class ImportRecord(UUIDModel):
    """A file that landed, so the same file is never imported twice into the same arrival."""

    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255)
    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, null=True, blank=True, related_name="imports")
    people_count = models.PositiveIntegerField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sha256", "arrival"], name="unique_import_per_arrival")]


# A file held for an officer's choices waits this long.
PENDING_IMPORT_KEPT_FOR = dt.timedelta(days=1)


class PendingImport(UUIDModel):
    """A file held back before it lands because some of its people may be registered already:
    kept (encrypted, as photos are) until the officer who uploaded it has chosen for them, and
    deleted then, or when they upload another file, or a day later (``PENDING_IMPORT_KEPT_FOR``)."""

    class CheckStatus(models.TextChoices):
        RUNNING = "running", _("Being checked")
        DONE = "done", _("Checked")
        FAILED = "failed", _("The check stopped")

    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField()
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    encrypted_content = models.BinaryField()
    # A file too large to check while its uploader waits is checked in the background, a few lines
    # at a time: how far it got is kept, so that a check whose process stopped resumes there.
    check_status = models.CharField(max_length=10, choices=CheckStatus.choices, default=CheckStatus.DONE)
    lines_to_check = models.PositiveIntegerField(default=0)
    lines_checked = models.PositiveIntegerField(default=0)
    held_lines = models.JSONField(default=list, help_text="file lines whose person may be registered already")
    runner = models.CharField(max_length=200, blank=True, help_text="host:pid of the process checking it")
    progress_at = models.DateTimeField(null=True, blank=True)
