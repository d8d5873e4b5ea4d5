# Two commands do all the set-up: `make run` serves the site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages install clean backup restore bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (set PYTHON=...).") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## Serve the site at http://127.0.0.1:8000/ with the journal's content and an admin account.
run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content --if-empty
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the linter, the migrations check and the whole test suite (SQLite unless DATABASE_URL is set).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=alliance.settings.test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Refresh the interface translations after changing interface text (needs GNU gettext).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale=zh_Hans --locale=en --ignore=.venv --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

## Back up the database and media into var/backups/ (BACKUP=file to choose the name).
backup: $(STAMP)
	$(BIN)/python manage.py backup $(if $(BACKUP),--output $(BACKUP))

## Restore a backup: make restore BACKUP=var/backups/observer-….tar.gz
restore: $(STAMP)
	@test -n "$(BACKUP)" || (echo "Say which backup: make restore BACKUP=path/to/file.tar.gz" && exit 2)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py restore $(BACKUP)

## Benchmark the pages under load, as production serves them, and print a table (needs wrk,
## PostgreSQL and Redis; see "Performance" in README.md). Takes about ten minutes.
bench: $(STAMP)
	$(BIN)/python bench/run.py
