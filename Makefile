# diplograph: every target sets up what it needs (virtualenv in .venv, pinned by hash).
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: install demo test bench browser lint clean

$(STAMP): requirements/lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

## Run the main job on the bundled sample: ingest -> code -> store (DuckDB) -> summary + exports.
demo: $(STAMP)
	$(BIN)/diplograph run --sample --db demo.duckdb --export-dir demo-exports

## Debian chromium for the dashboard's browser tests (root on the CI machine).
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## Install everything and run the whole test suite.
test: $(STAMP) browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

## Throughput benchmark (prints JSON and a table).
bench: $(STAMP)
	$(BIN)/diplograph bench --workers 2

clean:
	rm -rf $(VENV) demo.duckdb demo-exports .pytest_cache
