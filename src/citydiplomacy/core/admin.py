from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import City, Country, OrganisationUnit, Region, Theme, User


class TranslatedHistoryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    pass


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active", "unit"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("citydiplomacy", {"fields": ["role", "unit", "language"]}),
    ]


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]


@admin.register(Theme)
class ThemeAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "scheme", "code", "order"]
    list_filter = ["scheme"]


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["name", "code", "continent"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    filter_horizontal = ["countries"]


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ["name", "country", "population"]
    search_fields = ["name_fi", "name_en", "search_names"]
    list_select_related = ["country"]
    raw_id_fields = ["country"]
