"""Translated content fields and change history for the plan."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import GeographicPriority, Objective, Plan, ThematicPriority, Tool


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("title", "summary", "decided_by")


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Tool)
class ToolTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ThematicPriority)
class ThematicPriorityTranslation(TranslationOptions):
    fields = ("rationale",)


@register(GeographicPriority)
class GeographicPriorityTranslation(TranslationOptions):
    fields = ("rationale",)


for model in (Plan, Objective, Tool, ThematicPriority, GeographicPriority):
    simple_history.register(model)
