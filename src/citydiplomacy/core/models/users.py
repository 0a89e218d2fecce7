"""Users and their roles. Local accounts by default; the City's OIDC login through helusers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from helusers.models import AbstractUser


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    UNIT_EDITOR = "unit_editor", _("Unit editor")
    VIEWER = "viewer", _("Viewer")
    PARTNER = "partner", _("Partner")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    unit = models.ForeignKey(
        "core.OrganisationUnit",
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
        default="fi",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_coordinator(self) -> bool:
        return self.role in (Role.COORDINATOR, Role.ADMIN) or self.is_superuser
