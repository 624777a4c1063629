# Two commands are all a user needs: `make demo` and `make test`. Both create .venv/ when it
# is missing and install what they need into it; nothing else on the machine is touched.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_OUT ?= out/demo

# No model hub is reachable: fail fast instead of retrying for a minute.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test sample models lint clean

demo: $(VENV)/.installed
	$(BIN)/review-miner run corpora/sample --out $(DEMO_OUT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

# Re-render corpora/sample/ from corpora/sources/ (after editing a source).
sample: $(VENV)/.installed-dev
	$(BIN)/python scripts/render_sample.py

# Retrain the shipped models (models/) on the development halves of the labelled sets.
models: $(VENV)/.installed
	$(BIN)/review-miner train benchmarks/gold/dev.jsonl --out models
	$(BIN)/python scripts/train_paragraph_model.py
	$(BIN)/python scripts/train_ethnicity_model.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check review_miner tests benchmarks scripts

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# pip, not uv or poetry: only pip sees the CPU torch wheel on disk (see pyproject.toml).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf out .pytest_cache build *.egg-info
