# Waakhond: `make run` starts the product on SQLite with demo data; `make test` runs all tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
APPS := $(wildcard src/waakhond/*/locale)

.PHONY: run test test-sqlite test-postgres lint worker bench messages install clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) compiled-messages

compiled-messages: $(STAMP)
	@for dir in src/locale $(APPS); do \
	  if [ -d $$dir ]; then (cd $$dir/.. && $(CURDIR)/$(BIN)/django-admin compilemessages --ignore=.venv >/dev/null) || exit 1; fi; \
	done

run: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/waakhond manage migrate --no-input -v 0
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/waakhond manage load_demo
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/waakhond manage index_pending
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/waakhond manage runserver 127.0.0.1:$(PORT)

worker: install
	WAAKHOND_TASKS=database $(BIN)/waakhond manage triage_pending
	WAAKHOND_TASKS=database $(BIN)/waakhond manage index_pending
	WAAKHOND_TASKS=database $(BIN)/waakhond manage db_worker

# The whole suite on SQLite, then on PostgreSQL when DATABASE_URL or the local server is there.
test: install
	$(BIN)/lint-imports --no-cache
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: install
	DATABASE_URL= $(BIN)/pytest -q -p no:cacheprovider

test-postgres: install
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench
	$(BIN)/lint-imports --no-cache

bench: install
	$(BIN)/python bench/triage_speed.py
	$(BIN)/python bench/intake_load.py

messages: install
	@for dir in src/locale $(APPS); do \
	  (cd $$dir/.. && $(CURDIR)/$(BIN)/django-admin makemessages -l en --ignore=tests --no-obsolete >/dev/null); \
	done

clean:
	rm -rf $(VENV) var/
