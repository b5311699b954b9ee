# The README's two commands are `make run` and `make test`; everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the tasks
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/activate

.PHONY: venv
venv: $(BIN)/activate ## Create .venv and install the pinned requirements

.PHONY: setup
setup: venv ## Everything `run` does but serving: migrate, load the lab's content, create the dev admin
	$(MANAGE) migrate --noinput
	$(MANAGE) import_content content/lab --if-empty
	$(MANAGE) ensure_dev_admin

.PHONY: run
run: setup ## Set up and serve the CMS (admin /admin/, API /graphql/, GraphiQL /graphiql/)
	@echo "CMS:      http://$(HOST):$(PORT)/admin/"
	@echo "GraphQL:  http://$(HOST):$(PORT)/graphql/   GraphiQL: http://$(HOST):$(PORT)/graphiql/"
	$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: test
test: venv ## Run the whole test suite (DATABASE_URL picks the database; SQLite by default)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) write_graphql_schema --check
	$(BIN)/pytest

.PHONY: schema
schema: venv ## Regenerate graphql_api/schema.graphql after a schema change
	$(MANAGE) write_graphql_schema

.PHONY: lint
lint: venv ## Format and lint with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
