# jixiao: `make extract` and `make test` on a fresh clone do everything (venv, install, run).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
RAW    ?= data/raw
OUT    ?= data/parquet
SHARED ?= ../shared

.PHONY: extract test lint score bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

extract: $(STAMP)  ## read every report in data/raw, write data/parquet/*.parquet
	$(BIN)/jixiao extract $(RAW) --out $(OUT)

test: $(STAMP)  ## unit and golden tests, then type checks
	$(BIN)/python -m pytest
	$(BIN)/python -m mypy

lint: $(STAMP)
	$(BIN)/python -m mypy

score: $(STAMP)  ## accuracy on the shared reports (needs ../shared): the PDFs and their text exports
	$(BIN)/jixiao extract $(RAW) tests/fixtures/text --out build/score
	$(BIN)/python $(SHARED)/tools/score.py --parquet build/score --gold $(SHARED)/gold --format text
	$(BIN)/python $(SHARED)/tools/score.py --parquet build/score --gold $(SHARED)/gold --format pdf

bench: $(STAMP)  ## speed and memory figures (see bench/README.md)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache
