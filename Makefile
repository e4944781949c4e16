# acvkit — les deux commandes d'entrée : `make build` et `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# La date des documents : celle du dernier commit qui a changé data/, la règle d'acv build
# (docs/commandes.md) ; mêmes données, mêmes octets, quel que soit le commit courant.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- data 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: build test lint typecheck pytest validate clean bench fuzz constraints

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 introuvable ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/acv validate --data data
	$(BIN)/acv build --data data --out build

validate: $(STAMP)
	$(BIN)/acv validate --data data

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -n 2  # les deux cœurs : la suite entière en 4 minutes environ

test: lint typecheck pytest

# 10 000 exemples hypothesis par propriété, sur les deux cœurs ; graine fixe (derandomize) :
# le même code donne toujours le même verdict. Le job « fuzz » du workflow GitHub explore au hasard.
fuzz: $(STAMP)
	ACV_FUZZ_EXAMPLES=10000 ACV_FUZZ_DERANDOMIZE=1 $(BIN)/pytest -p no:cacheprovider -n 2 -q tests/test_properties.py

# Tous les objectifs de l'issue #20 (environ 15 à 25 min sur 2 cœurs au repos) ; options du banc
# dans BANC, par exemple `make bench BANC=--rapide` pour vérifier qu'il tourne.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BANC)

# Reprend dans constraints.txt les versions exactes du .venv (hors acvkit lui-même) : après un
# changement de dépendances dans pyproject.toml, `make constraints`, puis relire et committer le diff.
constraints:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -vi '^acvkit'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	touch $(STAMP)

clean:
	rm -rf build .venv .mypy_cache .pytest_cache .ruff_cache
