"""A spreadsheet import of activities: checked first (dry run), then applied all or nothing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportState(models.TextChoices):
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked, waiting for confirmation")
    INVALID = "invalid", _("Errors found, nothing written")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed, nothing written")


class ActivityImport(models.Model):
    file = models.FileField(_("file"), upload_to="register/imports/")
    original_name = models.CharField(_("file name"), max_length=255)
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.CHECKING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    to_create = models.PositiveIntegerField(_("new"), default=0)
    to_update = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    file_format = models.CharField(_("format"), max_length=8, blank=True)
    # [{"row": 12, "column": "start_date", "letter": "H", "code": "bad_date", "params": {…}}, …]
    # (the first MAX_ERRORS_KEPT; ``error_count`` counts them all). Codes are put into words
    # in the reader's language by register.spreadsheet.messages.
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # Partner organisations the import creates: ["Name (CC)", …].
    new_partners = models.JSONField(default=list, blank=True)
    # A sample of the changes the dry run found, for the confirmation page.
    changes = models.JSONField(default=list, blank=True)

    MAX_ERRORS_KEPT = 1000

    class Meta:
        verbose_name = _("activity import")
        verbose_name_plural = _("activity imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def in_progress(self) -> bool:
        return self.state in (ImportState.CHECKING, ImportState.RUNNING)

    @property
    def can_run(self) -> bool:
        return self.state == ImportState.CHECKED and (self.to_create + self.to_update) > 0
