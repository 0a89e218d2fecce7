"""The workflow of a visit request: which status may follow which, and which steps e-mail the
requester. Pure: the services apply it; nothing else decides what is legal.

received → triaged → accepted / redirected / declined → programme → confirmed → held →
followed up → closed. An accepted visit can still be cancelled (declined) until it is held;
redirected and declined requests are closed when their handling ends.
"""

from .models import EmailKind, VisitStatus

S = VisitStatus

ALLOWED: dict[str, tuple[str, ...]] = {
    S.RECEIVED: (S.TRIAGED, S.DECLINED),
    S.TRIAGED: (S.ACCEPTED, S.REDIRECTED, S.DECLINED),
    S.ACCEPTED: (S.PROGRAMME, S.DECLINED),
    S.PROGRAMME: (S.CONFIRMED, S.DECLINED),
    S.CONFIRMED: (S.HELD, S.PROGRAMME, S.DECLINED),
    S.HELD: (S.FOLLOWED_UP,),
    S.FOLLOWED_UP: (S.CLOSED,),
    S.REDIRECTED: (S.CLOSED,),
    S.DECLINED: (S.CLOSED,),
    S.CLOSED: (),
}

#: The e-mail each step sends to the requester (in the requester's language).
EMAILS: dict[str, str] = {
    S.RECEIVED: EmailKind.RECEIVED,
    S.ACCEPTED: EmailKind.ACCEPTED,
    S.REDIRECTED: EmailKind.REDIRECTED,
    S.DECLINED: EmailKind.DECLINED,
    S.CONFIRMED: EmailKind.CONFIRMED,
    S.FOLLOWED_UP: EmailKind.FOLLOWED_UP,
}

#: Statuses after which the request is finished: the retention period starts.
FINISHED = (S.REDIRECTED, S.DECLINED, S.CLOSED)
#: Statuses in which the city hosts the visit: they take capacity on their dates.
HOSTED = (S.ACCEPTED, S.PROGRAMME, S.CONFIRMED, S.HELD, S.FOLLOWED_UP)
#: Statuses in which the programme can be edited.
PROGRAMME_EDITABLE = (S.ACCEPTED, S.PROGRAMME, S.CONFIRMED)
#: Statuses in which outcomes are recorded.
OUTCOMES_EDITABLE = (S.HELD, S.FOLLOWED_UP)
#: Decisions only a coordinator takes.
COORDINATOR_ONLY = (S.TRIAGED, S.ACCEPTED, S.REDIRECTED)
#: The decision a status records, for earlier-visit history ("hosted", "redirected",
#: "declined" as triage reads them).
DECISIONS = {S.ACCEPTED: "hosted", S.REDIRECTED: "redirected", S.DECLINED: "declined"}


def is_allowed(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, ())


def next_statuses(current: str) -> tuple[str, ...]:
    return ALLOWED.get(current, ())
