"""Who may see and edit which records — decided here and only here.

Lists, detail pages, search, exports, reports and the API all filter through
``OwnedQuerySet.visible_to`` / ``editable_by``, which build their conditions with these
functions. The rules (PRODUCT.md, "Who uses it"):

* anyone: public records;
* coordinators and administrators: everything;
* unit editors and viewers (the city's own users): public and internal records, and the
  confidential records of their own unit and its sub-units;
* partners: public records and what a unit has explicitly shared with the partner's unit;
* unit editors edit the records of their own unit and its sub-units; coordinators edit all.
"""

from django.db.models import Exists, OuterRef, Q

PUBLIC = "public"
INTERNAL = "internal"
NOTHING = Q(pk__in=[])


def _role(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return "admin"
    return user.role


def is_coordinator(user) -> bool:
    return _role(user) in ("coordinator", "admin")


def _own_units(user):
    """The user's unit and everything below it, as a subquery."""
    from citydiplomacy.core.models import OrganisationUnit

    if user.unit_id is None:
        return OrganisationUnit.objects.none()
    return OrganisationUnit.objects.filter(path__startswith=user.unit.path)


def visible_q(user, model) -> Q:
    """The condition on ``model`` rows that ``user`` may see."""
    role = _role(user)
    public = Q(visibility=PUBLIC)
    if role is None:
        return public
    if role in ("coordinator", "admin"):
        return Q()
    if role == "partner":
        if user.unit_id is None:
            return public
        shared = model.shared_with.through.objects.filter(
            **{f"{model._meta.model_name}_id": OuterRef("pk")},
            organisationunit_id=user.unit_id,
        )
        return public | Q(Exists(shared))
    return Q(visibility__in=[PUBLIC, INTERNAL]) | Q(unit__in=_own_units(user))


def editable_q(user) -> Q:
    role = _role(user)
    if role in ("coordinator", "admin"):
        return Q()
    if role == "unit_editor" and user.unit_id is not None:
        return Q(unit__in=_own_units(user))
    return NOTHING


def can_edit_unit(user, unit) -> bool:
    """May ``user`` create or change records owned by ``unit``?"""
    role = _role(user)
    if role in ("coordinator", "admin"):
        return True
    if role != "unit_editor" or user.unit_id is None or unit is None:
        return False
    return unit.path.startswith(user.unit.path)


def can_create(user) -> bool:
    return _role(user) in ("coordinator", "admin", "unit_editor")
