# The two commands a newcomer needs: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test setup lint format bench clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.base node_modules/.installed
	$(PY) scripts/vendor_assets.py
	$(PY) scripts/compile_messages.py

run: setup
	$(PY) -m radsafe migrate --noinput
	$(PY) -m radsafe demo --if-empty
	RADSAFE_DEBUG=1 $(PY) -m radsafe devserver 127.0.0.1:$(PORT)  # the web server and the worker; Ctrl-C stops both

test: setup $(VENV)/.test
	bash scripts/ensure_chromium.sh
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

lint: $(VENV)/.test
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts
	cd src && ../$(VENV)/bin/lint-imports --config ../pyproject.toml --no-cache

format: $(VENV)/.test
	$(VENV)/bin/ruff check --fix src tests scripts
	$(VENV)/bin/ruff format src tests scripts

bench: setup
	$(PY) -m radsafe bench --units $${UNITS:-10000}

clean:
	rm -rf $(VENV) node_modules src/radsafe/static/vendor var
