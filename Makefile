# The two commands a newcomer needs are `make run` and `make test`; `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
TEMPLATE_DIRS := cms_site involvement_pages forms importers

.DEFAULT_GOAL := help
.PHONY: help run test test-lowest lint format check pytest demo bench messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[demo,worker,test]"
	touch $(STAMP)

node_modules/axe-core/axe.min.js: package.json
	@if command -v npm >/dev/null; then npm install --no-audit --no-fund --silent; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

run: $(STAMP) ## Build the venv, migrate, load the demo site and serve it on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

demo: $(STAMP) ## Migrate and (re)load the demo site without serving it
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

check: $(STAMP) ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=cms_site.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms_site.settings.test $(PY) manage.py makemigrations --check --dry-run

lint: $(STAMP) ## ruff and djhtml checks, through pre-commit (.pre-commit-config.yaml)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/pre-commit run --all-files

format: $(STAMP) ## Apply ruff's fixes and formatting, and djhtml's template indentation
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $(TEMPLATE_DIRS)

pytest: $(STAMP) node_modules/axe-core/axe.min.js ## Run the test suite only
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: check lint pytest ## Build the venv and run checks, lint and the whole suite

test-lowest: $(STAMP) node_modules/axe-core/axe.min.js ## The suite on the lowest Wagtail and Django we support (nox, .nox/lowest)
	$(VENV)/bin/nox -s lowest -- $(PYTEST_ARGS)

bench: $(STAMP) ## Run every benchmark under bench/
	for script in bench/*.py; do $(PY) $$script || exit 1; done

# One catalogue per plugin app, each from its own folder so it holds only that app's strings
# (the core app leaves out its sub-apps). Needs GNU gettext: apt-get install gettext.
SUB_APPS := calendar panels grants scrutiny action_plans outcomes consultations expenses budget dashboard
MESSAGE_APPS := $(addprefix involvement_pages/,$(SUB_APPS)) forms importers
DJANGO_ADMIN := $(CURDIR)/$(VENV)/bin/django-admin

messages: $(STAMP) ## Extract every plugin app's strings into its locale/cy/ for Welsh translators
	cd involvement_pages && mkdir -p locale && $(DJANGO_ADMIN) makemessages -l cy \
		$(foreach app,$(SUB_APPS),--ignore '$(app)/*') --ignore 'migrations/*'
	for app in $(MESSAGE_APPS); do \
		(cd $$app && mkdir -p locale && $(DJANGO_ADMIN) makemessages -l cy --ignore 'migrations/*') || exit 1; \
	done

clean: ## Remove the venvs, the demo database and installed node modules
	rm -rf $(VENV) .nox node_modules db.sqlite3 media static
