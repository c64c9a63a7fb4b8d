# Tenpoint: `make demo` runs the system on its embedded default; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: install demo test lint benchmark clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip wheel setuptools
	$(BIN)/pip install --quiet -e '.[dev]'
	# Spark (the linkage engine for data beyond one machine) only where Java can run it.
	if command -v java >/dev/null 2>&1; then $(BIN)/pip install --quiet -e '.[dev,spark]'; fi
	$(BIN)/tenpoint compiletranslations
	touch $@

demo: install
	$(BIN)/tenpoint compiletranslations
	$(BIN)/tenpoint migrate --noinput
	$(BIN)/tenpoint demo-data --people 2000 --if-empty
	$(BIN)/tenpoint demo-accounts
	$(BIN)/tenpoint followup import
	$(BIN)/tenpoint information demo
	$(BIN)/tenpoint runserver 127.0.0.1:8000 --noreload

test: install
	$(BIN)/tenpoint compiletranslations
	$(BIN)/ruff check src benchmarks
	$(BIN)/mypy src
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src benchmarks
	$(BIN)/mypy src

benchmark: install
	$(BIN)/python benchmarks/registration.py

clean:
	rm -rf $(VENV) var build src/*.egg-info
