from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import GeographicPriority, Objective, Plan, ThematicPriority, Tool


class ObjectiveInline(TranslationTabularInline):
    model = Objective
    extra = 0


class ToolInline(TranslationTabularInline):
    model = Tool
    extra = 0


class ThematicPriorityInline(admin.TabularInline):
    model = ThematicPriority
    extra = 0
    exclude = ["rationale"]


class GeographicPriorityInline(admin.TabularInline):
    model = GeographicPriority
    extra = 0
    raw_id_fields = ["city", "country"]
    exclude = ["rationale"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "start_year", "end_year", "status", "is_published"]
    list_filter = ["status", "is_published"]
    inlines = [ObjectiveInline, ToolInline, ThematicPriorityInline, GeographicPriorityInline]
