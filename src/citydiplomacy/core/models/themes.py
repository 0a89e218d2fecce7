"""Themes: the plan's spearheads and the UN Sustainable Development Goals, in one taxonomy."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .records import TrackedModel


class ThemeScheme(models.TextChoices):
    SPEARHEAD = "spearhead", _("Spearhead")
    SDG = "sdg", _("UN Sustainable Development Goal")
    TOPIC = "topic", _("Topic")


class Theme(TrackedModel):
    scheme = models.CharField(_("scheme"), max_length=12, choices=ThemeScheme.choices)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["scheme", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="theme_unique_code_in_scheme")
        ]

    def __str__(self):
        return self.name
