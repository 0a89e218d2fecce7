"""Signal hooks: the radar checks an activity the moment it is saved.

The check runs when the transaction commits, once per activity however many times it was saved
(a form saves the activity, then its places and partners). Bulk work suspends it with
``services.radar.radar_suspended()`` and scans once at the end.
"""

from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from . import tasks_radar  # noqa: F401  (registers the daily jobs)
from .models import Activity
from .services import radar

# The links that change what the radar compares.
_WATCHED = ("cities", "countries", "partners", "measures")


@receiver(post_save, sender=Activity, dispatch_uid="register_radar_saved")
def activity_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        radar.check_on_commit(instance.pk)


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        # Changed from the other side (a partner's activities): check every activity touched.
        for activity_id in pk_set or ():
            radar.check_on_commit(activity_id)
    elif isinstance(instance, Activity):
        radar.check_on_commit(instance.pk)


for _field in _WATCHED:
    m2m_changed.connect(
        _links_changed,
        sender=Activity._meta.get_field(_field).remote_field.through,
        dispatch_uid=f"register_radar_{_field}",
    )


@receiver(pre_delete, sender=Activity, dispatch_uid="register_radar_deleted")
def activity_deleted(sender, instance, **kwargs):
    radar.forget_activity(instance.pk)
