"""Places: regions (groupings), countries (ISO 3166) and cities with coordinates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A grouping of countries used by the plan's geographic priorities (EU, Nordics, Asia…)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    countries = models.ManyToManyField(
        "Country", verbose_name=_("countries"), related_name="regions"
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    alpha3 = models.CharField(max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120)
    continent = models.CharField(_("continent"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.name


class City(models.Model):
    geonameid = models.PositiveIntegerField(_("GeoNames id"), unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=120)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="cities"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"), default=0)
    # Other names and spellings (Peking, Pekingin…), folded for search.
    search_names = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["-population", "name"]
        indexes = [models.Index(fields=["country", "-population"])]

    def __str__(self):
        return f"{self.name}, {self.country.code}"
