"""The command line: ``decisions parse FILE [--format F] [--json]``."""

import io
import json
import os
import subprocess
import sys

from citydiplomacy.decisions.parser import parse
from citydiplomacy.decisions.parser.cli import main
from tests.decisions.ahjo_fixtures import DATA, REPO, SEED

VOTE_SAMPLE = DATA / "samples" / "08_fi_kvsto_2025-10-22_s255_valtuustoaloite_aanestys.txt"


def test_json_output_is_the_record(capsys):
    assert main([str(SEED), "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == parse(SEED)
    assert "kansainvälisen" in out  # ensure_ascii=False
    assert out.startswith('{\n  "section": 11,')  # indent 2


def test_summary_output(capsys):
    assert main([str(VOTE_SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("§ 255 Valtuutettu Nita Austeron aloite")
    assert "HEL 2025-005266 · T 00 00 03 · fi · minutes_section" in out
    assert "Decision (approved): Kaupunginvaltuusto katsoi aloitteen" in out
    assert "Votes: 62 yes, 1 no, 18 blank, 4 absent" in out
    assert "Contacts: Jan Ihatsu (kaupunginsihteeri) 09 310 36276 jan.ihatsu@hel.fi" in out


def test_format_option(capsys):
    raw = DATA / "raw" / "12_fi_khs_2021-12-13_s944_aloite_pinkki_turismi_poydalle.json"
    assert main([str(raw), "--format", "json", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["decision_type"] == "tabled"


def test_parse_error_is_one_line_on_stderr(capsys, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj trailer <<>>")
    assert main([str(broken), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: ")


def test_missing_file_and_bad_arguments(capsys):
    assert main(["no/such/file.txt"]) == 2
    assert capsys.readouterr().err == "error: file not found: no/such/file.txt\n"
    assert main(["--format", "docx", str(SEED)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: argument --format: invalid choice") and err.count("\n") == 1
    assert main(["--help"]) == 0


def test_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    assert main(["-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["section"] == 11


def test_size_limit_option(capsys):
    assert main([str(SEED), "--max-bytes", "1000"]) == 2
    assert "too large" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    done = subprocess.run(
        [sys.executable, "-m", "citydiplomacy.decisions.parser", str(SEED), "--json"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["diary_number"] == "HEL 2017-010458"
