"""Rate limits of the public form, counted in the database so that they hold across every
server process. Addresses are never stored: only a salted hash (HMAC with the secret key)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import SubmissionAttempt

WINDOW = timedelta(hours=1)
#: Posts of the form (stored or not) an address may make in the window: room to correct
#: mistakes, not to flood the server.
ATTEMPTS_PER_HOUR = 30


def client_key(request) -> str:
    """The salted hash of the request's address."""
    address = request.META.get("REMOTE_ADDR") or "unknown"
    return salted_hmac("citydiplomacy.visits.client", address).hexdigest()


def record_attempt(client: str) -> SubmissionAttempt:
    return SubmissionAttempt.objects.create(client=client)


def counts(client: str) -> tuple[int, int]:
    """(posts, stored requests) of ``client`` within the window, in one query."""
    since = timezone.now() - WINDOW
    row = SubmissionAttempt.objects.filter(client=client, at__gte=since).aggregate(
        posts=Count("pk"), stored=Count("pk", filter=Q(stored=True))
    )
    return row["posts"], row["stored"]


def is_limited(client: str, requests_per_hour: int) -> bool:
    """Over either limit? Counted after this post was recorded, so concurrent posts from one
    address in several processes cannot all slip under it."""
    posts, stored = counts(client)
    return posts > ATTEMPTS_PER_HOUR or stored >= requests_per_hour


def mark_stored(attempt: SubmissionAttempt) -> None:
    SubmissionAttempt.objects.filter(pk=attempt.pk).update(stored=True)


def prune(now=None) -> int:
    """Forget attempts older than a day."""
    now = now or timezone.now()
    deleted, _ = SubmissionAttempt.objects.filter(at__lt=now - timedelta(days=1)).delete()
    return deleted
