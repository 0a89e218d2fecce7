"""The international activity plan: objectives, tools, measures, indicators, priorities and
the status updates through which the plan is monitored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import OwnedQuerySet, OwnedRecord, TrackedModel

from . import progress


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("In consultation")
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_FORCE = "in_force", _("In force")
    CLOSED = "closed", _("Closed")

    @classmethod
    def monitored(cls) -> list[str]:
        """Statuses in which the plan is carried out, so status updates fall due."""
        return [cls.APPROVED, cls.IN_FORCE]


class PriorityLevel(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    WATCH = 3, _("Watch")


class Plan(OwnedRecord):
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=14, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    decided_by = models.CharField(_("deciding body"), max_length=200, blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the public progress page.")
    )
    edition = models.PositiveSmallIntegerField(_("plan version"), default=1)
    previous_edition = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_editions",
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "title"]

    def __str__(self):
        return f"{self.title} {self.start_year}–{self.end_year}"

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first year.")})


class PlanItem(TrackedModel):
    """Numbered content of a plan (an objective or a tool)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True
        ordering = ["plan", "number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Objective(PlanItem):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="objectives"
    )

    class Meta(PlanItem.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="objective_unique_number")
        ]


class Tool(PlanItem):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tools"
    )

    class Meta(PlanItem.Meta):
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="tool_unique_number")
        ]


class ThematicPriority(TrackedModel):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="thematic_priorities"
    )
    theme = models.ForeignKey(
        "core.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        _("priority level"), choices=PriorityLevel.choices, default=PriorityLevel.HIGH
    )
    rationale = models.TextField(_("rationale"), blank=True)

    class Meta:
        verbose_name = _("thematic priority")
        verbose_name_plural = _("thematic priorities")
        ordering = ["plan", "level", "theme__order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "theme"], name="thematic_priority_unique")
        ]

    def __str__(self):
        return str(self.theme)


class GeographicPriority(TrackedModel):
    """A region, a country or a city the plan prioritises (exactly one of the three)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="geographic_priorities"
    )
    region = models.ForeignKey(
        "core.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    country = models.ForeignKey(
        "core.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    city = models.ForeignKey(
        "core.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT
    )
    level = models.PositiveSmallIntegerField(
        _("priority level"), choices=PriorityLevel.choices, default=PriorityLevel.HIGH
    )
    rationale = models.TextField(_("rationale"), blank=True)

    class Meta:
        verbose_name = _("geographic priority")
        verbose_name_plural = _("geographic priorities")
        ordering = ["plan", "level", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(region__isnull=False, country__isnull=True, city__isnull=True)
                    | models.Q(region__isnull=True, country__isnull=False, city__isnull=True)
                    | models.Q(region__isnull=True, country__isnull=True, city__isnull=False)
                ),
                name="geographic_priority_one_place",
            )
        ]

    def __str__(self):
        return str(self.place)

    @property
    def place(self):
        return self.city or self.country or self.region


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def closed(cls) -> set[str]:
        return {cls.COMPLETED, cls.CANCELLED}


class Measure(OwnedRecord):
    """A measure (toimenpide) of the plan; the owning unit is the responsible unit."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="measures"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("For example 1.3"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    objectives = models.ManyToManyField(
        Objective, verbose_name=_("objectives"), related_name="measures", blank=True
    )
    tools = models.ManyToManyField(
        Tool, verbose_name=_("tools"), related_name="measures", blank=True
    )
    partner_units = models.ManyToManyField(
        "core.OrganisationUnit", verbose_name=_("partner units"), related_name="+", blank=True
    )
    themes = models.ManyToManyField(
        "core.Theme", verbose_name=_("themes"), related_name="+", blank=True
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("How much the measure counts in its objectives' progress."),
    )
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    update_interval_days = models.PositiveSmallIntegerField(
        _("update interval (days)"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
        help_text=_("A status update is due this often."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_measures",
        help_text=_("Reminded when a status update is due."),
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followers"),
        related_name="followed_measures",
        blank=True,
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="measure_unique_code"),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="measure_progress_range",
            ),
        ]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})

    def is_update_overdue(self, last_update, today) -> bool:
        """Whether a status update is overdue, given the date of the last one (or None)."""
        return progress.is_update_overdue(
            status=self.status,
            interval_days=self.update_interval_days,
            last_update=last_update,
            created=timezone.localdate(self.created_at),
            today=today,
        )


class StatusUpdate(TrackedModel):
    """A periodic report on a measure: who, when, status, progress and a short text."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="updates"
    )
    reported_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("what happened"), blank=True, max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["measure", "-reported_on"])]

    def __str__(self):
        return f"{self.measure.code} {self.reported_on}"


class IndicatorDirection(models.IntegerChoices):
    INCREASE = 1, _("Higher is better")
    DECREASE = -1, _("Lower is better")


class Indicator(TrackedModel):
    """A measurable indicator of an objective or a measure, with baseline, targets and actuals."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="indicators"
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("For example %, €, count")
    )
    direction = models.SmallIntegerField(
        _("direction"), choices=IndicatorDirection.choices, default=IndicatorDirection.INCREASE
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.FloatField(_("baseline"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicator_unique_code"),
            models.CheckConstraint(
                condition=models.Q(objective__isnull=False) | models.Q(measure__isnull=False),
                name="indicator_has_owner",
            ),
        ]

    def __str__(self):
        return self.name


class ValueKind(models.TextChoices):
    TARGET = "target", _("Target")
    ACTUAL = "actual", _("Actual")


class IndicatorValue(TrackedModel):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=6, choices=ValueKind.choices)
    value = models.FloatField(_("value"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "kind"], name="indicator_value_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year} {self.kind}: {self.value}"


class AlignmentLink(TrackedModel):
    """A link from the plan to another plan it is aligned with (e.g. a city-marketing roadmap)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="alignment_links"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("address"), blank=True)

    class Meta:
        verbose_name = _("aligned plan")
        verbose_name_plural = _("aligned plans")
        ordering = ["plan", "id"]

    def __str__(self):
        return self.title


class Reminder(models.Model):
    """A reminder sent to a measure's owners; remembered so that nobody is reminded daily."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["measure", "-sent_at"])]

    def __str__(self):
        return f"{self.measure_id} → {self.recipient_id} {self.sent_at:%Y-%m-%d}"
