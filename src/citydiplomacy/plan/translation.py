"""Translated content fields and change history for the plan."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    AlignmentLink,
    GeographicPriority,
    Indicator,
    IndicatorValue,
    Measure,
    Objective,
    Plan,
    StatusUpdate,
    ThematicPriority,
    Tool,
)


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


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name",)


@register(AlignmentLink)
class AlignmentLinkTranslation(TranslationOptions):
    fields = ("title", "description")


for model in (
    Plan,
    Objective,
    Tool,
    ThematicPriority,
    GeographicPriority,
    Measure,
    StatusUpdate,
    Indicator,
    IndicatorValue,
    AlignmentLink,
):
    simple_history.register(model)
