"""Change history for visits (no translated fields). The requester's personal data and the
status link are kept out of the history, so erasing them from the request erases them."""

import simple_history

from .models import EmailTemplate, Outcome, ProgrammeItem, VisitRequest, VisitSettings

PRIVATE_FIELDS = [
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "attachment",
    "attachment_name",
    "status_token",
]

simple_history.register(VisitRequest, excluded_fields=PRIVATE_FIELDS)
for model in (ProgrammeItem, Outcome, EmailTemplate, VisitSettings):
    simple_history.register(model)
