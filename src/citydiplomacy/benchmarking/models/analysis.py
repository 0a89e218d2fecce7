"""Analyses made on the indicator store: saved peer sets and composite indices with their
stored results (nominal run and Monte Carlo uncertainty)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import OwnedRecord


class PeerSet(OwnedRecord):
    """Comparison cities chosen for the home city, with the rationale and every parameter, so
    the choice can be explained and repeated."""

    name = models.CharField(_("name"), max_length=200)
    rationale = models.TextField(_("rationale"), blank=True)
    home = models.ForeignKey(
        "benchmarking.ComparisonCity",
        verbose_name=_("home city"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # {indicator code: weight}, as the user gave them (find_peers normalises them).
    weights = models.JSONField(_("weights"), default=dict)
    # k, must_include, exclude, region, standardisation, min_overlap.
    parameters = models.JSONField(_("parameters"), default=dict)
    # [{"city": id, "code", "name", "reason", "detail"}]
    excluded = models.JSONField(_("excluded cities"), default=list, blank=True)
    # [{"id", "file_name", "dataset", "imported_at", "notice"}] of the observations used.
    vintage = models.JSONField(_("data vintage"), default=list, blank=True)

    class Meta:
        verbose_name = _("peer set")
        verbose_name_plural = _("peer sets")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name


class PeerSetMember(models.Model):
    peer_set = models.ForeignKey(PeerSet, on_delete=models.CASCADE, related_name="members")
    city = models.ForeignKey(
        "benchmarking.ComparisonCity",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    distance = models.FloatField(_("distance"), null=True, blank=True)
    forced = models.BooleanField(_("chosen by hand"), default=False)
    shared_indicators = models.PositiveSmallIntegerField(_("shared indicators"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # [{"indicator", "home_value", "peer_value", "difference", "weight", "share"}]
    contributions = models.JSONField(_("explanation"), default=list)

    class Meta:
        verbose_name = _("peer")
        verbose_name_plural = _("peers")
        ordering = ["peer_set", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["peer_set", "city"], name="benchmarking_peer_once")
        ]

    def __str__(self):
        return f"{self.rank}. {self.city_id}"


class CompositeIndex(OwnedRecord):
    """A composite index: the hierarchy of indicators and aggregates, the engine's pipeline
    specification, the year and the cities compared."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # iMeta-like rows: [{"code", "parent", "weight", "direction"?, "name"?, "denominator"?}]
    hierarchy = models.JSONField(_("hierarchy"), default=list)
    spec = models.JSONField(_("pipeline specification"), default=dict)
    year = models.PositiveSmallIntegerField(_("year"))
    peer_set = models.ForeignKey(
        PeerSet,
        verbose_name=_("peer set"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indices",
        help_text=_("The home city and these peers are compared."),
    )
    cities = models.ManyToManyField(
        "benchmarking.ComparisonCity",
        verbose_name=_("cities"),
        blank=True,
        related_name="+",
        help_text=_("Or list the cities to compare (the home city is always included)."),
    )

    class Meta:
        verbose_name = _("composite index")
        verbose_name_plural = _("composite indices")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class IndexResult(models.Model):
    """One run of an index, stored with everything needed to reproduce and explain it: the
    exact specification, the engine's metadata rows, the input values and their vintage."""

    index = models.ForeignKey(CompositeIndex, on_delete=models.CASCADE, related_name="results")
    created_at = models.DateTimeField(_("computed"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    spec = models.JSONField(_("pipeline specification"))
    meta = models.JSONField(_("hierarchy as run"))  # the iMeta records given to the engine
    inputs = models.JSONField(_("input values"))  # {units, names, columns, values}
    scores = models.JSONField(_("scores"))  # {units, columns, values, ranks, levels}
    vintage = models.JSONField(_("data vintage"), default=list)
    home_city = models.ForeignKey(
        "benchmarking.ComparisonCity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    home_rank = models.PositiveIntegerField(_("home city's rank"), null=True, blank=True)
    home_score = models.FloatField(_("home city's score"), null=True, blank=True)
    unit_count = models.PositiveIntegerField(_("cities ranked"), default=0)
    duration = models.FloatField(_("seconds"), default=0)

    class Meta:
        verbose_name = _("index result")
        verbose_name_plural = _("index results")
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]

    def __str__(self):
        return f"{self.index_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class UncertaintyRun(models.Model):
    """A Monte Carlo uncertainty (or sensitivity) analysis of one stored result."""

    result = models.ForeignKey(
        IndexResult, on_delete=models.CASCADE, related_name="uncertainty_runs"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    factors = models.JSONField(_("factors"))
    n = models.PositiveIntegerField(_("sample size"))
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    analysis = models.CharField(_("analysis"), max_length=20, default="uncertainty")
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    run_count = models.PositiveIntegerField(_("runs"), default=0)
    # [{"unit", "name", "nominal", "mean", "median", "q5", "q95"}] sorted by nominal rank.
    rank_stats = models.JSONField(_("rank statistics"), default=list, blank=True)
    sensitivity = models.JSONField(_("sensitivity indices"), null=True, blank=True)
    failures = models.JSONField(_("failed runs"), default=list, blank=True)

    class Meta:
        verbose_name = _("uncertainty analysis")
        verbose_name_plural = _("uncertainty analyses")
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]

    def __str__(self):
        return f"{self.result_id}: {self.analysis} N={self.n}"
