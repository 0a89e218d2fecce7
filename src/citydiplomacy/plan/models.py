"""The international activity plan: objectives, tools and its thematic and geographic priorities."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import OwnedRecord, TrackedModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("In consultation")
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_FORCE = "in_force", _("In force")
    CLOSED = "closed", _("Closed")


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

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "title"]

    def __str__(self):
        return f"{self.title} {self.start_year}–{self.end_year}"

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
