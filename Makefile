# The README's two commands are `make run` and `make test`; everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# `make run` serves on these; every base URL the CMS and the frontend need is derived from them (README, "Run").
HOST ?= 127.0.0.1
PORT ?= 8000
FRONTEND_PORT ?= 3000
CMS_URL = http://$(HOST):$(PORT)
FRONTEND_URL = http://$(HOST):$(FRONTEND_PORT)
RUN_ENV = WAGTAILADMIN_BASE_URL=$(CMS_URL) FRONTEND_BASE_URL=$(FRONTEND_URL) \
	ALLOWED_HOSTS="$(HOST),localhost,127.0.0.1,[::1]"
FRONTEND_RUN_ENV = CMS_GRAPHQL_URL=$(CMS_URL)/graphql/

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the tasks
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

.PHONY: venv
venv: $(BIN)/activate ## Create .venv and install the pinned requirements (production + development)

.PHONY: setup
setup: venv ## Everything `run` does but serving: migrate, load the lab's content, create the dev admin
	$(MANAGE) migrate --noinput
	$(MANAGE) import_content content/lab --if-empty
	$(MANAGE) ensure_dev_admin

HAVE_NPM := $(shell command -v npm 2>/dev/null)

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

.PHONY: frontend-install
frontend-install: frontend/node_modules/.package-lock.json ## Install the reference frontend's locked npm packages

.PHONY: frontend-check
frontend-check: ## Type-check the reference frontend against graphql_api/schema.graphql, then build it
ifeq ($(HAVE_NPM),)
	@if [ -n "$$CI" ]; then echo "npm is required in CI to check the frontend"; exit 1; fi
	@echo "SKIPPED: the frontend check needs Node.js and npm, which are not on PATH."
else
	$(MAKE) frontend-install
	cd frontend && npm test && npm run typecheck && npm run build
endif

.PHONY: run
run: setup ## Set up and serve the CMS, the reference frontend and the task worker (scheduled publishing, webhooks)
	@echo "CMS admin: $(CMS_URL)/admin/   GraphQL: $(CMS_URL)/graphql/   GraphiQL: $(CMS_URL)/graphiql/"
	@echo "Worker:    scheduled publishing every minute, webhook deliveries (manage.py run_worker)"
ifeq ($(HAVE_NPM),)
	@echo "Frontend:  not started (Node.js and npm are not on PATH)"
	$(RUN_ENV) $(MANAGE) run_worker & \
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)
else
	$(MAKE) frontend-install
	@echo "Frontend:  $(FRONTEND_URL)/"
	$(RUN_ENV) $(MANAGE) run_worker & \
	(cd frontend && $(FRONTEND_RUN_ENV) npm run dev -- -H $(HOST) -p $(FRONTEND_PORT)) & \
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)
endif

.PHONY: run-env
run-env: ## Print the environment `make run` gives the CMS and the frontend (the e2e tests start theirs with it)
	@printf 'cms %s\n' $(RUN_ENV)
	@printf 'frontend %s\n' $(FRONTEND_RUN_ENV)

.PHONY: test
test: test-backend frontend-check ## Run the whole test suite: lint, checks, pytest, and the frontend's type check and build

.PHONY: test-backend
test-backend: venv ## Lint, migration and schema-file checks, and pytest (DATABASE_URL picks the database)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) write_graphql_schema --check
	$(BIN)/pytest
	$(BIN)/pytest --ds=tests.extension.settings tests/extension  # a content type added by an app alone

.PHONY: test-e2e
test-e2e: venv frontend-install ## The editor's path in a real browser (Debian's Chromium): admin, preview, publish, share
	$(BIN)/pytest -m e2e tests/e2e

# An existing .venv (also a symlink to another checkout's) is used as it is: a fresh clone's requirements files look
# newer than it, which would make `venv` rebuild it in place. Only a missing one is created.
.PHONY: bench
bench: ## Load benchmark on PostgreSQL and Redis with gunicorn and wrk (about 10 minutes; see docs/benchmark.md)
	@test -x $(BIN)/python || $(MAKE) venv
	$(BIN)/python bench/run.py $(BENCH_ARGS)

.PHONY: schema
schema: venv ## Regenerate graphql_api/schema.graphql after a schema change
	$(MANAGE) write_graphql_schema

.PHONY: lint
lint: venv ## Format and lint with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

.PHONY: demo
demo: setup ## Load the sample content (content/demo: every block type) on top of the lab's; marked as samples
	$(MANAGE) import_content content/demo --samples
