"""What the coordination radar found, as people see and dismiss it, and its settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RadarSettings(models.Model):
    """The one row of radar settings a coordinator edits."""

    window_days = models.PositiveIntegerField(
        _("overlap window (days)"),
        default=14,
        validators=[MaxValueValidator(365)],
        help_text=_("Activities of different units this many days apart or closer overlap."),
    )
    duplicate_threshold = models.FloatField(
        _("duplicate title similarity"),
        default=0.8,
        validators=[MinValueValidator(0.05), MaxValueValidator(1.0)],
        help_text=_(
            "From 0 to 1: how alike two titles must be for the registrations to be one activity."
        ),
    )
    idle_measure_days = models.PositiveIntegerField(
        _("measure without activity after (days)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("A measure of the plan with no activity for this many days is reported."),
    )
    last_scan_at = models.DateTimeField(_("last full scan"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("radar settings")
        verbose_name_plural = _("radar settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "RadarSettings":
        return cls.objects.first() or cls.objects.create()


class FindingKind(models.TextChoices):
    OVERLAP = "overlap", _("Overlap")
    DUPLICATE = "duplicate", _("Possible duplicate")
    IDLE_MEASURE = "idle_measure", _("Measure without activity")


class RadarFinding(models.Model):
    """One finding, kept while the radar keeps finding it; ``signature`` identifies it across
    scans so a dismissal sticks."""

    kind = models.CharField(_("kind"), max_length=14, choices=FindingKind.choices)
    signature = models.CharField(max_length=64, unique=True)
    key_type = models.CharField(_("shared"), max_length=10, blank=True)
    key_id = models.PositiveIntegerField(null=True, blank=True)
    key_label = models.CharField(_("shared place or partner"), max_length=200, blank=True)
    activities = models.ManyToManyField(
        "register.Activity", verbose_name=_("activities"), related_name="radar_findings"
    )
    units = models.ManyToManyField(
        "core.OrganisationUnit", verbose_name=_("units concerned"), related_name="+"
    )
    measure = models.ForeignKey(
        "plan.Measure",
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    similarity = models.FloatField(_("similarity"), null=True, blank=True)
    confidential = models.BooleanField(default=False)
    first_seen = models.DateTimeField(_("found"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), auto_now=True)
    resolved_at = models.DateTimeField(_("no longer found"), null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dismiss_reason = models.TextField(_("reason for dismissing"), blank=True)

    class Meta:
        verbose_name = _("radar finding")
        verbose_name_plural = _("radar findings")
        ordering = ["-first_seen", "-id"]
        indexes = [
            models.Index(fields=["dismissed_at", "resolved_at"], name="finding_open_idx"),
            models.Index(fields=["kind", "key_type", "key_id"], name="finding_key_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.key_label}"

    @property
    def is_open(self) -> bool:
        return self.dismissed_at is None and self.resolved_at is None
