# The course's commands. Quick start: `make book` (the website in _build/html), `make test`.
#
#   make venv              create .venv (if missing) and install goconc with the book and dev
#                          extras; reinstalls only when pyproject.toml changed
#   make book              vendor the widget/MathJax JavaScript, then build the website from a
#                          clean _build/ with warnings as errors (executes every notebook)
#   make book-nosolutions  the same website without exercise solutions: _build/html-nosolutions
#   make test              ruff, mypy --strict (goconc and the Go twins), the library tests on
#                          every other CPython 3.11+ found, pytest (tests/ + nbval on
#                          chapters/*.ipynb + the browser tests of the built site, which
#                          `make test` builds first, and goconc's tests inside Pyodide)
#   make test-pythons      the library tests (tests/ without book and browser) on every other
#                          CPython 3.11-3.14 on this machine, each in .venvs/pyX.Y
#   make bench             python -m bench (on its first run it sets up .venvs/bench-pyX.Y, the
#                          newest Python that runloom installs on)
#   make clean             remove _build/ and caches (keeps .venv)
#   make repository URL=https://github.com/you/your-fork
#                          a fork's home: sets repository.url in _config.yml (the Binder,
#                          Colab and repository buttons) and the install line of every
#                          chapter's setup cell (book/setup_cell.py)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium

# Python playwright drives Debian's Chromium; it must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

JB_FLAGS := -W -n --keep-going
# Pythons that `make test-pythons` tests at once (`make test` runs one at a time, beside the rest).
MATRIX_JOBS ?= 2

.PHONY: help venv vendor book book-nosolutions test test-main test-pythons lint typecheck pytest \
        chromium npm bench clean repository

help:
	@sed -n '1,21p' Makefile | sed 's/^# \{0,1\}//'

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[book,dev]'
	$(BIN)/python -m pip check
	@touch $@

# npm fetches the widget manager, require.js and MathJax tarballs (book/vendor.py).
npm:
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm; }

vendor: venv npm
	$(BIN)/python book/vendor.py

book: vendor
	rm -rf _build
	$(BIN)/jupyter-book build $(JB_FLAGS) .
	@echo "Website: $(CURDIR)/_build/html/index.html"

book-nosolutions: vendor
	rm -rf _build/nosolutions _build/html-nosolutions
	GOCONC_HIDE_SOLUTIONS=1 $(BIN)/jupyter-book build $(JB_FLAGS) --path-output _build/nosolutions .
	mv _build/nosolutions/_build/html _build/html-nosolutions
	rm -rf _build/nosolutions
	@echo "Website without solutions: $(CURDIR)/_build/html-nosolutions/index.html"

chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

lint: venv
	$(BIN)/ruff check goconc tests bench book

# The Go twins are checked as a user's programs would be: against goconc's types, without
# goconc's own errors (follow-imports=silent). `misc` is off for them because of one idiom,
# `raise ctx.err()` (Go's `return ctx.Err()`): err() is None until ctx is done, which mypy
# cannot know.
typecheck: venv
	$(BIN)/mypy --strict goconc
	MYPYPATH=tests/go $(BIN)/mypy --strict --explicit-package-bases --follow-imports silent \
	  --disable-error-code misc tests/go/gofmt.py tests/go/runtwin.py tests/go/*/main.py

# nbval runs every notebook in chapters/ (if there is one); tests/ holds the rest, including
# tests/test_site_browser.py, which loads every page of _build/html in Chromium.
pytest: venv chromium
	$(BIN)/python -m pytest tests $(if $(wildcard chapters/*.ipynb),--nbval chapters)

# goconc's own tests on the other Pythons: tests/matrix.py finds them (PATH, pyenv's versions/)
# and keeps a venv of each in .venvs/ (git-ignored).
test-pythons: venv
	$(BIN)/python tests/matrix.py --jobs $(MATRIX_JOBS)

# The browser test needs the built site, so `make test` builds the book first. Every step
# runs even if an earlier one failed (make -k); the exit code is non-zero if any failed.
# The other Pythons' library tests run beside that chain (-j2): each part is mostly one
# process at a time, and the machines here have 2 CPUs.
test: venv
	$(MAKE) --no-print-directory -k -j2 test-pythons test-main MATRIX_JOBS=1

test-main: venv
	$(MAKE) --no-print-directory -k -j1 book lint typecheck pytest

bench: venv
	$(BIN)/python -m bench

repository:
	@test -n "$(URL)" || { echo "usage: make repository URL=https://github.com/you/your-fork"; exit 2; }
	$(PYTHON) book/setup_cell.py --repository "$(URL)"

clean:
	rm -rf _build .cache book/assets/thirdparty .pytest_cache .mypy_cache .ruff_cache .hypothesis
