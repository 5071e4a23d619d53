# nnbundle: the README's two commands are `make demo` and `make test`. Both install everything they
# need on a fresh machine: npm packages, a Python venv with the package and its test extras, and
# Debian's Chromium for the real-browser tests.
SHELL := /bin/bash
.DEFAULT_GOAL := test

VENV := .venv
PY := $(VENV)/bin/python
STATIC := python-shim/src/nnbundle/static/nnbundle.js
FIXTURES := tests/fixtures/generated/.stamp
TS_SOURCES := $(shell find src shaders style build -type f 2>/dev/null) webpack.config.js tsconfig.json

.PHONY: install build test test-unit test-python test-browser demo bench bench-smoke typecheck lint clean chromium

install: node_modules/.stamp $(VENV)/.stamp chromium

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENV)/.stamp: python-shim/pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e 'python-shim[test]'
	touch $@

chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

build: $(STATIC)

$(STATIC): node_modules/.stamp $(TS_SOURCES)
	npx webpack --mode production --config-name worker --config-name widget
	mkdir -p $(dir $@)
	cp dist/nnbundle.js $@

$(FIXTURES): $(VENV)/.stamp $(shell find python-shim/src -name '*.py') tests/fixtures/write_fixtures.py
	$(PY) tests/fixtures/write_fixtures.py tests/fixtures/generated
	touch $@

typecheck: node_modules/.stamp
	npx tsc --noEmit -p tsconfig.json

lint: $(VENV)/.stamp
	$(VENV)/bin/ruff check --config python-shim/pyproject.toml python-shim tests/fixtures examples
	$(VENV)/bin/mypy --config-file python-shim/pyproject.toml python-shim/src

test-unit: node_modules/.stamp $(FIXTURES)
	npx jest --selectProjects unit

test-python: $(VENV)/.stamp build
	cd python-shim && ../$(VENV)/bin/pytest -q

test-browser: install build
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" npx jest --selectProjects browser --runInBand

test: install typecheck lint test-unit test-python test-browser bench-smoke

demo: install build
ifdef HEADLESS
	$(PY) examples/run_quickstart.py examples/quickstart.ipynb examples/out/quickstart.html
else
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) examples/quickstart.ipynb
endif

BENCH_BUILD = npx webpack --mode production --config-name worker --config-name bench && npx tsc -p bench/tsconfig.json

bench: install build
	$(BENCH_BUILD)
	node bench/out/bench/run.js
	node bench/render-chromium.js

bench-smoke: install build
	$(BENCH_BUILD)
	node bench/out/bench/run.js --smoke
	node bench/render-chromium.js --smoke

clean:
	rm -rf dist $(STATIC) tests/fixtures/generated examples/out bench/out
