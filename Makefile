# 文明实践公示 — two commands: `make site` and `make test` (see README).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed

.PHONY: site serve test lint validate schemas clean city

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# Browser tests drive Debian's Chromium through Playwright (never `playwright install`:
# browser downloads are blocked). Order-only: apt runs only while a file is missing.
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# pdfinfo/pdftoppm (poppler-utils) count and render the pages of printed PDFs.
PDFINFO := /usr/bin/pdfinfo
# Java runs the W3C Nu HTML checker (tests/test_html_valid.py).
JAVA := /usr/bin/java

$(TEST_INSTALLED): pyproject.toml $(INSTALLED) | $(CHROMIUM) $(CJK_FONT) $(PDFINFO) $(JAVA)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(CHROMIUM) $(CJK_FONT) $(PDFINFO) $(JAVA):
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "make: $@ is missing and this is not root: as root, run" >&2; \
	  echo "      apt-get update && apt-get install chromium chromium-l10n fonts-noto-cjk poppler-utils openjdk-17-jre-headless" >&2; \
	  echo "      (until then the browser tests are skipped; under CI they fail)" >&2; \
	else \
	  echo "Installing Debian packages chromium chromium-l10n fonts-noto-cjk poppler-utils openjdk-17-jre-headless for the browser and HTML tests"; \
	  log=$$(mktemp); \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends chromium chromium-l10n fonts-noto-cjk poppler-utils openjdk-17-jre-headless; } >"$$log" 2>&1 \
	    || { cat "$$log" >&2; rm -f "$$log"; exit 1; }; \
	  rm -f "$$log"; \
	fi

## Build the demo county into site/
site: $(INSTALLED)
	$(BIN)/mkdocs build --strict
	@echo ""
	@echo "网站已生成到 site/。请运行下面的命令，再在浏览器中打开 http://127.0.0.1:8000/ （要双击 index.html 离线浏览，请运行 make kiosk）："
	@echo "  $(BIN)/python -m http.server --directory site 8000"

## An offline copy in kiosk/ that works from disk (USB stick, kiosk): open kiosk/index.html
.PHONY: kiosk
kiosk: $(INSTALLED)
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m site_plugins kiosk --site site --out kiosk

## Live preview at http://127.0.0.1:8000/
# --dirty: each rebuild redraws only the pages whose content changed (site_plugins/incremental);
# a change to county.yml, the themes, mkdocs.yml or the templates rebuilds everything.
serve: $(INSTALLED)
	$(BIN)/mkdocs serve --dirty

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

# The W3C Nu checker for tests/test_html_valid.py: 30 MB, so fetched (pinned, checked) rather
# than committed; scripts/vendor_vnu.py. Java 17 comes from Debian.
VNU_JAR := tests/vendor/vnu/vnu.jar
$(VNU_JAR): tests/vendor/vnu/VERSION.json | $(BIN)/python
	$(BIN)/python scripts/vendor_vnu.py
	touch $@

## Install test needs and run every test
# Three workers (pytest-xdist) on the 2-core machines this runs on: with two, the cores sat
# half idle while workers waited on Chromium, builds and subprocesses (1.1 cores busy on
# average); the demo is built once for all workers, and tests/conftest.py schedules the
# files (loadfile, in its own cost order; the browser sweep test by test, last).
# pytest's status 5 means it collected no test: a run that tested nothing fails, loudly.
test: $(TEST_INSTALLED) $(VNU_JAR)
	$(MAKE) --no-print-directory lint
	@status=0; $(BIN)/python -m pytest -n 3 --dist loadfile || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; \
	exit $$status

clean:
	rm -rf site kiosk .cache

## Print one month's 通报 and notice-board sheets as PDFs: make print MONTH=2026-06 [SIZE=a3|both]
# Chromium and the CJK fonts come from Debian (installed as root by the rule above; the
# command itself checks them and says in Chinese what is missing); Playwright from PyPI.
PRINT_INSTALLED := $(VENV)/.print-installed
.PHONY: print
$(PRINT_INSTALLED): pyproject.toml $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[print]'
	touch $@
print: $(PRINT_INSTALLED) | $(CHROMIUM) $(CJK_FONT)
	$(BIN)/python -m site_plugins print $(if $(MONTH),--month $(MONTH)) $(if $(SIZE),--size $(SIZE)) --out print

## Regenerate .github/, .gitlab/ and .gitea/CODEOWNERS from county.yml editors and station maintainers
.PHONY: codeowners
codeowners: $(INSTALLED)
	$(BIN)/python -m site_plugins codeowners

## New content by answering questions in Chinese: make activity / make honoree [UNIT=centre|liuhe|liuhe/hexi]
# (STATION=liuhe/hexi, the older name, still works.)
# Flags pass through ARGS, e.g. make activity ARGS="--dry-run".
.PHONY: activity honoree plan
# make plan UNIT=centre (or a township folder, or township/village): a 活动预告 for any unit.
plan: $(INSTALLED)
	$(BIN)/python scripts/new_plan.py $(if $(UNIT),--unit $(UNIT))$(if $(STATION), --unit $(STATION)) $(ARGS)
activity: $(INSTALLED)
	$(BIN)/python scripts/new_activity.py $(if $(UNIT),--unit $(UNIT))$(if $(STATION), --station $(STATION)) $(ARGS)
honoree: $(INSTALLED)
	$(BIN)/python scripts/new_honoree.py $(if $(UNIT),--unit $(UNIT))$(if $(STATION), --station $(STATION)) $(ARGS)

## The city portal demo: three small synthetic counties, their open-data exports, and the
## city's site built from the exports alone into site-city/ (see README, 市级平台).
CITY_WORK := build/city
city: $(INSTALLED)
	$(BIN)/python scripts/make_city.py --work $(CITY_WORK) --exports city/exports
	$(BIN)/mkdocs build --strict -f mkdocs.city.yml
	@echo "市级平台已生成到 site-city/：$(BIN)/python -m http.server --directory site-city 8001"

## A menu item or a 四单 order of any unit: make menu / make order [UNIT=centre|qingshi|qingshi/zhangzhuang]
.PHONY: menu order
menu order: $(INSTALLED)
	$(BIN)/python -m site_plugins $@ $(if $(UNIT),--unit $(UNIT)) $(ARGS)
