"""Bad configuration stops start-up with one line that says what to set."""

import os
import subprocess
import sys

import pytest


def _start(home, **environment):
    """Start the command in an empty home, so that no key kept by `make run` is found."""
    dropped = ("SECRET_KEY", "DATABASE_URL", "DEBUG", "DJANGO_SETTINGS_MODULE", "TASKS_IMMEDIATE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(environment, CITYDIPLOMACY_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "citydiplomacy.cli", "manage", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key__refuses_with_one_line(tmp_path):
    result = _start(tmp_path, DEBUG="false")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "citydiplomacy: SECRET_KEY is not set: set SECRET_KEY (or SECRET_KEY_FILE), "
        "or DEBUG=true for development"
    ]


@pytest.mark.parametrize("url", ["nonsense", "mysqlx://host/db", "postgres//missing-colon"])
def test_wrong_database_url__refuses_with_one_line(url, tmp_path):
    result = _start(tmp_path, SECRET_KEY="x" * 50, DATABASE_URL=url)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("citydiplomacy: DATABASE_URL")


def test_secret_key_file__is_read(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("k" * 60)
    result = _start(tmp_path, SECRET_KEY_FILE=str(key_file), DEBUG="false")
    assert result.returncode == 0, result.stderr
