# NRM: `make demo` serves the application with demo data; `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
UV := $(PYTHON) -m uv
export UV_PYTHON_DOWNLOADS := never

.PHONY: install demo serve test lint typecheck bench messages clean

install: $(VENV)/.installed
	@$(BIN)/nrm build_translations

$(VENV)/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv \
		|| $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

demo: install
	$(BIN)/nrm demo
	$(BIN)/nrm serve --port $(PORT)

serve: install
	$(BIN)/nrm serve --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	NRM_ENV=test $(BIN)/mypy nrm bench

test: lint typecheck
	$(BIN)/python -m nrm.testing.run $(PYTEST_ARGS)

# `make bench` (10k cases), `make bench SCALE=1m`, `make bench SCALE=10k,100k BENCH_ARGS="--explain"`:
# docs/performance.md. DuckDB, pandas and SQLAlchemy (the comparisons) come with the `bench` group.
SCALE ?= 10k
BENCH_ARGS ?=
bench: install
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON) --group bench
	$(BIN)/python -m bench --scale $(SCALE) $(BENCH_ARGS)

# Extract translatable strings into the catalogues (needs GNU gettext); sr-latn is generated.
messages: install
	$(BIN)/nrm makemessages -l bs -l hr -l sr --ignore .venv --ignore var --no-obsolete
	$(BIN)/nrm build_translations

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
