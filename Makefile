# codegen: the TypeScript registry is the source of truth; its Python mirror is generated.
# `make regen` after editing a registry; `make test` before pushing. Run `make help` for more.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ORACLE := tests/oracle
ORACLE_STAMP := $(ORACLE)/node_modules/.package-lock.json

.DEFAULT_GOAL := help
.PHONY: help install regen check test test-slow-paths lint bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		--config-settings editable_mode=compat -e '.[dev]'
	@touch $@

install: $(STAMP) ## create .venv with the pinned dependencies

regen: $(STAMP) ## regenerate every output from its TypeScript source
	$(BIN)/codegen generate

check: $(STAMP) ## fail (exit 1) with a diff if any generated file is stale
	$(BIN)/codegen check --diff

# The TypeScript compiler is a test oracle only, never a run-time dependency.
$(ORACLE_STAMP): $(ORACLE)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(ORACLE) --silent --no-audit --no-fund; \
	else echo "npm not found: the TypeScript oracle tests will be skipped"; fi

test: check $(ORACLE_STAMP) ## check, then run the test suite
	$(BIN)/python -m pytest

# Every fast path off (codegen/fastpaths.py): these suites must pass with the slow paths alone.
SLOW_PATH_SUITES := tests/test_cases.py tests/test_oracle.py tests/test_oracle_properties.py \
	tests/test_types_oracle.py tests/test_shapes.py tests/test_layout.py
test-slow-paths: $(STAMP) $(ORACLE_STAMP) ## golden, oracle, layout, large-registry suites, fast paths off
	CODEGEN_NO_FAST_PATHS=1 $(BIN)/python -m pytest -q $(SLOW_PATH_SUITES)

lint: $(STAMP) ## ruff and mypy --strict on codegen/
	$(BIN)/ruff check codegen tests bench
	$(BIN)/ruff format --check codegen tests bench
	$(BIN)/mypy codegen

bench: $(STAMP) $(ORACLE_STAMP) ## time 5 to 10,000-entry registries against the targets; writes bench/RESULTS.md
	@# Bytecode as an installed wheel has it: an editable install compiles nothing, and where
	@# PYTHONDONTWRITEBYTECODE is set every run would compile codegen's sources anew.
	$(BIN)/python -m compileall -q codegen
	$(BIN)/python bench/bench.py

clean: ## remove the venv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
