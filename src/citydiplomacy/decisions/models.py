"""Decisions of the city's policymakers, imported from their records, and what links them to
the plan: confirmed links to plan items and the follow-ups of deadlines they set."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citydiplomacy.core.models import OwnedQuerySet, OwnedRecord, TrackedModel


class PolicymakerKind(models.TextChoices):
    COUNCIL = "council", _("City Council")
    BOARD = "board", _("City Board")
    COMMITTEE = "committee", _("Committee or division")
    ELECTED_OFFICIAL = "elected_official", _("Elected official")
    OFFICEHOLDER = "officeholder", _("Officeholder")
    OTHER = "other", _("Other")


class DecisionKind(models.TextChoices):
    MINUTES_SECTION = "minutes_section", _("Minutes section")
    OFFICEHOLDER_DECISION = "officeholder_decision", _("Officeholder decision")
    AGENDA_ITEM = "agenda_item", _("Agenda item")


class DecisionType(models.TextChoices):
    APPROVED = "approved", _("Approved")
    NOTED = "noted", _("Noted")
    TABLED = "tabled", _("Tabled")
    RETURNED = "returned", _("Returned for preparation")
    REJECTED = "rejected", _("Rejected")
    PROPOSAL = "proposal", _("Proposal")
    STATEMENT = "statement", _("Statement")
    ELECTION = "election", _("Election")
    GRANT = "grant", _("Grant")
    PROCUREMENT = "procurement", _("Procurement")
    OTHER = "other", _("Other")


class AppealType(models.TextChoices):
    NO_APPEAL = "no_appeal", _("No appeal (preparation or implementation)")
    RECTIFICATION_REQUEST = "rectification_request", _("Request for a review")
    ADMINISTRATIVE_COURT_APPEAL = "administrative_court_appeal", _("Appeal to a court")
    MARKET_COURT_APPEAL = "market_court_appeal", _("Appeal to the Market Court")


class Language(models.TextChoices):
    FI = "fi", "suomi"
    SV = "sv", "svenska"


class SourceFormat(models.TextChoices):
    TEXT = "text", _("Text")
    PDF = "pdf", "PDF"
    HTML = "html", "HTML"
    JSON = "json", "JSON"


class Policymaker(models.Model):
    """A body or an officeholder that makes decisions, named in Finnish and Swedish."""

    name_fi = models.CharField(_("name in Finnish"), max_length=300, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PolicymakerKind.choices, default=PolicymakerKind.OTHER
    )
    ahjo_id = models.CharField(_("Ahjo identifier"), max_length=20, unique=True, null=True)

    class Meta:
        verbose_name = _("policymaker")
        verbose_name_plural = _("policymakers")
        ordering = ["name_fi", "name_sv"]

    def __str__(self):
        if get_language() == "sv":
            return self.name_sv or self.name_fi
        return self.name_fi or self.name_sv


class Case(models.Model):
    """A case of the city's case register (Ahjo), decided in one or more steps."""

    diary_number = models.CharField(_("diary number"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=1000, blank=True)
    classification_code = models.CharField(_("classification"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-diary_number"]

    def __str__(self):
        return self.diary_number


class Meeting(models.Model):
    policymaker = models.ForeignKey(
        Policymaker,
        verbose_name=_("policymaker"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    date = models.DateField(_("date"))
    number = models.CharField(_("number"), max_length=20, blank=True, help_text=_("e.g. 27/2019"))

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["policymaker", "date"], name="meeting_unique_date")
        ]

    def __str__(self):
        return f"{self.policymaker} {self.date:%d.%m.%Y}"


class DecisionQuerySet(OwnedQuerySet):
    def with_link_flag(self):
        """Annotate ``is_linked``: confirmed for at least one plan item."""
        confirmed = PlanLink.objects.filter(decision=OuterRef("pk"), status=LinkStatus.CONFIRMED)
        return self.annotate(is_linked=Exists(confirmed))


class Decision(OwnedRecord):
    """One decision record (a minutes section, an officeholder decision or an agenda item) in
    one language, with every part the parser reads. ``identity_key`` makes re-imports update."""

    identity_key = models.CharField(max_length=500, unique=True, editable=False)
    section = models.PositiveIntegerField(_("section"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=1000)
    diary_number = models.CharField(_("diary number"), max_length=20, blank=True, db_index=True)
    classification_code = models.CharField(_("classification"), max_length=20, blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=24, choices=DecisionKind.choices)
    policymaker = models.ForeignKey(
        Policymaker,
        verbose_name=_("policymaker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    policymaker_name = models.CharField(_("policymaker as written"), max_length=300, blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True, db_index=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    decision = models.TextField(_("decision"), blank=True)
    decision_type = models.CharField(
        _("type of decision"), max_length=12, choices=DecisionType.choices, db_index=True
    )
    processing = models.TextField(_("processing"), blank=True)
    votes = models.JSONField(_("votes"), default=list, blank=True)
    presenter_title = models.CharField(_("presenter's title"), max_length=300, blank=True)
    presenter_name = models.CharField(_("presenter"), max_length=300, blank=True)
    contacts = models.JSONField(_("further information"), default=list, blank=True)
    appeal_type = models.CharField(
        _("appeal"), max_length=30, choices=AppealType.choices, blank=True
    )
    proposal = models.TextField(_("proposal"), blank=True)
    justification = models.TextField(_("justification"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    extracts = models.JSONField(_("extracts"), default=list, blank=True)
    confidential = models.BooleanField(_("confidential record"), default=False)
    source_file = models.FileField(_("source file"), upload_to="decisions/%Y/", max_length=300)
    source_name = models.CharField(_("file name"), max_length=255)
    source_format = models.CharField(_("file format"), max_length=4, choices=SourceFormat.choices)
    source_sha256 = models.CharField(max_length=64, editable=False)
    parsed = models.JSONField(default=dict, editable=False)

    objects = DecisionQuerySet.as_manager()
    # The parsed record repeats the fields; keeping it out of history keeps diffs readable.
    history = HistoricalRecords(excluded_fields=["parsed"])

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = [F("meeting_date").desc(nulls_last=True), "-id"]
        indexes = [models.Index(fields=["classification_code"])]

    def __str__(self):
        return f"{self.heading} {self.title}"

    @property
    def heading(self) -> str:
        """ "§ 11" for bodies, "3 §" for officeholders, "" for agenda items without one."""
        if self.section is None:
            return ""
        if self.kind == DecisionKind.OFFICEHOLDER_DECISION:
            return f"{self.section} §"
        return f"§ {self.section}"

    @property
    def policymaker_label(self) -> str:
        return str(self.policymaker) if self.policymaker else self.policymaker_name


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class PlanLink(TrackedModel):
    """A decision's link to one plan item (the plan, an objective or a measure)."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="links"
    )
    plan = models.ForeignKey(
        "plan.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decision_links",
    )
    objective = models.ForeignKey(
        "plan.Objective",
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decision_links",
    )
    measure = models.ForeignKey(
        "plan.Measure",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decision_links",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED
    )
    score = models.FloatField(_("score"), default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("link to the plan")
        verbose_name_plural = _("links to the plan")
        ordering = ["decision", "-score", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(plan__isnull=False, objective__isnull=True, measure__isnull=True)
                    | Q(plan__isnull=True, objective__isnull=False, measure__isnull=True)
                    | Q(plan__isnull=True, objective__isnull=True, measure__isnull=False)
                ),
                name="plan_link_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["decision", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"plan_link_unique_{target}",
                )
                for target in ("plan", "objective", "measure")
            ),
        ]
        indexes = [models.Index(fields=["status", "decision"])]

    def __str__(self):
        return f"{self.decision_id} → {self.target}"

    @property
    def target(self):
        return self.measure or self.objective or self.plan

    @property
    def target_kind(self) -> str:
        if self.measure_id:
            return "measure"
        return "objective" if self.objective_id else "plan"

    @property
    def target_plan(self):
        if self.plan_id:
            return self.plan
        return (self.measure or self.objective).plan


class FollowUpStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Done")
    DISMISSED = "dismissed", _("Dismissed")


class FollowUp(TrackedModel):
    """A deadline written in a decision, tracked once a person has confirmed its date."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    excerpt = models.CharField(_("text"), max_length=500)
    # The date as the text gives it; the due date may be corrected when it is confirmed.
    found_date = models.DateField(_("date in the text"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.PROPOSED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "excerpt", "found_date"], name="follow_up_unique_deadline"
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.due_date}: {self.excerpt[:60]}"
