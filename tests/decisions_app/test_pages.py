"""The decisions list (filters, query count), the decision page laid out like the original,
the upload page with its summary, and the follow-up actions."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citydiplomacy.decisions import services
from citydiplomacy.decisions.models import Decision, FollowUpStatus, Policymaker

from .conftest import SAMPLES, SEED
from .factories import DecisionFactory

pytestmark = pytest.mark.urls("tests.decisions_app.urls")

KVSTO_SAMPLES = sorted(SAMPLES.glob("0[34568]_*.txt"))  # Kaupunginvaltuusto / Stadsfullmäktige
KHS_TABLED = SAMPLES / "12_fi_khs_2021-12-13_s944_aloite_pinkki_turismi_poydalle.txt"


@pytest.fixture
def imported(office, seed_plan, users):
    decisions = services.import_files([SEED, KHS_TABLED, *KVSTO_SAMPLES]).decisions
    services.link_to(decisions[0], seed_plan, users["coordinator"])
    return decisions


def _titles(client, query: str) -> set[str]:
    html = client.get(f"/decisions/?{query}").content.decode()
    return {d.title for d in Decision.objects.all() if f">{d.title}</a>" in html}


def test_list_filters(client, imported):
    seed, tabled = imported[0], imported[1]
    council = Policymaker.objects.get(name_fi="Kaupunginvaltuusto")
    council_titles = {d.title for d in Decision.objects.filter(policymaker=council)}

    assert _titles(client, "") == {d.title for d in imported}
    assert _titles(client, f"policymaker={council.pk}") == council_titles
    assert len(council_titles) == 5  # Finnish and Swedish versions alike
    assert _titles(client, "year=2021") == {tabled.title}
    assert _titles(client, "classification=04") == {seed.title}
    assert _titles(client, "decision_type=tabled") == {tabled.title}
    assert _titles(client, "linked=yes") == {seed.title}
    assert seed.title not in _titles(client, "linked=no")
    assert _titles(client, "q=HEL 2021-006763") == {tabled.title}


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list__queries_do_not_grow_with_the_decisions(client, users):
    client.force_login(users["editor_a"])
    DecisionFactory.create_batch(3, unit=users["editor_a"].unit)
    before = _count_queries(client, "/decisions/")
    DecisionFactory.create_batch(20, unit=users["editor_a"].unit, meeting_date=date(2020, 5, 4))
    assert _count_queries(client, "/decisions/") == before


def test_list_pages_by_50(client, users):
    DecisionFactory.create_batch(51, unit=users["editor_a"].unit)
    first = client.get("/decisions/").content.decode()
    assert "51 decisions" in first and "page=2" in first
    assert client.get("/decisions/?page=2").content.decode().count("/decisions/") > 0


def test_decision_page__laid_out_like_the_minutes(client, imported):
    seed = imported[0]
    html = client.get(f"/decisions/{seed.pk}/").content.decode()
    order = [
        "§ 11",
        "HEL 2017-010458 T 04 00 00",
        ">Decision<",
        ">Processing<",
        ">Presenter<",
        ">Further information<",
        ">Appeal<",
        ">Proposal<",
        ">Justification<",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "<li>Investointien ja osaajien houkuttelu</li>" in html
    assert '<a href="mailto:iina.oilinki@hel.fi">' in html
    assert "kansliapäällikkö<br>Sami Sarvilinna" in html
    assert f'href="/decisions/{seed.pk}/source/"' in html


def test_decision_page__votes_as_a_table(client, imported):
    vote = Decision.objects.get(section=255)
    html = client.get(f"/decisions/{vote.pk}/").content.decode()
    assert "Vote 1" in html
    for cell in ("<td>62</td>", "<td>1</td>", "<td>18</td>", "<td>4</td>"):
        assert cell in html
    assert "Otto Meri" in html


def test_decision_page__text_is_escaped(client, users):
    decision = DecisionFactory(
        unit=users["editor_a"].unit,
        justification='- <script>alert("x")</script>\n- toinen',
    )
    html = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "<li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</li><li>toinen</li>" in html


def test_decision_page__suggestions_for_coordinators_only(client, imported, users):
    seed = imported[0]
    client.force_login(users["coordinator"])
    html = client.get(f"/decisions/{seed.pk}/").content.decode()
    assert "Suggestions" in html
    assert "Words of its title found in the decision: Investointien, osaajien, houkuttelu" in html
    assert "Classified as international affairs (04 00 00)" in html
    client.force_login(users["viewer"])
    assert "Suggestions" not in client.get(f"/decisions/{seed.pk}/").content.decode()


def test_upload__several_files_and_a_summary(client, users, seed_plan):
    client.force_login(users["editor_a"])
    files = [
        SimpleUploadedFile(SEED.name, SEED.read_bytes()),
        SimpleUploadedFile(KHS_TABLED.name, KHS_TABLED.read_bytes()),
        SimpleUploadedFile("empty.txt", b""),
    ]
    response = client.post("/decisions/import/", {"files": files})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Created 2, updated 0, failed 1" in html
    assert "<strong>empty.txt</strong>: empty input: nothing to parse" in html
    assert Decision.objects.count() == 2
    assert set(Decision.objects.values_list("unit", flat=True)) == {users["editor_a"].unit_id}

    again = client.post(
        "/decisions/import/", {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())]}
    )
    assert "Created 0, updated 1, failed 0" in again.content.decode()


def test_upload__no_file_is_a_form_error(client, users):
    client.force_login(users["coordinator"])
    response = client.post("/decisions/import/", {})
    assert response.status_code == 400
    assert Decision.objects.count() == 0


def test_follow_up__confirmed_with_a_corrected_date_then_done(client, imported, users):
    seed = imported[0]
    follow_up = seed.follow_ups.get(found_date=date(2017, 12, 31))
    client.force_login(users["coordinator"])

    client.post(f"/decisions/follow-ups/{follow_up.pk}/confirm/", {"due_date": "2018-01-31"})
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.due_date) == (FollowUpStatus.CONFIRMED, date(2018, 1, 31))
    assert follow_up.confirmed_by == users["coordinator"]
    html = client.get(f"/decisions/{seed.pk}/").content.decode()
    assert "Confirmed" in html and "vuoden 2017 loppuun mennessä" in html

    client.post(f"/decisions/follow-ups/{follow_up.pk}/done/")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.DONE
    services.import_files([SEED])  # re-importing keeps what people did
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.due_date) == (FollowUpStatus.DONE, date(2018, 1, 31))


def test_follow_up__editors_of_other_units_cannot_confirm(client, imported, users):
    follow_up = imported[0].follow_ups.first()
    client.force_login(users["editor_b"])
    response = client.post(
        f"/decisions/follow-ups/{follow_up.pk}/confirm/", {"due_date": "2018-01-31"}
    )
    assert response.status_code == 403
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.PROPOSED


def test_reject_then_confirm_after_all(client, imported, users):
    link = imported[0].links.get(objective__number=3)
    client.force_login(users["coordinator"])
    response = client.post(f"/decisions/links/{link.pk}/reject/")
    assert response.status_code == 302 and response["Location"].endswith("#links")
    link.refresh_from_db()
    assert link.status == "rejected"
    html = client.get(f"/decisions/{imported[0].pk}/").content.decode()
    assert "1 rejected suggestion" in html
    client.post(f"/decisions/links/{link.pk}/confirm/")
    link.refresh_from_db()
    assert link.status == "confirmed"
