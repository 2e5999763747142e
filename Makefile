# kechuang-eval: run `make` (or `make help`) to list the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DATA   ?=
OUT    ?=
FIGURES ?=
MAP    ?=
PROGRAMME ?=
PERIOD ?=
JOBS   ?=
SEEDS  ?=

.PHONY: help setup fonts report test test-fast lint format notebooks-sync clean bench bench-quick

help: ## list the targets
	@echo "kechuang-eval — technology-transfer programme evaluation (科技成果转化评估)"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) fonts ## create .venv, install the package with its test tools, check for a CJK font

fonts: ## check for a CJK font (installs fonts-noto-cjk when root with apt-get)
	@if [ "$$(uname -s)" != Linux ]; then \
	  echo "fonts: not Linux; the figures use Microsoft YaHei/SimHei (Windows) or PingFang SC (macOS)"; \
	elif command -v fc-list >/dev/null && [ -n "$$(fc-list :lang=zh family 2>/dev/null)" ]; then \
	  echo "fonts: CJK font found ($$(fc-list :lang=zh family | head -n 1))"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "fonts: no CJK font; installing fonts-noto-cjk with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk; \
	else \
	  echo "fonts: no CJK font found. Chinese labels will not render until you install one:"; \
	  echo "  Debian/Ubuntu: sudo apt-get install fonts-noto-cjk"; \
	  echo "  Fedora:        sudo dnf install google-noto-sans-cjk-fonts"; \
	  echo "  Arch:          sudo pacman -S noto-fonts-cjk"; \
	fi

report: setup ## run the main job on the bundled data (DATA=ledger.xlsx OUT=dir [FIGURES= MAP= PROGRAMME= PERIOD= JOBS= SEEDS=1])
	$(PY) -m analysis report $(if $(DATA),--data "$(DATA)") $(if $(OUT),--out "$(OUT)") \
	  $(if $(FIGURES),--figures "$(FIGURES)") \
	  $(if $(MAP),--map "$(MAP)") $(if $(PROGRAMME),--programme "$(PROGRAMME)") \
	  $(if $(PERIOD),--period "$(PERIOD)") $(if $(JOBS),--jobs $(JOBS)) $(if $(SEEDS),--seeds)

test: setup lint ## lint, then run every test (unit, doctest, notebooks)
	$(PY) -m pytest -q -n 2
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then \
	  ANALYSIS_FIGURES=$$(mktemp -d) ANALYSIS_REPORTS=$$(mktemp -d) \
	  $(PY) -m pytest -q -p no:randomly --nbval-lax --nbval-sanitize-with notebooks/sanitize.cfg notebooks; \
	fi

test-fast: $(STAMP) ## run the unit tests only, without notebooks
	$(PY) -m pytest -q -n 2

lint: $(STAMP) ## ruff check and format check, and the layer contracts (lint-imports)
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts
	$(VENV)/bin/lint-imports

format: $(STAMP) ## apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix src tests benchmarks scripts
	$(VENV)/bin/ruff format src tests benchmarks scripts

notebooks-sync: $(STAMP) ## after editing notebooks/*.py: update the .ipynb pairs and their stored outputs
	$(VENV)/bin/jupytext --sync notebooks/[0-9][0-9]_*.py
	ANALYSIS_FIGURES=$$(mktemp -d) ANALYSIS_REPORTS=$$(mktemp -d) \
	  $(PY) -c "from analysis.report import refresh_notebooks; refresh_notebooks()"

bench: $(STAMP) ## scale benchmark: 1M/10M rows vs DuckDB, 200k-row xlsx vs openpyxl, memory (~10 min)
	$(PY) benchmarks/run.py

bench-quick: $(STAMP) ## scale benchmark at 100k/1M rows and a 20k-row xlsx (under a minute)
	$(PY) benchmarks/run.py --quick

clean: ## remove the virtual environment, caches and reports/
	rm -rf $(VENV) reports .pytest_cache .ruff_cache .hypothesis build dist src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
