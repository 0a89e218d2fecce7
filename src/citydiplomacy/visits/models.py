"""International visit requests: the request as the public form records it, its triage, the
workflow log, the programme, the outcomes, and the settings and e-mail texts a coordinator
edits."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import OwnedRecord, TrackedModel, Visibility


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("National government or ministry")
    EMBASSY = "embassy", _("Embassy or consulate")
    CITY = "city", _("City, municipality or region")
    BUSINESS = "business", _("Company or business association")
    UNIVERSITY = "university", _("University or research institute")
    NGO = "ngo", _("Non-governmental organisation")
    INTERNATIONAL = "international", _("International organisation")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class LeaderLevel(models.TextChoices):
    """The delegation leader's level; the values are triage's leader levels."""

    HEAD_OF_STATE = "head_of_state", _("Head of state or government")
    MINISTER = "minister", _("Minister")
    MAYOR = "mayor", _("Mayor or governor")
    AMBASSADOR = "ambassador", _("Ambassador")
    DIRECTOR = "director", _("Director or senior official")
    EXPERT = "expert", _("Expert")
    OTHER = "other", _("Other")


class BusinessPotential(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
    NONE = "none", _("None")


class Suggestion(models.TextChoices):
    HOST_CENTRALLY = "host_centrally", _("Host centrally")
    REDIRECT = "redirect", _("Redirect")
    DECLINE = "decline", _("Decline")


class VisitStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    ACCEPTED = "accepted", _("Accepted")
    REDIRECTED = "redirected", _("Redirected")
    DECLINED = "declined", _("Declined")
    PROGRAMME = "programme", _("Programme in preparation")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    FOLLOWED_UP = "followed_up", _("Followed up")
    CLOSED = "closed", _("Closed")


class Language(models.TextChoices):
    FI = "fi", "suomi"
    SV = "sv", "svenska"
    EN = "en", "English"


class VisitRequest(OwnedRecord):
    """One request for an international visit to the city. The owning unit is the unit that
    handles it (the intake unit, or the unit it was redirected to)."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    # Requests carry personal data: only the handling unit and coordinators see them.
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.CONFIDENTIAL,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VisitStatus.choices,
        default=VisitStatus.RECEIVED,
        db_index=True,
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FI
    )
    # The secret of the requester's status page (a capability link; erased with the contact).
    status_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_key = models.CharField(max_length=200, db_index=True, editable=False)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=16, choices=OrganisationType.choices
    )
    country = models.ForeignKey(
        "core.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    city_name = models.CharField(_("city"), max_length=120, blank=True)
    city = models.ForeignKey(
        "core.City",
        verbose_name=_("city in the place register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delegation_size = models.PositiveSmallIntegerField(_("size of the delegation"))
    leader_level = models.CharField(
        _("level of the delegation's leader"), max_length=16, choices=LeaderLevel.choices
    )
    leader_title = models.CharField(_("leader's title"), max_length=200, blank=True)
    desired_start = models.DateField(_("desired first day"))
    desired_end = models.DateField(_("desired last day"))
    # [[start, end], …] as ISO dates, at most two alternatives.
    alternative_dates = models.JSONField(_("alternative dates"), default=list, blank=True)
    themes = models.ManyToManyField(
        "core.Theme", verbose_name=_("topics"), blank=True, related_name="+"
    )
    purpose = models.TextField(_("purpose of the visit"))
    wished_meetings = models.TextField(_("wished meetings"), blank=True)
    business_potential = models.CharField(
        _("business potential"),
        max_length=8,
        choices=BusinessPotential.choices,
        default=BusinessPotential.NONE,
    )

    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_title = models.CharField(_("contact person's title"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), max_length=254, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    attachment = models.FileField(
        _("attachment"), upload_to="visits/attachments/%Y/", blank=True, max_length=255
    )
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)

    received_at = models.DateTimeField(_("received"), db_index=True)
    # The dates the visit takes place: the desired or an alternative, set on acceptance.
    start_date = models.DateField(_("first day"), null=True, blank=True, db_index=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)

    score = models.SmallIntegerField(_("triage score"), null=True, blank=True, db_index=True)
    suggestion = models.CharField(
        _("suggestion"), max_length=16, choices=Suggestion.choices, blank=True
    )
    triage = models.JSONField(_("triage"), default=dict, blank=True)
    triaged_at = models.DateTimeField(_("scored"), null=True, blank=True)

    # What was decided, as triage reads earlier visits: hosted, redirected or declined.
    decision = models.CharField(_("decision"), max_length=10, blank=True)
    redirected_to = models.ForeignKey(
        "core.OrganisationUnit",
        verbose_name=_("redirected to unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    redirected_partner = models.CharField(_("redirected to partner"), max_length=200, blank=True)
    decision_note = models.TextField(_("note to the requester"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, db_index=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit request")
        verbose_name_plural = _("visit requests")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "-received_at"])]

    def __str__(self):
        return f"{self.reference} {self.organisation_name}"

    @property
    def first_day(self):
        return self.start_date or self.desired_start

    @property
    def last_day(self):
        return self.end_date or self.desired_end

    @property
    def date_options(self) -> list[tuple]:
        from datetime import date

        options = [(self.desired_start, self.desired_end)]
        for start, end in self.alternative_dates or []:
            options.append((date.fromisoformat(start), date.fromisoformat(end)))
        return options


class Transition(models.Model):
    """One step of the workflow: from which status to which, who and when."""

    visit = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=VisitStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=VisitStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)
    emailed = models.BooleanField(_("requester e-mailed"), default=False)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.visit.reference}: {self.from_status} → {self.to_status}"


class ProgrammeItem(TrackedModel):
    """An agenda item of a visit's programme."""

    visit = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="programme")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title = models.CharField(_("item"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    host_name = models.CharField(_("host"), max_length=200, blank=True)
    host_unit = models.ForeignKey(
        "core.OrganisationUnit",
        verbose_name=_("host's unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self):
        return self.title


class OutcomeKind(models.TextChoices):
    LEAD = "lead", _("Lead")
    AGREEMENT = "agreement", _("Agreement")
    ACTION = "action", _("Follow-up action")


class Outcome(TrackedModel):
    """What came of a visit: a business lead, an agreement, a follow-up action."""

    visit = models.ForeignKey(VisitRequest, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=10, choices=OutcomeKind.choices)
    description = models.TextField(_("description"))
    responsible_unit = models.ForeignKey(
        "core.OrganisationUnit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:60]}"


class EmailKind(models.TextChoices):
    RECEIVED = "received", _("Request received")
    ACCEPTED = "accepted", _("Request accepted")
    REDIRECTED = "redirected", _("Request redirected")
    DECLINED = "declined", _("Request declined")
    CONFIRMED = "confirmed", _("Programme confirmed")
    FOLLOWED_UP = "followed_up", _("Thanks after the visit")


class EmailTemplate(TrackedModel):
    """The text of one e-mail to requesters in one language; {placeholders} are filled in."""

    kind = models.CharField(_("e-mail"), max_length=12, choices=EmailKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="visit_email_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"


class VisitSettings(TrackedModel):
    """The one row of settings a coordinator edits: triage rules, capacity, retention and the
    public form's limits."""

    rules = models.JSONField(_("triage rules"), default=dict, blank=True)
    max_visits_per_day = models.PositiveSmallIntegerField(
        _("visits the city can host a day"), default=2
    )
    retention_days = models.PositiveIntegerField(
        _("days personal data is kept after a request is finished"), default=365
    )
    requests_per_hour = models.PositiveSmallIntegerField(
        _("requests accepted per address an hour"), default=5
    )
    intake_unit = models.ForeignKey(
        "core.OrganisationUnit",
        verbose_name=_("unit that receives requests"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("visit settings")
        verbose_name_plural = _("visit settings")

    def __str__(self):
        return str(_("Visit settings"))


class SubmissionAttempt(models.Model):
    """A post of the public form, by a salted hash of the address (no address is stored).
    The rate limit counts these in the database, so it holds across server processes."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)
    stored = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self):
        return f"{self.client[:8]}… {self.at:%Y-%m-%d %H:%M}"


class ErasureLog(models.Model):
    """That a request's personal data was erased, when and why (the data itself is gone)."""

    reference = models.CharField(_("reference"), max_length=20)
    erased_at = models.DateTimeField(_("erased"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True)
    fields = models.JSONField(_("erased fields"), default=list)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at"]

    def __str__(self):
        return f"{self.reference} {self.erased_at:%Y-%m-%d}"
