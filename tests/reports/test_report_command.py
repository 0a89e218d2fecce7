"""``citydiplomacy report follow-up …`` writes the demo plan's report; every error is one line
on stderr and exit status 2, and nothing is written."""

import pytest
from django.core.management import CommandError, call_command

from citydiplomacy.core.models import Visibility
from citydiplomacy.demo import loader
from citydiplomacy.reports import cli
from tests.factories import PlanFactory

from .conftest import docx_text, open_docx, pdf_text, squashed

pytestmark = pytest.mark.usefixtures("plan_sections_only")


@pytest.fixture
def demo_plan(db):
    loader.load_demo()
    return loader.load_seed_plan()  # idempotent: the seed plan the demo loaded


def _run(capsys, *args):
    code = cli.main(["follow-up", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_command__pdf_contains_every_objective_title(demo_plan, tmp_path, capsys):
    out = tmp_path / "report.pdf"

    code, stdout, _err = _run(
        capsys, "--plan", demo_plan.pk, "--lang", "fi", "--format", "pdf", "--out", out
    )

    assert code == 0
    assert str(out) in stdout
    text = squashed(pdf_text(out.read_bytes()))
    objectives = list(demo_plan.objectives.all())
    assert len(objectives) == 7
    for objective in objectives:
        assert squashed(objective.title_fi) in text
    assert squashed("Kaupunginhallituksen elinkeinojaosto") in text


def test_command__docx_opens_with_python_docx(demo_plan, tmp_path, capsys):
    out = tmp_path / "report.docx"

    code, _out, _err = _run(
        capsys,
        "--plan",
        demo_plan.pk,
        "--lang",
        "sv",
        "--format",
        "docx",
        "--out",
        out,
        "--start",
        "2019-01-01",
        "--end",
        "2019-12-31",
    )

    assert code == 0
    document = open_docx(out.read_bytes())
    assert document.inline_shapes  # the charts
    text = docx_text(out.read_bytes())
    for objective in demo_plan.objectives.all():
        assert objective.title_sv in text
    assert "2019-01-01–2019-12-31" in text


def test_command__html_is_the_pdf_source(demo_plan, tmp_path, capsys):
    out = tmp_path / "report.html"

    code, _out, _err = _run(
        capsys, "--plan", demo_plan.pk, "--lang", "en", "--format", "html", "--out", out
    )

    assert code == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.fixture
def internal_plan(units):
    return PlanFactory(unit=units["a"], visibility=Visibility.INTERNAL, start_year=2020)


def test_command__internal_plan_needs_a_user_who_may_see_it(internal_plan, users, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    args = ["--plan", internal_plan.pk, "--lang", "fi", "--format", "docx", "--out", out]

    public_code, _out, error = _run(capsys, *args)
    user_code, _out, _err = _run(capsys, *args, "--user", "viewer")

    assert public_code == 2
    assert "give --user" in error
    assert user_code == 0
    assert out.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--plan": "999999"}, "no plan 999999"),
        ({"--lang": "de"}, "argument --lang: invalid choice: 'de'"),
        ({"--format": "odt"}, "argument --format: invalid choice"),
        ({"--start": "2020-13-01"}, "not a date (YYYY-MM-DD): '2020-13-01'"),
        ({"--start": "2021-02-01", "--end": "2021-01-01"}, "ends (2021-01-01) before it starts"),
        ({"--out": "/nonexistent-directory/report.pdf"}, "no directory /nonexistent-directory"),
        ({"--out": "{tmp}"}, "it is a directory"),
        ({"--user": "nobody"}, "no active user 'nobody'"),
    ],
)
def test_command__error_is_one_line_exit_2(internal_plan, users, tmp_path, capsys, change, message):
    options = {
        "--plan": internal_plan.pk,
        "--lang": "fi",
        "--format": "pdf",
        "--out": tmp_path / "report.pdf",
        "--user": "coordinator",
        **change,
    }
    args = [
        str(value).replace("{tmp}", str(tmp_path)) for pair in options.items() for value in pair
    ]

    code, stdout, stderr = _run(capsys, *args)

    assert code == 2
    assert message in stderr
    assert stderr.count("\n") == 1 and stderr.startswith("citydiplomacy report: error: ")
    assert stdout == ""
    assert not (tmp_path / "report.pdf").exists()


def test_command__no_report_named(capsys):
    assert cli.main([]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_management_command__writes_the_same_report(internal_plan, users, tmp_path):
    out = tmp_path / "report.docx"

    call_command(
        "report",
        "follow-up",
        "--plan",
        str(internal_plan.pk),
        "--lang",
        "en",
        "--format",
        "docx",
        "--out",
        str(out),
        "--user",
        "coordinator",
    )

    assert open_docx(out.read_bytes()).core_properties.language == "en-GB"


def test_management_command__error_exit_status_2(internal_plan, tmp_path):
    with pytest.raises(CommandError, match="give --user") as caught:
        call_command(
            "report",
            "follow-up",
            "--plan",
            str(internal_plan.pk),
            "--lang",
            "en",
            "--format",
            "pdf",
            "--out",
            str(tmp_path / "r.pdf"),
        )
    assert caught.value.returncode == 2
