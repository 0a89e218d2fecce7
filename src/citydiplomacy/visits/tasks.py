"""Background work of visits (django-tasks)."""

from django_tasks import task

from citydiplomacy.core.schedule import daily

from . import services


@daily("visits-erase-personal-data", hour=3)
@task()
def erase_expired_personal_data() -> int:
    """Erase requesters' personal data past the retention period (a daily job)."""
    return services.erase_expired()


@task()
def email_requester(visit_id: int, kind: str, note: str = "") -> bool:
    """E-mail a workflow step to the requester, in their language."""
    from .emails import send
    from .models import VisitRequest

    visit = VisitRequest.objects.filter(pk=visit_id).first()
    return visit is not None and send(visit, kind, note)
