# Tenpoint: `make demo` runs the system on its embedded default; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: install browser demo test lint benchmark clean

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

# The browser tests drive Debian's chromium through Playwright, which cannot download browsers of
# its own on these machines: installed here where it is missing and apt-get may run (as root, or
# through sudo without a password). Otherwise those tests report themselves skipped, with the reason.
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then as_root=""; elif sudo -n true 2>/dev/null; then as_root="sudo -n"; \
	else echo "== no chromium, and apt-get cannot run as root here: the browser tests will be skipped"; exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "== no chromium and no apt-get: install chromium to run the browser tests"; exit 0; fi; \
	echo "== installing Debian's chromium for the browser tests"; \
	$$as_root apt-get update -qq && $$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	  || echo "== chromium could not be installed: the browser tests will be skipped"

test: install browser
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
