"""Import: the seed and the 28 samples are stored once, re-imports update, and every bad
file gives one line and stores nothing while the rest of the batch is imported."""

import random
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from citydiplomacy.core.models import Visibility
from citydiplomacy.decisions import importing, services
from citydiplomacy.decisions.models import (
    Case,
    Decision,
    FollowUp,
    FollowUpStatus,
    Meeting,
    PlanLink,
    Policymaker,
)
from tests.decisions.ahjo_fixtures import make_pdf

from .conftest import CONFIDENTIAL_SAMPLE, SAMPLES, SEED

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def _stored_files(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_seed__every_part_is_stored(office, media_root):
    summary = services.import_files([SEED])

    assert (summary.created, summary.updated, summary.failed) == (1, 0, [])
    decision = Decision.objects.get()
    assert decision.section == 11
    assert decision.heading == "§ 11"
    assert decision.title == "Kaupungin kansainvälisen toiminnan suunnitelma"
    assert (decision.diary_number, decision.classification_code) == ("HEL 2017-010458", "04 00 00")
    assert decision.meeting_date == date(2017, 11, 13)
    assert decision.policymaker.name_fi == "Kaupunginhallituksen elinkeinojaosto"
    assert decision.policymaker.name_sv == "Stadsstyrelsens näringslivssektion"
    assert decision.meeting.policymaker == decision.policymaker
    assert decision.case.diary_number == "HEL 2017-010458"
    assert (decision.presenter_title, decision.presenter_name) == (
        "kansliapäällikkö",
        "Sami Sarvilinna",
    )
    assert decision.contacts[0]["email"] == "iina.oilinki@hel.fi"
    assert (decision.decision_type, decision.appeal_type) == ("noted", "no_appeal")
    assert "- Investointien ja osaajien houkuttelu\n" in decision.justification
    assert decision.parsed["title"] == decision.title
    assert (decision.unit, decision.visibility) == (office, Visibility.PUBLIC)
    assert (decision.source_name, decision.source_format) == (SEED.name, "text")
    assert decision.source_file.read() == SEED.read_bytes()
    deadline = decision.follow_ups.get(found_date=date(2017, 12, 31))
    assert deadline.status == FollowUpStatus.PROPOSED
    assert decision.history.count() == 1


def test_all_28_samples__created_then_updated_without_duplicates(office):
    first = services.import_files(SAMPLE_FILES)
    assert (first.created, first.updated, first.failed) == (28, 0, [])
    counts = [m.objects.count() for m in (Decision, Policymaker, Case, Meeting, FollowUp)]

    again = services.import_files(SAMPLE_FILES)

    assert (again.created, again.updated, again.failed) == (0, 28, [])
    assert [m.objects.count() for m in (Decision, Policymaker, Case, Meeting, FollowUp)] == counts
    assert Decision.history.count() == 28  # an unchanged file writes nothing


def test_finnish_and_swedish_versions__two_records_one_policymaker(office):
    fi, sv = sorted(SAMPLES.glob("0[34]_*.txt"))
    decisions = services.import_files([fi, sv]).decisions
    assert [d.language for d in decisions] == ["fi", "sv"]
    assert decisions[0].policymaker == decisions[1].policymaker
    assert str(decisions[1].policymaker.name_sv) == "Stadsfullmäktige"
    assert decisions[0].case == decisions[1].case


def test_changed_record__updates_the_same_decision_and_replaces_its_file(
    office, media_root, django_capture_on_commit_callbacks
):
    services.import_files([SEED])
    changed = SEED.read_text("utf-8").replace("merkitä tiedoksi", "hyväksyä")
    upload = SimpleUploadedFile(SEED.name, changed.encode("utf-8"))

    with django_capture_on_commit_callbacks(execute=True):
        summary = services.import_files([upload])

    assert (summary.created, summary.updated) == (0, 1)
    decision = Decision.objects.get()
    assert decision.decision_type == "approved"
    assert decision.version == 2
    assert decision.source_file.read() == changed.encode("utf-8")
    assert len(_stored_files(media_root)) == 1  # the old file is gone


def test_confidential_sample__confidential_and_owned_by_the_importing_unit(users):
    decision = services.import_files([CONFIDENTIAL_SAMPLE], users["editor_a"]).decisions[0]
    assert decision.confidential
    assert decision.visibility == Visibility.CONFIDENTIAL
    assert decision.unit == users["editor_a"].unit


def test_reimport_by_another_unit_is_refused(users):
    services.import_files([SEED], users["editor_a"])
    summary = services.import_files([SEED], users["editor_b"])
    assert summary.failed == [
        (SEED.name, "already imported by another unit: ask a coordinator to re-import it")
    ]
    assert Decision.objects.get().unit == users["editor_a"].unit


class Unreadable:
    """An upload that reports its size and must not be read."""

    def __init__(self, name: str, size: int):
        self.name, self.size = name, size

    def read(self, *args):
        raise AssertionError("a file over the limit was read")

    def seek(self, *args):
        raise AssertionError("a file over the limit was opened")


def _bad_inputs(tmp_path):
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing written
    truncated = "\n".join(
        (SAMPLES / "12_fi_khs_2021-12-13_s944_aloite_pinkki_turismi_poydalle.txt")
        .read_text("utf-8")
        .splitlines()[:3]
    )
    html = "<html><body><h1>Tervetuloa</h1><p>Päätökset löytyvät täältä.</p></body></html>"
    return [
        (SimpleUploadedFile("empty.txt", b""), "empty input: nothing to parse"),
        (
            SimpleUploadedFile("noise.bin", random.Random(7).randbytes(4000)),
            "binary file that is not a PDF: not a decision record",
        ),
        (
            SimpleUploadedFile("scan.pdf", make_pdf([[], []])),
            "PDF has no text layer (a scanned image?): nothing to parse",
        ),
        (
            SimpleUploadedFile("page.html", html.encode()),
            "HTML input is not a decision record: no section heading and no decision part found",
        ),
        (
            SimpleUploadedFile("cut.txt", truncated.encode()),
            "truncated record: section heading found but no decision or proposal part",
        ),
        (huge, "input is too large: over the 20 MB limit"),
        (
            Unreadable("huge-upload.pdf", 100 * 1024 * 1024),
            "input is too large: over the 20 MB limit",
        ),
    ]


def test_bad_files__one_line_each_nothing_stored_and_the_rest_imported(
    office, tmp_path, media_root
):
    bad = _bad_inputs(tmp_path)
    batch = [SAMPLE_FILES[0], *(source for source, _message in bad), SEED]

    summary = services.import_files(batch)

    assert (summary.created, summary.updated) == (2, 0)
    assert summary.failed == [(importing._file_name(s), message) for s, message in bad]
    assert all("\n" not in error for _name, error in summary.failed)
    assert Decision.objects.count() == 2
    assert len(_stored_files(media_root)) == 2


def test_failure_while_storing__rolls_back_the_file_and_its_record(office, media_root, monkeypatch):
    original = services.suggest_links

    def fail_for_the_seed(decision):
        if decision.section == 11:
            raise RuntimeError("database went away")
        return original(decision)

    monkeypatch.setattr(services, "suggest_links", fail_for_the_seed)
    summary = services.import_files([SEED, SAMPLE_FILES[2]])

    assert summary.failed == [(SEED.name, "could not be stored (RuntimeError)")]
    assert summary.created == 1
    assert not Decision.objects.filter(section=11).exists()
    assert not Case.objects.filter(diary_number="HEL 2017-010458").exists()
    assert not Policymaker.objects.filter(name_fi="Kaupunginhallituksen elinkeinojaosto").exists()
    assert [p.name for p in _stored_files(media_root)] == [SAMPLE_FILES[2].name]


def test_no_unit_to_own_the_decisions(db):
    with pytest.raises(importing.ImportRefused, match="no unit to own the decisions"):
        services.import_files([SEED])


def test_pdf_of_the_seed_updates_the_text_import(office):
    services.import_files([SEED])
    lines = SEED.read_text("utf-8").splitlines()
    pdf = SimpleUploadedFile(SEED.name.replace(".txt", ".pdf"), make_pdf([lines[:60], lines[60:]]))
    summary = services.import_files([pdf])
    assert (summary.created, summary.updated, summary.failed) == (0, 1, [])
    assert Decision.objects.get().source_format == "pdf"
    assert PlanLink.objects.count() == 0  # no plan in this test
