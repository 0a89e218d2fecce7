"""The ranking tracker: international city rankings, the ranks cities got over the years and the
home city's own targets."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core.models import OwnedRecord


class ExternalRanking(OwnedRecord):
    """An international city ranking (e.g. a quality-of-life or innovation ranking)."""

    publisher = models.CharField(_("publisher"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web address"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_example = models.BooleanField(
        _("example data"), default=False, help_text=_("Invented figures for the demo.")
    )

    class Meta:
        verbose_name = _("external ranking")
        verbose_name_plural = _("external rankings")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.publisher})"


class RankingEntry(models.Model):
    """A city's rank and/or score in one edition (year) of a ranking."""

    ranking = models.ForeignKey(ExternalRanking, on_delete=models.CASCADE, related_name="entries")
    year = models.PositiveSmallIntegerField(_("year"))
    city = models.ForeignKey(
        "benchmarking.ComparisonCity",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rank = models.PositiveIntegerField(
        _("rank"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    score = models.FloatField(_("score"), null=True, blank=True)

    class Meta:
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        ordering = ["ranking", "year", "rank", "city_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ranking", "year", "city"], name="benchmarking_entry_once"
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=False) | Q(score__isnull=False),
                name="benchmarking_entry_has_rank_or_score",
            ),
        ]

    def __str__(self):
        return f"{self.ranking_id} {self.year}: {self.city_id} #{self.rank}"


class RankingTarget(models.Model):
    """The rank the home city aims for in a ranking's edition ("raise the ambition level")."""

    ranking = models.ForeignKey(ExternalRanking, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    target_rank = models.PositiveIntegerField(_("target rank"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("ranking target")
        verbose_name_plural = _("ranking targets")
        ordering = ["ranking", "year"]
        constraints = [
            models.UniqueConstraint(fields=["ranking", "year"], name="benchmarking_target_once")
        ]

    def __str__(self):
        return f"{self.ranking_id} {self.year}: ≤ {self.target_rank}"
