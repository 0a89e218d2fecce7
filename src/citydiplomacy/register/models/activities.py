"""The register's records: activities of every kind and the partner organisations they involve."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import OwnedQuerySet, OwnedRecord, TrackedModel


class ActivityKind(models.TextChoices):
    TRIP = "trip", _("Outgoing trip")
    VISIT = "visit", _("Incoming visit")
    EVENT = "event", _("Event")
    PROJECT = "project", _("Project")
    CONFERENCE = "conference", _("Conference participation")
    AGREEMENT = "agreement", _("Agreement")
    MARKETING = "marketing", _("Marketing action")
    ADVOCACY = "advocacy", _("Advocacy action")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class DelegationLevel(models.TextChoices):
    """The most senior person taking part; elected members and directors are 'senior'."""

    ELECTED = "elected", _("Mayor or elected members")
    DIRECTOR = "director", _("Directors")
    EXPERT = "expert", _("Experts and officials")
    OTHER = "other", _("Other")

    @classmethod
    def senior(cls) -> set[str]:
        return {cls.ELECTED, cls.DIRECTOR}


class PartnerKind(models.TextChoices):
    CITY = "city", _("City or region")
    GOVERNMENT = "government", _("Government or agency")
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University or research")
    NGO = "ngo", _("Association or NGO")
    INTERNATIONAL = "international", _("International organisation")
    NETWORK = "network", _("City network")
    OTHER = "other", _("Other")


class PartnerOrganisation(TrackedModel):
    """An organisation outside the city, reused across activities (and visits)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=16, choices=PartnerKind.choices)
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    city = models.ForeignKey(
        "core.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"], name="partner_unique_name_in_country"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code})" if self.country_id else self.name


class ActivityQuerySet(OwnedQuerySet):
    def senior(self):
        return self.filter(delegation_level__in=DelegationLevel.senior())


class Activity(OwnedRecord):
    """One piece of the city's international activity, whichever unit carries it out."""

    kind = models.CharField(_("type"), max_length=12, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    units = models.ManyToManyField(
        "core.OrganisationUnit",
        verbose_name=_("other units taking part"),
        blank=True,
        related_name="+",
    )
    external_actors = models.ManyToManyField(
        "core.OrganisationUnit",
        verbose_name=_("external actors"),
        blank=True,
        related_name="+",
        help_text=_("Neighbour cities, ministries and agencies taking part."),
    )
    countries = models.ManyToManyField(
        "core.Country", verbose_name=_("countries"), blank=True, related_name="+"
    )
    cities = models.ManyToManyField(
        "core.City", verbose_name=_("cities"), blank=True, related_name="+"
    )
    partners = models.ManyToManyField(
        PartnerOrganisation,
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="activities",
    )
    objectives = models.ManyToManyField(
        "plan.Objective", verbose_name=_("plan objectives"), blank=True, related_name="+"
    )
    measures = models.ManyToManyField(
        "plan.Measure", verbose_name=_("plan measures"), blank=True, related_name="+"
    )
    themes = models.ManyToManyField(
        "core.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )

    delegation_level = models.CharField(
        _("delegation level"),
        max_length=10,
        choices=DelegationLevel.choices,
        default=DelegationLevel.EXPERT,
    )
    participant_count = models.PositiveIntegerField(_("participants"), default=1)
    senior_participant_count = models.PositiveIntegerField(
        _("of whom elected members or directors"), default=0
    )
    participants = models.TextField(
        _("participants by name or role"),
        blank=True,
        help_text=_(
            "Names of elected members and directors are shown in the public travel register."
        ),
    )
    budget = models.DecimalField(
        _("budget (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    actual_cost = models.DecimalField(
        _("actual cost (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    outcomes = models.TextField(_("outcomes"), blank=True)

    # Where the activity came from when another capability recorded it (a hosted visit…).
    source = models.CharField(max_length=20, blank=True, editable=False)
    source_id = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["-start_date", "-id"], name="activity_start_idx"),
            models.Index(fields=["unit", "-start_date"], name="activity_unit_start_idx"),
            models.Index(fields=["kind", "-start_date"], name="activity_kind_start_idx"),
            models.Index(fields=["end_date"], name="activity_end_idx"),
            models.Index(fields=["visibility", "unit"], name="activity_visibility_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="activity_end_not_before_start",
            ),
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source=""),
                name="activity_unique_source",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if self.senior_participant_count > self.participant_count:
            raise ValidationError(
                {
                    "senior_participant_count": _(
                        "More elected members or directors than participants in all."
                    )
                }
            )

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def senior_person_days(self) -> int:
        return self.senior_participant_count * self.days


def attachment_path(instance, filename):
    return f"register/attachments/{instance.activity_id}/{filename}"


class ActivityAttachment(TrackedModel):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("activity")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CalendarFeed(models.Model):
    """A secret address from which a calendar program reads activities (per user and filter)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    query = models.CharField(_("filter"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return self.name or self.token[:8]
