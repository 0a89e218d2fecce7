"""Creating, editing and deleting activities: who may, what the form checks, what is stored, and
that two people editing one activity never silently overwrite each other."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from citydiplomacy.register.models import Activity, PartnerOrganisation
from citydiplomacy.register.services import activities as service
from tests.factories import MeasureFactory, ObjectiveFactory, PlanFactory, ThemeFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _post(client, url, data, **extra):
    return client.post(url, data, **(EN | extra))


def test_create__stores_every_field_and_link_and_records_who(
    client, users, units, places, partner_org
):
    plan = PlanFactory(status="in_force", unit=units["a"])
    objective = ObjectiveFactory(plan=plan)
    measure = MeasureFactory(plan=plan, unit=units["a"])
    theme = ThemeFactory()
    client.force_login(users["editor_a"])
    data = form_data(
        units["a"],
        units=[units["b"].pk],
        external_actors=[units["partner"].pk],
        countries=[places["FI"].pk],
        cities=[places["helsinki"].pk],
        add_cities="Tukholmassa",  # Finnish inflection, resolved on the server
        partners=[partner_org.pk],
        new_partner_name="Nordic Council",
        new_partner_kind="international",
        new_partner_country=places["SE"].pk,
        objectives=[objective.pk],
        measures=[measure.pk],
        themes=[theme.pk],
        delegation_level="director",
        participant_count=4,
        senior_participant_count=2,
        participants="Director A, Director B",
        budget="2500.00",
        actual_cost="2100.50",
        outcomes="A memorandum of understanding.",
        visibility="confidential",
        shared_with=[units["partner"].pk],
    )
    response = _post(client, "/register/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(title="Study trip to Stockholm")
    assert response["Location"] == f"/register/{activity.pk}/"
    assert activity.unit == units["a"]
    assert activity.created_by == users["editor_a"]
    assert activity.modified_by == users["editor_a"]
    assert activity.visibility == "confidential"
    assert activity.senior_participant_count == 2
    assert str(activity.actual_cost) == "2100.50"
    assert {c.name_en for c in activity.cities.all()} == {"Helsinki", "Stockholm"}
    assert {c.code for c in activity.countries.all()} == {"FI", "SE"}  # the cities' countries
    assert {p.name for p in activity.partners.all()} == {"Stockholms stad", "Nordic Council"}
    new_partner = PartnerOrganisation.objects.get(name="Nordic Council")
    assert (new_partner.kind, new_partner.country.code) == ("international", "SE")
    assert list(activity.units.all()) == [units["b"]]
    assert list(activity.external_actors.all()) == [units["partner"]]
    assert list(activity.objectives.all()) == [objective]
    assert list(activity.measures.all()) == [measure]
    assert list(activity.themes.all()) == [theme]
    assert list(activity.shared_with.all()) == [units["partner"]]
    assert activity.history.get().history_user == users["editor_a"]
    page = client.get(f"/register/{activity.pk}/", **EN).content.decode()
    for text in ("Nordic Council", "Director A, Director B", "A memorandum of understanding."):
        assert text in page
    assert f"/history/register/activity/{activity.pk}/" in page


def test_create__the_form_page_lists_only_chosen_cities_never_all_of_them(
    client, users, units, places, make_activity
):
    client.force_login(users["coordinator"])
    page = client.get("/register/new/", **EN).content.decode()
    assert page.count('name="cities"') == 0
    activity = make_activity(cities=[places["beijing"]])
    page = client.get(f"/register/{activity.pk}/edit/", **EN).content.decode()
    assert page.count('name="cities"') == 1
    assert "Beijing" in page


def test_create__an_editor_may_not_own_an_activity_for_another_unit(client, users, units):
    client.force_login(users["editor_a"])
    response = _post(client, "/register/new/", form_data(units["b"]))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Activity.objects.exists()
    # Their own sub-unit is fine.
    response = _post(client, "/register/new/", form_data(units["a_dept"]))
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["viewer", "partner"])
def test_create__viewers_and_partners_may_not(client, users, units, role):
    client.force_login(users[role])
    assert client.get("/register/new/").status_code == 403
    assert client.post("/register/new/", form_data(units["a"])).status_code == 403
    assert not Activity.objects.exists()


def test_create__the_public_is_sent_to_sign_in(client, units):
    response = client.get("/register/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"start_date": "2026-05-06", "end_date": "2026-05-04"},
            "end_date",
            "The end date is before the start date.",
        ),
        (
            {"participant_count": 2, "senior_participant_count": 3},
            "senior_participant_count",
            "More elected members or directors than participants in all.",
        ),
        ({"start_date": "6 May"}, "start_date", "Enter a valid date."),
        ({"title": ""}, "title", "This field is required."),
        ({"budget": "-5"}, "budget", "greater than or equal to 0"),
        ({"add_cities": "Xyzzyville"}, "add_cities", "No city found with the name: Xyzzyville."),
        (
            {"add_partners": "Unknown Org"},
            "add_partners",
            "No partner organisation is named “Unknown Org”",
        ),
        (
            {"new_partner_name": "Nameless Org"},
            "new_partner_kind",
            "Choose the type of the new partner.",
        ),
    ],
)
def test_create__bad_input_names_the_field_and_writes_nothing(
    client, users, units, overrides, field, message
):
    client.force_login(users["coordinator"])
    response = _post(client, "/register/new/", form_data(units["a"], **overrides))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert message.split("“")[0] in response.content.decode()
    assert not Activity.objects.exists()
    assert not PartnerOrganisation.objects.filter(name="Nameless Org").exists()


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_attachment__an_allowed_file_is_stored_and_downloadable(client, users, units):
    client.force_login(users["editor_a"])
    upload = SimpleUploadedFile("programme.docx", _docx())
    data = form_data(units["a"], attachment=upload, attachment_name="Programme")
    response = _post(client, "/register/new/", data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    attachment = activity.attachments.get()
    assert attachment.name == "Programme"
    page = client.get(f"/register/{activity.pk}/", **EN).content.decode()
    assert f"/register/attachments/{attachment.pk}/" in page
    download = client.get(f"/register/attachments/{attachment.pk}/")
    assert 'filename="Programme.docx"' in download["Content-Disposition"]

    # Removing it on the edit form.
    data = form_data(units["a"], edit_version=activity.version, remove_attachments=[attachment.pk])
    assert _post(client, f"/register/{activity.pk}/edit/", data).status_code == 302
    assert not activity.attachments.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "This type of file is not accepted."),
        (b"MZ\x90\x00\x03\x00binary", "This type of file is not accepted."),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "The file is too large"),
    ],
)
def test_attachment__wrong_type_or_size_is_refused_and_nothing_written(
    client, users, units, content, message
):
    client.force_login(users["editor_a"])
    upload = SimpleUploadedFile("report.pdf", content, content_type="application/pdf")
    response = _post(client, "/register/new/", form_data(units["a"], attachment=upload))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["attachment"])
    assert not Activity.objects.exists()


@given(st.binary(max_size=200))
def test_attachment_type__markup_is_never_accepted_whatever_surrounds_it(data):
    for tag in (b"<html>", b"<script>", b"<svg>"):
        assert service.attachment_type(b"hello " + tag + data) is None


@given(
    st.text(
        alphabet=st.characters(blacklist_characters="<\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=300,
    )
)
def test_attachment_type__plain_text_is_accepted(text):
    assert service.attachment_type(text.encode("utf-8")) == "text/plain"


def test_edit__an_editor_of_another_unit_may_not(client, users, units, make_activity):
    activity = make_activity(title="A's trip")
    client.force_login(users["editor_b"])
    assert client.get(f"/register/{activity.pk}/edit/").status_code == 403
    data = form_data(units["b"], title="Taken over", edit_version=activity.version)
    assert client.post(f"/register/{activity.pk}/edit/", data).status_code == 403
    assert client.post(f"/register/{activity.pk}/delete/").status_code == 403
    activity.refresh_from_db()
    assert activity.title == "A's trip"
    page = client.get(f"/register/{activity.pk}/", **EN).content.decode()
    assert f"/register/{activity.pk}/edit/" not in page


def test_edit__saves_and_bumps_the_version(client, users, units, make_activity):
    activity = make_activity(title="Old title")
    client.force_login(users["editor_a"])
    form = client.get(f"/register/{activity.pk}/edit/", **EN)
    assert form.status_code == 200
    assert 'name="edit_version" value="1"' in form.content.decode()
    data = form_data(units["a"], title="New title", edit_version=1)
    response = _post(client, f"/register/{activity.pk}/edit/", data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.version) == ("New title", 2)


def test_edit__two_people_editing_one_activity__the_second_save_is_refused(
    client, users, units, make_activity, places
):
    from django.test import Client

    activity = make_activity(title="Trip to Tallinn")
    first, second = Client(), Client()
    first.force_login(users["coordinator"])
    second.force_login(users["editor_a"])
    version = activity.version
    saved = _post(
        first,
        f"/register/{activity.pk}/edit/",
        form_data(units["a"], title="Trip to Tallinn and Tartu", edit_version=version),
    )
    assert saved.status_code == 302
    refused = _post(
        second,
        f"/register/{activity.pk}/edit/",
        form_data(
            units["a"],
            title="Trip to Tallinn (cancelled)",
            status="cancelled",
            cities=[places["stockholm"].pk],
            edit_version=version,
        ),
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "coordinator saved this activity while you were editing it" in page
    assert "Title" in page.split("Changed:")[1].split(".")[0]
    activity.refresh_from_db()
    assert activity.title == "Trip to Tallinn and Tartu"
    assert activity.status == "planned"
    assert not activity.cities.exists()  # the links were not written either


def test_delete__asks_first_then_deletes_and_history_keeps_it(client, users, make_activity):
    activity = make_activity(title="To be removed")
    client.force_login(users["editor_a"])
    confirm = client.get(f"/register/{activity.pk}/delete/", **EN)
    assert confirm.status_code == 200
    assert "Do you want to delete “To be removed”?" in confirm.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    response = client.post(f"/register/{activity.pk}/delete/", **EN)
    assert response.status_code == 302 and response["Location"] == "/register/"
    assert not Activity.objects.filter(pk=activity.pk).exists()
    deleted = Activity.history.filter(id=activity.pk, history_type="-").get()
    assert deleted.history_user == users["editor_a"]


def test_service__refuses_a_user_who_may_not_edit_the_unit(users, units, make_activity):
    from django.core.exceptions import PermissionDenied

    activity = make_activity(title="A's")
    with pytest.raises(PermissionDenied):
        service.save_activity(activity, {"unit": units["b"]}, {}, users["editor_a"], 1)
    with pytest.raises(PermissionDenied):
        service.save_activity(activity, {"title": "x"}, {}, users["editor_b"], 1)
    with pytest.raises(PermissionDenied):
        service.delete_activity(activity, users["viewer"])
    activity.refresh_from_db()
    assert activity.title == "A's"
