# Arshif: `make run` opens the sample archive, `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= archive.db

.PHONY: run test check bench setup setup-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

$(DB): | $(VENV)/.installed
	$(BIN)/arshif import samples --db $(DB)

run: $(VENV)/.installed $(DB)
	$(BIN)/arshif --db $(DB)

test: setup-test
	$(BIN)/ruff check archive tui tests importer.py bench
	$(BIN)/python -m pytest -q

check: setup-test
	$(BIN)/ruff check archive tui tests importer.py bench
	$(BIN)/ruff format --check archive tui importer.py
	$(BIN)/mypy

bench: setup-test
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
