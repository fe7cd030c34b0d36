# Kring: `make demo` and `make test` are the whole set-up (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KRING := $(BIN)/kring
STAMP := $(VENV)/.installed
PORT ?= 8000
# A local PostgreSQL for the second test run; CI has one on 127.0.0.1:5432 with trust auth.
KRING_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/kring
# The suite runs in parallel, one worker per core (pytest-xdist); a test file stays on one worker.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile


.PHONY: install demo test test-sqlite test-postgres lint messages makemessages bench bench-dashboard bench-drop loadtest clean

install: $(STAMP) messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Kring needs Python 3.11 or newer.")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Compiles locale/*/LC_MESSAGES/django.po to .mo (needs GNU gettext's msgfmt).
messages: $(STAMP)
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: install GNU gettext (apt-get install gettext)"; exit 1; }
	@cd kring && KRING_DEBUG=1 ../$(BIN)/django-admin compilemessages --settings=kring.settings --verbosity 0

# Extracts the UI strings (Dutch source) into the English catalogue. (locale/nl holds only Kring's plainer
# Dutch for some of Django's own messages, edited by hand.)
makemessages: $(STAMP)
	cd kring && KRING_DEBUG=1 ../$(BIN)/django-admin makemessages --settings=kring.settings -l en --no-obsolete --no-location

demo: install
	$(KRING) demo --port $(PORT)

test: install
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	$(BIN)/ruff check .
	KRING_DEBUG=1 $(KRING) makemigrations --check --dry-run
	$(PYTEST)

# Runs the suite again on PostgreSQL. Skips with a reason when none answers, except in CI (CI=true).
test-postgres: install
	@if $(BIN)/python -m kring.dbcheck "$(KRING_TEST_POSTGRES_URL)"; then \
		KRING_DATABASE_URL="$(KRING_TEST_POSTGRES_URL)" $(PYTEST) -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is required in CI but does not answer at $(KRING_TEST_POSTGRES_URL)"; exit 1; \
	else \
		echo "SKIPPED the PostgreSQL run: no PostgreSQL answers at $(KRING_TEST_POSTGRES_URL)"; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The benchmark tables (docs/performance.md). Seeds 1,000 and 60,000 clients on SQLite and PostgreSQL once
# (kept in $(BENCH_DIR) and the kring_bench_* databases; `make bench-drop` throws them away).
BENCH_DIR ?= /tmp/kring-bench
BENCH_ARGS ?=
bench: install
	KRING_DEBUG=1 $(BIN)/python -m bench --folder $(BENCH_DIR) $(BENCH_ARGS)

# The dashboards at 1,000 and 50,000 clients (seeded like `make bench`; the databases are kept).
bench-dashboard: install
	KRING_DEBUG=1 $(BIN)/python -m bench.dashboard --folder $(BENCH_DIR) $(BENCH_ARGS)

bench-drop: install
	$(BIN)/python -m bench.pages drop --folder $(BENCH_DIR)

# Fifty simulated workers for two minutes against gunicorn on PostgreSQL with 60,000 seeded clients.
loadtest: install
	$(BIN)/python -m loadtest --folder $(BENCH_DIR)

clean:
	rm -rf $(VENV) var test-artifacts
