"""E-mails to requesters, from templates a coordinator edits per language.

A template's subject and text may use the placeholders in ``PLACEHOLDERS`` written as
``{reference}``; nothing else is interpreted (a template is text, not code). A fresh install
gets the default texts below the first time a template is needed or the templates are listed.
"""

import re

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from .models import EmailKind, EmailTemplate, Language

PLACEHOLDERS = {
    "reference": _("the request's reference number"),
    "organisation": _("the requesting organisation"),
    "contact_name": _("the contact person's name"),
    "dates": _("the dates of the visit"),
    "status_url": _("the link to the request's status page"),
    "redirected_to": _("the unit or partner the request was redirected to"),
    "note": _("the coordinator's note to the requester"),
    "programme": _("the programme of the visit"),
    "city": _("the city's name"),
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

_SIGNATURE = {
    "fi": "\n\nYstävällisin terveisin\nKansainväliset asiat, {city}",
    "sv": "\n\nMed vänliga hälsningar\nInternationella ärenden, {city} stad",
    "en": "\n\nKind regards\nInternational Affairs, City of {city}",
}

DEFAULTS = {
    EmailKind.RECEIVED: {
        "fi": (
            "Vierailupyyntönne {reference} on vastaanotettu",
            "Hyvä {contact_name}\n\nKiitos vierailupyynnöstä. Pyyntö on kirjattu viitenumerolla "
            "{reference} ({organisation}, {dates}).\n\nKäsittelemme pyynnön ja ilmoitamme "
            "päätöksestä tähän osoitteeseen. Pyynnön tilan näette osoitteessa:\n{status_url}",
        ),
        "sv": (
            "Er besöksbegäran {reference} har tagits emot",
            "Bästa {contact_name}\n\nTack för er besöksbegäran. Den har registrerats med "
            "referensnumret {reference} ({organisation}, {dates}).\n\nVi behandlar begäran och "
            "meddelar beslutet till denna adress. Begärans status ser ni på:\n{status_url}",
        ),
        "en": (
            "Your visit request {reference} has been received",
            "Dear {contact_name}\n\nThank you for your visit request. It has been registered "
            "with the reference number {reference} ({organisation}, {dates}).\n\nWe will "
            "consider the request and send the decision to this address. You can follow its "
            "status at:\n{status_url}",
        ),
    },
    EmailKind.ACCEPTED: {
        "fi": (
            "Vierailupyyntö {reference} on hyväksytty",
            "Hyvä {contact_name}\n\nOtamme mielellämme vastaan vierailunne ({dates}). "
            "Valmistelemme ohjelmaa ja lähetämme sen teille vahvistettavaksi.\n\n{note}\n\n"
            "Pyynnön tila: {status_url}",
        ),
        "sv": (
            "Besöksbegäran {reference} har godkänts",
            "Bästa {contact_name}\n\nVi tar gärna emot ert besök ({dates}). Vi förbereder "
            "programmet och skickar det till er för bekräftelse.\n\n{note}\n\n"
            "Begärans status: {status_url}",
        ),
        "en": (
            "Visit request {reference} accepted",
            "Dear {contact_name}\n\nWe are pleased to host your visit ({dates}). We are "
            "preparing the programme and will send it to you for confirmation.\n\n{note}\n\n"
            "Status of the request: {status_url}",
        ),
    },
    EmailKind.REDIRECTED: {
        "fi": (
            "Vierailupyyntö {reference} on ohjattu eteenpäin",
            "Hyvä {contact_name}\n\nVierailupyyntönne on ohjattu käsiteltäväksi: "
            "{redirected_to}. He ovat teihin yhteydessä vierailun järjestelyistä.\n\n{note}",
        ),
        "sv": (
            "Besöksbegäran {reference} har förmedlats vidare",
            "Bästa {contact_name}\n\nEr besöksbegäran har förmedlats till: {redirected_to}. "
            "De kontaktar er om arrangemangen för besöket.\n\n{note}",
        ),
        "en": (
            "Visit request {reference} passed on",
            "Dear {contact_name}\n\nYour visit request has been passed on to: "
            "{redirected_to}. They will contact you about the arrangements.\n\n{note}",
        ),
    },
    EmailKind.DECLINED: {
        "fi": (
            "Vierailupyyntö {reference}",
            "Hyvä {contact_name}\n\nKiitos kiinnostuksestanne. Valitettavasti emme voi "
            "järjestää vierailua toivottuna ajankohtana ({dates}).\n\n{note}",
        ),
        "sv": (
            "Besöksbegäran {reference}",
            "Bästa {contact_name}\n\nTack för ert intresse. Tyvärr kan vi inte ordna besöket "
            "vid den önskade tidpunkten ({dates}).\n\n{note}",
        ),
        "en": (
            "Visit request {reference}",
            "Dear {contact_name}\n\nThank you for your interest. Unfortunately we are unable "
            "to arrange the visit at the requested time ({dates}).\n\n{note}",
        ),
    },
    EmailKind.CONFIRMED: {
        "fi": (
            "Vierailun {reference} ohjelma on vahvistettu",
            "Hyvä {contact_name}\n\nVierailunne ohjelma ({dates}) on vahvistettu:\n\n"
            "{programme}\n\n{note}",
        ),
        "sv": (
            "Programmet för besöket {reference} har bekräftats",
            "Bästa {contact_name}\n\nProgrammet för ert besök ({dates}) har bekräftats:\n\n"
            "{programme}\n\n{note}",
        ),
        "en": (
            "Programme of visit {reference} confirmed",
            "Dear {contact_name}\n\nThe programme of your visit ({dates}) is confirmed:\n\n"
            "{programme}\n\n{note}",
        ),
    },
    EmailKind.FOLLOWED_UP: {
        "fi": (
            "Kiitos vierailusta ({reference})",
            "Hyvä {contact_name}\n\nKiitos vierailustanne. Olemme kirjanneet sovitut "
            "jatkotoimet ja olemme niistä yhteydessä.\n\n{note}",
        ),
        "sv": (
            "Tack för besöket ({reference})",
            "Bästa {contact_name}\n\nTack för ert besök. Vi har antecknat de överenskomna "
            "fortsatta åtgärderna och återkommer om dem.\n\n{note}",
        ),
        "en": (
            "Thank you for your visit ({reference})",
            "Dear {contact_name}\n\nThank you for your visit. We have recorded the follow-up "
            "actions we agreed on and will be in touch about them.\n\n{note}",
        ),
    },
}


class TemplateError(ValueError):
    pass


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def fill(text: str, values: dict) -> str:
    """Replace the known ``{placeholders}``; anything else stays as written."""
    return PLACEHOLDER.sub(
        lambda m: (
            str(values.get(m.group(1), m.group(0))) if m.group(1) in PLACEHOLDERS else m.group(0)
        ),
        text,
    )


def ensure_defaults() -> int:
    """Create the default templates that do not exist yet; returns how many were made."""
    existing = set(EmailTemplate.objects.values_list("kind", "language"))
    new = [
        EmailTemplate(
            kind=kind,
            language=language,
            subject=subject,
            body=body + _SIGNATURE[language],
        )
        for kind, texts in DEFAULTS.items()
        for language, (subject, body) in texts.items()
        if (kind, language) not in existing
    ]
    EmailTemplate.objects.bulk_create(new)
    return len(new)


def template_for(kind: str, language: str) -> EmailTemplate:
    template = EmailTemplate.objects.filter(kind=kind, language=language).first()
    if template is None:
        ensure_defaults()
        template = EmailTemplate.objects.get(kind=kind, language=language)
    return template


def status_url(visit) -> str:
    if not visit.status_token:
        return ""
    return settings.SITE_URL + reverse("visits:status", args=[visit.status_token])


def _dates(visit) -> str:
    start, end = visit.first_day, visit.last_day
    text = formats.date_format(start, "SHORT_DATE_FORMAT")
    if end != start:
        text += " – " + formats.date_format(end, "SHORT_DATE_FORMAT")
    return text


def _programme(visit) -> str:
    lines = []
    for item in visit.programme.all():
        start = formats.date_format(item.starts_at, "SHORT_DATETIME_FORMAT")
        end = formats.time_format(item.ends_at, "TIME_FORMAT")
        place = f", {item.venue}" if item.venue else ""
        lines.append(f"{start}–{end} {item.title}{place}")
    return "\n".join(lines)


def values_for(visit, note: str = "") -> dict:
    redirected = ""
    if visit.redirected_to_id:
        redirected = visit.redirected_to.name
    if visit.redirected_partner:
        redirected = ", ".join(filter(None, [redirected, visit.redirected_partner]))
    return {
        "reference": visit.reference,
        "organisation": visit.organisation_name,
        "contact_name": visit.contact_name,
        "dates": _dates(visit),
        "status_url": status_url(visit),
        "redirected_to": redirected,
        "note": note,
        "programme": _programme(visit),
        "city": settings.CITY_NAME,
    }


def send(visit, kind: str, note: str = "") -> bool:
    """E-mail the requester in their language; False when there is no address (erased)."""
    if not visit.contact_email:
        return False
    language = visit.language if visit.language in Language.values else Language.EN
    with translation.override(language):
        template = template_for(kind, language)
        values = values_for(visit, note)
        subject = " ".join(fill(template.subject, values).split())
        body = re.sub(r"\n{3,}", "\n\n", fill(template.body, values)).strip() + "\n"
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [visit.contact_email])
    return True
