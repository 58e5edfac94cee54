# Ratusha: `make demo` serves the demo, `make test` runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip --disable-pip-version-check
RATUSHA := $(VENV)/bin/ratusha
PG_URL ?= postgres://ratusha:ratusha@127.0.0.1:5432/ratusha
PO := $(wildcard src/ratusha/locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)

.PHONY: demo test install install-dev lint test-sqlite test-postgres browser system-libs lock messages clean

demo: install system-libs $(MO)
	DJANGO_SETTINGS_MODULE=ratusha.settings.dev $(RATUSHA) run-demo

test: install-dev $(MO) system-libs browser lint test-sqlite test-postgres

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null || { echo "Ratusha needs $(PYTHON) (Python >= 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python requirements.lock pyproject.toml
	$(PIP) install -q -r requirements.lock
	$(PIP) install -q --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PIP) install -q -r requirements-dev.lock
	touch $@

# Compiled catalogues are built here, never committed.
src/ratusha/locale/%/LC_MESSAGES/django.mo: src/ratusha/locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) -m ratusha.i18n_compile $<

# PDF reports need Pango and a Cyrillic font (weasyprint); tests look at PDF pages with pdftoppm.
system-libs:
	@if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || ! command -v pdftoppm >/dev/null \
	    || ! fc-list 2>/dev/null | grep -q 'DejaVuSans.ttf'; then \
	  echo "Installing Debian's Pango, DejaVu fonts and poppler-utils for PDF reports"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig poppler-utils >/dev/null; fi

# Browser tests drive Debian's chromium (never a downloaded browser).
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: install-dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test-sqlite: install-dev $(MO)
	env -u DATABASE_URL $(VENV)/bin/pytest

# Runs the suite again on PostgreSQL when it is reachable (DATABASE_URL or the local cluster).
test-postgres: install-dev $(MO)
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(PY) -c "import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$$url" 2>/dev/null; then \
	  echo "== pytest on PostgreSQL"; DATABASE_URL="$$url" $(VENV)/bin/pytest; \
	else echo "== PostgreSQL is not reachable at $$url: the PostgreSQL run is skipped"; fi

# Regenerate the lock files after changing pyproject.toml.
lock: $(VENV)/.installed-dev
	$(VENV)/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --extra postgres -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --extra postgres --extra dev -o requirements-dev.lock pyproject.toml

# Refresh the translation catalogues from the source (needs GNU gettext).
messages: install
	cd src/ratusha && ../../$(RATUSHA) makemessages -l be -l ru -l en --no-obsolete --no-location

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
