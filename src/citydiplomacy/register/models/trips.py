"""Outgoing trips: pre-approval by the unit's approver and the short report after the trip."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import TrackedModel


class ApprovalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class TripApprover(models.Model):
    """A person who approves the trips of a unit and of every unit below it.

    A unit may have several approvers. Trips of a unit with no approver on its own level or
    above it go to the coordinators.
    """

    unit = models.ForeignKey(
        "core.OrganisationUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="trip_approvers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        on_delete=models.CASCADE,
        related_name="approves_trips_of",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trip approver")
        verbose_name_plural = _("trip approvers")
        ordering = ["unit__path", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="trip_approver_unique")
        ]

    def __str__(self):
        return f"{self.user} ({self.unit})"


class TripApproval(TrackedModel):
    activity = models.OneToOneField(
        "register.Activity",
        on_delete=models.CASCADE,
        related_name="trip_approval",
        verbose_name=_("trip"),
    )
    aims = models.TextField(_("aims of the trip"))
    expected_benefit = models.TextField(
        _("expected benefit"), help_text=_("The benefit against the plan's objectives.")
    )
    estimated_cost = models.DecimalField(_("estimated cost (€)"), max_digits=12, decimal_places=2)
    why_not_virtual = models.TextField(_("why the meeting cannot be held virtually"))
    state = models.CharField(
        _("state"), max_length=10, choices=ApprovalState.choices, default=ApprovalState.DRAFT
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who decided (approved or rejected), and when.
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    # Why an approved request went back for approval (the trip or the request changed).
    reapproval_reason = models.CharField(
        _("sent for approval again because"), max_length=300, blank=True
    )

    report = models.TextField(_("report after the trip"), blank=True)
    report_benefit = models.TextField(_("what the trip achieved"), blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("trip approval")
        verbose_name_plural = _("trip approvals")
        indexes = [
            models.Index(fields=["state", "activity"], name="trip_approval_state_idx"),
        ]

    def __str__(self):
        return str(self.activity)

    @property
    def is_reported(self) -> bool:
        return self.reported_at is not None
