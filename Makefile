# The archive's two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run run-empty test lint install migrate clean reliability

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

migrate: install
	$(BIN)/python manage.py migrate --no-input

ADDRESS ?= 127.0.0.1:8000
SERVE := $(BIN)/python manage.py create_local_editor && \
	$(BIN)/python manage.py run_with_worker $(ADDRESS)

# Serves the archive on http://127.0.0.1:8000 with the sample archive loaded, and one
# background worker for imports and other jobs; Ctrl-C stops both. Feeds are polled only
# when asked (`manage.py poll_feeds`, or Poll now in the admin).
run: migrate
	$(BIN)/python manage.py load_sample --if-empty
	$(SERVE)

# The same without the sample: it is not loaded, and removed if it was (what an editor
# added stays). Then import your own news.
run-empty: migrate
	$(BIN)/python manage.py load_sample --remove
	$(SERVE)

lint: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# The whole suite, on SQLite, or on PostgreSQL when DATABASE_URL points there.
test: lint
	$(BIN)/pytest

# A throwaway PostgreSQL under load through a restart and an outage, and a killed import
# rerun (needs PostgreSQL's server programs; never touches the machine's own instance).
reliability: install
	$(BIN)/python manage.py reliability

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
