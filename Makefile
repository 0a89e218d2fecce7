# The two commands: `make run` (set up and start the demo) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8000

.PHONY: run serve test test-postgres e2e bench lint format messages install clean

$(BIN)/.installed: requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements/dev.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

install: $(BIN)/.installed

run: install
	PORT=$(PORT) $(BIN)/citydiplomacy run

serve: install
	$(BIN)/citydiplomacy serve

test: install
	$(BIN)/pytest -m "not e2e" -n 2 -q

e2e: install
	@command -v chromium >/dev/null || { echo "Browser tests need Debian's chromium: apt-get install chromium"; exit 1; }
	$(BIN)/pytest -m e2e -q -p no:xdist

bench: install
	$(BIN)/python bench/run.py $(BENCH)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the translation catalogues (needs GNU gettext) and compile them.
messages: install
	cd src/citydiplomacy && DEBUG=true ../../$(BIN)/django-admin makemessages --settings=citydiplomacy.settings -l fi -l sv --no-obsolete --no-wrap --ignore "static/vendor/*"
	cd src/citydiplomacy && DEBUG=true ../../$(BIN)/django-admin compilemessages --settings=citydiplomacy.settings

clean:
	rm -rf $(VENV) var
