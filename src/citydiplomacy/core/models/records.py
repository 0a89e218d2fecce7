"""The base every record of the product builds on: who made it, who changed it, which unit owns
it and who may see it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core import access


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    CONFIDENTIAL = "confidential", _("Confidential")


class TrackedModel(models.Model):
    """Created/modified stamps and an edit version that refuses concurrent saves."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    modified_at = models.DateTimeField(_("modified"), auto_now=True)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class OwnedQuerySet(models.QuerySet):
    """The one place where record access is decided for lists, search, exports and the API."""

    def visible_to(self, user):
        return self.filter(access.visible_q(user, self.model))

    def editable_by(self, user):
        return self.filter(access.editable_q(user))


class OwnedRecord(TrackedModel):
    """A record that belongs to an organisation unit and has a visibility."""

    unit = models.ForeignKey(
        "core.OrganisationUnit",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        help_text=_(
            "Public: anyone. Internal: the city's own users. "
            "Confidential: only the owning unit and coordinators."
        ),
    )
    shared_with = models.ManyToManyField(
        "core.OrganisationUnit",
        verbose_name=_("shared with partners"),
        blank=True,
        related_name="+",
        help_text=_("External partners who may see this record."),
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible_to(self, user) -> bool:
        return type(self).objects.visible_to(user).filter(pk=self.pk).exists()

    def is_editable_by(self, user) -> bool:
        return access.can_edit_unit(user, self.unit)
