"""Follow-up of regional agreements: meetings, their recommendations and agreements, the activities
that carry them out, and action plans (areas → targets → a menu of actions each country adopts)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenpoint.common.models import UUIDModel


class Theme(models.TextChoices):
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    PROTECTION = "protection", _("International protection")
    PROFILING_REFERRAL = "profiling_referral", _("Profiling and referral")
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    SMUGGLING = "smuggling", _("Smuggling of migrants")
    CHILDREN = "children", _("Children")
    DETENTION = "detention", _("Detention and alternatives")
    BORDER_MANAGEMENT = "border_management", _("Protection-sensitive border management")
    RECEPTION = "reception", _("Reception")
    ASYLUM = "asylum", _("Asylum procedures")
    STATELESSNESS = "statelessness", _("Statelessness")
    LEGAL_MIGRATION = "legal_migration", _("Legal migration options")
    RETURN = "return", _("Return of people not in need of protection")
    DURABLE_SOLUTIONS = "durable_solutions", _("Durable solutions")
    DATA = "data", _("Data collection and analysis")
    INFORMATION = "information", _("Information strategy")
    COOPERATION = "cooperation", _("Cooperation and coordination")
    ROOT_CAUSES = "root_causes", _("Root causes")
    STRANDED_MIGRANTS = "stranded_migrants", _("Stranded migrants")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class SourceDocument(UUIDModel):
    """A public document the tracker was loaded from, with the hand repairs its transcription needed."""

    seed = models.CharField(max_length=80, unique=True)
    title = models.CharField(max_length=400)
    corrections = models.JSONField(default=list)
    content_hash = models.CharField(max_length=64)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["seed"]

    def __str__(self) -> str:
        return self.seed


class Meeting(UUIDModel):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        WORKSHOP = "workshop", _("Workshop")
        MEETING = "meeting", _("Meeting")

    key = models.SlugField(max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    place = models.CharField(_("place"), max_length=120)
    country = models.CharField(_("country"), max_length=3)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    organisers = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.place}, {self.starts_on.year})"


class WorkingGroup(UUIDModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="working_groups")
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=80)
    title = models.CharField(max_length=400)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["source__seed", "position"]
        constraints = [models.UniqueConstraint(fields=["source", "meeting", "key"], name="working_group_key")]


class Recommendation(UUIDModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recommendations")
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="recommendations")
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, null=True, blank=True,
                                      related_name="recommendations")
    key = models.CharField(max_length=80)
    text = models.TextField(_("text"))
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    addressees = models.JSONField(_("addressees"), default=list)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["source__seed", "position"]
        constraints = [models.UniqueConstraint(fields=["source", "meeting", "key"], name="recommendation_key")]

    def __str__(self) -> str:
        return f"{self.meeting.key} {self.key}"


class Agreement(UUIDModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted")
        IN_PROGRESS = "in_progress", _("In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        NOT_IMPLEMENTED = "not_implemented", _("Not implemented")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=80)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    obstacles = models.TextField(_("obstacles"), blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["source__seed", "position"]
        constraints = [models.UniqueConstraint(fields=["source", "meeting", "key"], name="agreement_key")]


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)


class FollowUpActivity(UUIDModel):
    """Something someone does to carry out a meeting's recommendations, with who answers for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="activities")
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    key = models.CharField(max_length=80, blank=True)
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="activities")
    text = models.TextField(_("activity"))
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices, default=Theme.OTHER)
    heading = models.CharField(max_length=200, blank=True)
    country = models.CharField(_("country (ISO code)"), max_length=3, blank=True)
    responsible = models.JSONField(_("responsible actors"), default=list, blank=True)
    focal_point = models.CharField(_("focal point"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED)
    evidence = models.TextField(_("evidence"), blank=True)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "position", "due_on"]
        constraints = [models.UniqueConstraint(fields=["source", "meeting", "key"], condition=~models.Q(key=""),
                                               name="activity_key")]

    def is_late(self, today: dt.date) -> bool:
        return self.due_on is not None and self.due_on < today and self.status in OPEN_STATUSES


class ProgressNote(UUIDModel):
    """A dated line of progress on an activity or a country's adopted action, never edited afterwards."""

    activity = models.ForeignKey(FollowUpActivity, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="notes")
    adoption = models.ForeignKey("ActionAdoption", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="notes")
    text = models.TextField(_("progress"))
    status_after = models.CharField(max_length=12, choices=ActivityStatus.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["-written_at"]


class ActionPlan(UUIDModel):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="action_plan")
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)


class ActionArea(UUIDModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="areas")
    key = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="action_area_key")]


class Target(UUIDModel):
    """A dated, often numeric target; revising it keeps the earlier wording in its revisions."""

    area = models.ForeignKey(ActionArea, on_delete=models.CASCADE, related_name="targets")
    key = models.CharField(max_length=20)
    text = models.TextField(_("target"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["area", "key"], name="target_key")]


class TargetRevision(UUIDModel):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="revisions")
    previous_text = models.TextField()
    previous_due_on = models.DateField(null=True, blank=True)
    reason = models.TextField(_("why it was revised"))
    revised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revised_at = models.DateTimeField()

    class Meta:
        ordering = ["-revised_at"]


class PlanAction(UUIDModel):
    """One action of an area's menu, with the recommendations it serves as the source cites them."""

    area = models.ForeignKey(ActionArea, on_delete=models.CASCADE, related_name="actions")
    key = models.CharField(max_length=20)
    heading = models.CharField(max_length=200, blank=True)
    text = models.TextField(_("action"))
    citation = models.CharField(_("citation as printed"), max_length=200, blank=True)
    cited_recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="plan_actions")
    unresolved_citations = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["area", "key"], name="plan_action_key")]


class ActionAdoption(UUIDModel):
    """A country chose this action from the menu and reports its progress."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="adoptions")
    country = models.CharField(_("country (ISO code)"), max_length=3)
    focal_point = models.CharField(_("focal point"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField()

    class Meta:
        ordering = ["country"]
        constraints = [models.UniqueConstraint(fields=["action", "country"], name="one_adoption_per_country")]

    def is_late(self, today: dt.date) -> bool:
        return self.due_on is not None and self.due_on < today and self.status in OPEN_STATUSES


class IndicatorLink(UUIDModel):
    """A recommendation and an indicator (followup/indicators.yaml) that shows its progress."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="indicator_links")
    indicator = models.CharField(max_length=60)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recommendation", "indicator"], name="indicator_link")]


class IndicatorValue(UUIDModel):
    """A country's reported value of an indicator for a period, with where the figure comes from."""

    indicator = models.CharField(max_length=60)
    country = models.CharField(max_length=3)
    period = models.CharField(_("period"), max_length=20)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source of the figure"), max_length=300)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator", "country", "period"]
        constraints = [models.UniqueConstraint(fields=["indicator", "country", "period"], name="indicator_value")]
