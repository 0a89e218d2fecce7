"""Organisation units: the city, its divisions, departments and companies, and external actors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .records import TrackedModel


class UnitKind(models.TextChoices):
    CITY = "city", _("City")
    DIVISION = "division", _("Division")
    DEPARTMENT = "department", _("Department or service")
    COMPANY = "company", _("City-owned company")
    NEIGHBOUR_CITY = "neighbour_city", _("Neighbouring city")
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("National agency")
    OTHER_EXTERNAL = "external", _("Other external actor")

    @classmethod
    def external(cls) -> set[str]:
        return {cls.NEIGHBOUR_CITY, cls.MINISTRY, cls.AGENCY, cls.OTHER_EXTERNAL}


class OrganisationUnitQuerySet(models.QuerySet):
    def internal(self):
        return self.exclude(kind__in=UnitKind.external())

    def external(self):
        return self.filter(kind__in=UnitKind.external())


class OrganisationUnit(TrackedModel):
    """A node of the organisation tree. ``path`` (``/1/4/9/``) makes subtree queries one LIKE."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganisationUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def is_external(self) -> bool:
        return self.kind in UnitKind.external()

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def save(self, *args, **kwargs):
        # The path needs the primary key, so a new unit is saved twice.
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {k: v for k, v in kwargs.items() if k != "force_insert"}
        new_path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if self.parent_id and f"/{self.pk}/" in (self.parent.path or ""):
            raise ValueError("A unit cannot be its own ancestor.")
        old_path, self.path = self.path, new_path
        super().save(*args, **kwargs)
        if old_path and old_path != new_path:
            self._move_descendants(old_path, new_path)

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        for child in OrganisationUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            child.path = new_path + child.path[len(old_path) :]
            OrganisationUnit.objects.filter(pk=child.pk).update(path=child.path)

    def subtree(self):
        return OrganisationUnit.objects.filter(path__startswith=self.path)
