# Everything a fresh machine needs: Python 3.11 and make. `make demo` and `make test` set up .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo/newsfold.db

.PHONY: demo serve test lint typecheck unit bench models bench-load bench-scale test-spark-scale compiled clean

# [embed] (sentence embeddings; ~35 s and ~1.1 GB more) goes in after torch's CPU build, which lies
# on this machine's disk: the extra's torch range would otherwise take a CUDA build of several GB.
# Where it cannot be installed, the embedding tests skip with a message.
$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,server,postgres,spark]'
	{ $(BIN)/python -m pip install -q torch==2.13.0 && $(BIN)/python -m pip install -q -e '.[embed]'; } \
		|| echo "warning: could not install the [embed] extra; the embedding tests will skip"
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsfold fold examples/corpus --db $(DEMO_DB)
	$(BIN)/newsfold stories --db $(DEMO_DB)

# The demo store in the web reader, at http://127.0.0.1:8000/
serve: demo
	$(BIN)/newsfold serve --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks setup.py
	$(BIN)/ruff format --check src tests benchmarks setup.py

typecheck: $(STAMP)
	$(BIN)/mypy

# Test files are spread over the cores (pytest-xdist; one file's tests stay in one process, so a
# module's fixtures are built once). TEST_WORKERS=0 runs them all in this process.
TEST_WORKERS ?= auto
unit: $(STAMP)
	$(BIN)/pytest -q -n $(TEST_WORKERS) --maxprocesses 4 --dist loadfile --durations=15

test: lint typecheck unit

# Full benchmarks on ../shared/data (minutes); each prints a table beside peers and writes JSON.
# extraction, l3s and metadata run newsfold on the text dumps of every renderer here (chromium,
# lynx, w3m from apt; see benchmarks/renderers.py) and report each site half; renders are cached
# in benchmarks/results/cache/. speed folds the real pages (HTML, then their dumps) beside
# trafilatura and rensa in the same run, with the stage split, peak memory and the machine's load.
# train_byline --check and train_headline --check fail where a committed model is not what the
# trainer writes from this tree's extractor (minutes: they extract every renderer's dumps once).
bench: $(STAMP)
	$(BIN)/python -m benchmarks.extraction
	$(BIN)/python -m benchmarks.l3s
	$(BIN)/python -m benchmarks.metadata
	$(BIN)/python -m benchmarks.encoding
	$(BIN)/python -m benchmarks.hostile
	$(BIN)/python -m benchmarks.copies
	$(BIN)/python -m benchmarks.load
	$(BIN)/python -m benchmarks.stories --embed
	$(BIN)/python -m benchmarks.speed
	$(BIN)/python -m benchmarks.train_headline --check
	$(BIN)/python -m benchmarks.train_byline --check

# Both extraction models retrained to their fixed point (headline, byline, headline --check; minutes).
models: $(STAMP)
	$(BIN)/python -m benchmarks.train_models

# The server under concurrent ingest and reads for 30 s, then the store checked (no data needed).
bench-load: $(STAMP)
	$(BIN)/python -m benchmarks.load

# The engines' identity check on a generated crawl of 20,000 pages (minutes: see docs/scale.md).
test-spark-scale: $(STAMP)
	NEWSFOLD_SPARK_PAGES=20000 $(BIN)/pytest -q tests/test_spark.py -k generated

# Local engine against Spark local[2] on a generated crawl (SCALE_PAGES pages; see docs/scale.md).
SCALE_PAGES ?= 50000
bench-scale: $(STAMP)
	$(BIN)/python -m benchmarks.scale --pages $(SCALE_PAGES)

# The extraction compiled by mypyc (setup.py's COMPILED list) into build/compiled/: the whole
# package, .py and .so, run with PYTHONPATH=build/compiled (docs/compiled.md). Opt-in: the
# editable install and `make test` stay pure Python; tests/test_compiled.py compares the two
# when this build is there. Minutes on two cores; rebuilds only the modules whose C changed.
compiled: $(STAMP)
	rm -rf build/compiled
	NEWSFOLD_COMPILE=1 $(BIN)/python -m pip install -q --no-build-isolation --no-deps \
		--target build/compiled .

clean:
	rm -rf $(VENV) demo build *.egg-info .pytest_cache .mypy_cache .ruff_cache
