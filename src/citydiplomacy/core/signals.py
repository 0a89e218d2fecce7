"""Stamp created_by / modified_by from the request user that django-simple-history tracks."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from .models.records import TrackedModel


@receiver(pre_save)
def stamp_editor(sender, instance, **kwargs):
    if not isinstance(instance, TrackedModel):
        return
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    if instance.pk is None and instance.created_by_id is None:
        instance.created_by = user
    instance.modified_by = user
