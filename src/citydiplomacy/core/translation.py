"""Translated content fields (fi/sv/en) and change history for the core records.

History is registered here, after translation, so that the historical tables carry every
language's column (django-simple-history's documented way with django-modeltranslation).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import City, Country, OrganisationUnit, Region, Theme


@register(OrganisationUnit)
class OrganisationUnitTranslation(TranslationOptions):
    fields = ("name", "abbreviation")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


simple_history.register(OrganisationUnit, excluded_fields=["path"])
simple_history.register(Theme)
