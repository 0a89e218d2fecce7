"""The indicator store: statistical indicators, comparison cities, observations and the
data vintages (import batches) they came from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import TrackedModel


class IndicatorDirection(models.IntegerChoices):
    HIGHER_IS_BETTER = 1, _("Higher is better")
    LOWER_IS_BETTER = -1, _("Lower is better")


class IndicatorCategory(models.TextChoices):
    POPULATION = "population", _("Population")
    ECONOMY = "economy", _("Economy and companies")
    LABOUR = "labour", _("Labour market")
    LIVING = "living", _("Living conditions")
    EDUCATION = "education", _("Education")
    ENVIRONMENT = "environment", _("Environment")
    TRANSPORT = "transport", _("Transport")
    CULTURE_TOURISM = "culture_tourism", _("Culture and tourism")
    PERCEPTION = "perception", _("Perception")
    OTHER = "other", _("Other")


class AreaKind(models.TextChoices):
    """Eurostat's area types; only areas of one kind are comparable with each other."""

    CITY = "city", _("City")
    GREATER_CITY = "greater_city", _("Greater city")
    FUA = "fua", _("Functional urban area")
    COUNTRY = "country", _("Country")
    OTHER = "other", _("Other area")


class StatIndicator(TrackedModel):
    """A statistical indicator (e.g. Eurostat ``CR2001V``) with its source and licence."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit of measure"), max_length=80, blank=True)
    direction = models.SmallIntegerField(
        _("direction"),
        choices=IndicatorDirection.choices,
        default=IndicatorDirection.HIGHER_IS_BETTER,
        help_text=_("Used as the default direction when the indicator enters an index."),
    )
    category = models.CharField(
        _("category"), max_length=20, choices=IndicatorCategory.choices, default="other"
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    dataset = models.CharField(_("dataset"), max_length=80, blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    attribution = models.CharField(
        _("attribution"),
        max_length=200,
        blank=True,
        help_text=_("The notice shown wherever the figures are, e.g. “Source: Eurostat”."),
    )

    class Meta:
        verbose_name = _("statistical indicator")
        verbose_name_plural = _("statistical indicators")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def notice(self) -> str:
        """The attribution with the dataset code, e.g. ``Source: Eurostat (urb_ctour)``."""
        if not self.attribution:
            return self.source
        return f"{self.attribution} ({self.dataset})" if self.dataset else self.attribution


class ComparisonCity(TrackedModel):
    """An area that has statistics: a city (or greater city, FUA, country) in Eurostat's codes.

    Eurostat recoded cities between the Urban Audit 2017 and 2021 editions (``FI001C2`` became
    ``FI001C``); a city keeps both codes so files of either edition land on the same record.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices, default="city")
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
        verbose_name=_("city in the place register"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    eurostat_code_2017 = models.CharField(
        _("Eurostat code (2017 edition)"), max_length=16, unique=True, null=True, blank=True
    )
    eurostat_code_2021 = models.CharField(
        _("Eurostat code (2021 edition)"), max_length=16, unique=True, null=True, blank=True
    )
    is_home = models.BooleanField(
        _("home city"), default=False, help_text=_("The city the comparisons are made for.")
    )

    class Meta:
        verbose_name = _("comparison city")
        verbose_name_plural = _("comparison cities")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"], condition=Q(is_home=True), name="benchmarking_one_home_city"
            ),
            models.CheckConstraint(
                condition=Q(eurostat_code_2017__isnull=False) | Q(eurostat_code_2021__isnull=False),
                name="benchmarking_city_has_a_code",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def code(self) -> str:
        """The code shown to users: the current (2021) one when known."""
        return self.eurostat_code_2021 or self.eurostat_code_2017 or ""

    @property
    def display_name(self) -> str:
        """The place register's (translated) name when linked, else Eurostat's label."""
        return self.city.name if self.city_id else self.name


class ImportBatch(models.Model):
    """One imported file: a data vintage. Every observation points at the batch that last set
    it, so a result can say which vintage of the data it used."""

    file_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=40)
    dataset = models.CharField(_("dataset"), max_length=80, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    attribution = models.CharField(_("attribution"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_count = models.PositiveIntegerField(_("new values"), default=0)
    updated_count = models.PositiveIntegerField(_("changed values"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged values"), default=0)
    # Per indicator: {"CR2001V": {"created": n, "updated": n, "unchanged": n}}; new cities...
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("data vintage")
        verbose_name_plural = _("data vintages")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"

    @property
    def notice(self) -> str:
        if not self.attribution:
            return self.source
        return f"{self.attribution} ({self.dataset})" if self.dataset else self.attribution


class Observation(models.Model):
    """One value: city × indicator × year. Bulk data: kept without per-row history (the
    import batch records who brought which vintage in).

    Indexes are few on purpose, because each one slows a million-row import: the unique
    constraint serves (city, indicator) look-ups and the (indicator, year) index serves the
    comparisons; no separate index per foreign key. The foreign keys have no database
    constraint either: PostgreSQL checks a deferred constraint row by row at commit, which
    tripled the time of a million-row import. The importer resolves every id inside its own
    transaction, and Django's delete collector applies CASCADE/PROTECT as it always does.
    """

    city = models.ForeignKey(
        ComparisonCity,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique constraint's prefix
        db_constraint=False,
    )
    indicator = models.ForeignKey(
        StatIndicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
        db_index=False,  # the (indicator, year) index's prefix
        db_constraint=False,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"), null=True, blank=True)
    flags = models.CharField(_("flags"), max_length=8, blank=True)
    # Unindexed: only deleting a whole batch (rare, by an administrator) looks rows up by it.
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("data vintage"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator_id", "city_id", "year"]
        constraints = [
            # Also the (city, indicator) index: a unique constraint is an index on its prefix.
            models.UniqueConstraint(
                fields=["city", "indicator", "year"], name="benchmarking_observation_unique"
            )
        ]
        indexes = [models.Index(fields=["indicator", "year"], name="benchmarking_obs_ind_year")]

    def __str__(self):
        return f"{self.indicator_id}/{self.city_id}/{self.year}: {self.value}"
