"""`citydiplomacy decisions import FILES…` and the management command behind it."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from citydiplomacy.decisions import cli
from citydiplomacy.decisions.models import Decision

from .conftest import SAMPLES, SEED


def test_command__summary_and_one_line_per_failure(office, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as error:
        call_command("decisions_import", str(SEED), str(empty), str(tmp_path / "missing.txt"))
    out, err = capsys.readouterr()
    assert out == "created 1, updated 0, failed 2\n"
    assert err.splitlines() == [
        "empty.txt: empty input: nothing to parse",
        "missing.txt: file not found: missing.txt",
    ]
    assert error.value.returncode == 1
    assert Decision.objects.get().unit == office


def test_command__unit_option(units, capsys):
    call_command("decisions_import", str(SEED), "--unit", "division-b")
    assert Decision.objects.get().unit == units["b"]
    with pytest.raises(CommandError, match="no unit with the code 'nowhere'"):
        call_command("decisions_import", str(SEED), "--unit", "nowhere")


def test_cli_main__exit_codes(office, tmp_path, capsys):
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    assert cli.main([str(SEED), str(sample)]) == 0
    assert capsys.readouterr().out == "created 2, updated 0, failed 0\n"
    assert cli.main([str(SEED), str(tmp_path / "nothing.txt")]) == 1
    out, err = capsys.readouterr()
    assert out == "created 0, updated 1, failed 1\n"
    assert err == "nothing.txt: file not found: nothing.txt\n"
    assert cli.main([]) == 2
