# 文明实践公示 — two commands: `make site` and `make test` (see README).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed

.PHONY: site serve test lint validate schemas clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_INSTALLED): pyproject.toml $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Build the demo county into site/
site: $(INSTALLED)
	$(BIN)/mkdocs build --strict
	@echo ""
	@echo "网站已生成：在浏览器中打开 $(CURDIR)/site/index.html"

## Live preview at http://127.0.0.1:8000/
serve: $(INSTALLED)
	$(BIN)/mkdocs serve

## Check the content only, listing every problem
validate: $(INSTALLED)
	$(BIN)/python -m site_plugins validate content

## Rewrite the JSON Schemas in site_plugins/schemas/ from the model
schemas: $(INSTALLED)
	$(BIN)/python -m site_plugins.practice.schemas

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check site_plugins scripts tests
	$(BIN)/ruff format --check site_plugins scripts tests
	$(BIN)/mypy

## Install test needs and run every test
test: $(TEST_INSTALLED)
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

clean:
	rm -rf site .cache
