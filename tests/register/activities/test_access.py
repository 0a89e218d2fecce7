"""Who sees which activity on the list, the activity page, in search, on a partner's page and
through an attachment: confidential activities stay with their unit and the coordinators."""

import pytest
from django.core.files.base import ContentFile

from citydiplomacy.register.models import ActivityAttachment

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def register(units, make_activity, partner_org):
    secret = make_activity(
        title="Secret negotiation", visibility="confidential", partners=[partner_org]
    )
    internal = make_activity(title="Internal trip", visibility="internal", partners=[partner_org])
    public = make_activity(title="Public event", visibility="public", partners=[partner_org])
    shared = make_activity(title="Shared with the partner", visibility="internal")
    shared.shared_with.set([units["partner"]])
    return {"secret": secret, "internal": internal, "public": public, "shared": shared}


def _listed(client, query=""):
    response = client.get(f"/register/{query}", **EN)
    assert response.status_code == 200
    return {activity.title for activity in response.context["page"].object_list}


EVERYTHING = {"Secret negotiation", "Internal trip", "Public event", "Shared with the partner"}
NOT_SECRET = EVERYTHING - {"Secret negotiation"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", EVERYTHING),
        ("admin", EVERYTHING),
        ("editor_a", EVERYTHING),
        ("editor_b", NOT_SECRET),
        ("viewer", NOT_SECRET),
        ("partner", {"Public event", "Shared with the partner"}),
        (None, {"Public event"}),
    ],
)
def test_each_role_sees_its_activities_in_the_list_search_and_pages(
    client, users, register, role, expected
):
    if role:
        client.force_login(users[role])
    assert _listed(client) == expected
    # Free-text search goes through the same access rule.
    assert _listed(client, "?q=negotiation") == expected & {"Secret negotiation"}
    for activity in register.values():
        response = client.get(f"/register/{activity.pk}/", **EN)
        assert response.status_code == (200 if activity.title in expected else 404), activity


def test_confidential_activity__other_units_editor_gets_404_on_edit_delete_and_attachment(
    client, users, register
):
    secret = register["secret"]
    attachment = ActivityAttachment.objects.create(
        activity=secret, name="minutes", file=ContentFile(b"%PDF-1.4 secret", name="m.pdf")
    )
    client.force_login(users["editor_b"])
    for url in (
        f"/register/{secret.pk}/",
        f"/register/{secret.pk}/edit/",
        f"/register/{secret.pk}/delete/",
        f"/register/attachments/{attachment.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/register/{secret.pk}/delete/").status_code == 404
    assert secret.__class__.objects.filter(pk=secret.pk).exists()
    client.force_login(users["editor_a"])
    response = client.get(f"/register/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"


def test_partner_page_lists_only_the_activities_the_user_may_see(
    client, users, register, partner_org
):
    client.force_login(users["editor_b"])
    page = client.get(f"/register/partners/{partner_org.pk}/", **EN).content.decode()
    assert "Internal trip" in page and "Public event" in page
    assert "Secret negotiation" not in page
    assert "2 activities that you may see." in page
    client.force_login(users["editor_a"])
    page = client.get(f"/register/partners/{partner_org.pk}/", **EN).content.decode()
    assert "Secret negotiation" in page


def test_partner_organisations_are_not_shown_to_partners_or_the_public(client, users, partner_org):
    urls = [
        "/register/partners/",
        f"/register/partners/{partner_org.pk}/",
        "/register/partners/search/?q=stock",
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(users["partner"])
    for url in urls:
        assert client.get(url).status_code == 403
    client.force_login(users["viewer"])
    for url in urls:
        assert client.get(url).status_code == 200


def test_the_detail_page_shows_measures_only_of_the_users_visibility(
    client, users, units, make_activity
):
    from tests.factories import MeasureFactory, PlanFactory

    plan = PlanFactory(status="in_force", unit=units["a"])
    open_measure = MeasureFactory(plan=plan, title="Open measure", unit=units["a"])
    hidden = MeasureFactory(
        plan=plan, title="Hidden measure", unit=units["a"], visibility="confidential"
    )
    activity = make_activity(title="Linked", visibility="internal")
    activity.measures.set([open_measure, hidden])
    client.force_login(users["editor_b"])
    page = client.get(f"/register/{activity.pk}/", **EN).content.decode()
    assert "Open measure" in page
    assert "Hidden measure" not in page
