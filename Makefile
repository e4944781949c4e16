# acvkit — les deux commandes d'entrée : `make build` et `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# La date des documents : celle du dernier commit qui a changé data/, la règle d'acv build
# (docs/commandes.md) ; mêmes données, mêmes octets, quel que soit le commit courant.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- data 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: build test lint typecheck pytest validate clean bench fuzz constraints docs samples

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
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs

typecheck: $(STAMP)
	$(BIN)/mypy

# Les deux cœurs ; worksteal : un test long (une propriété à 5 000 exemples) ne laisse pas un
# cœur attendre l'autre en fin de suite.
pytest: $(STAMP)
	$(BIN)/pytest -n 2 --dist worksteal

test: lint typecheck pytest

# Exemples hypothesis par propriété (tests/test_properties*.py ; l'écriture tuée au hasard et les
# sorties de toutes les commandes en tirent moins : voir leurs modules) :
# - `make test` : 200 (ACV_FUZZ_EXAMPLES absent), la boucle de travail ;
# - `.ci/run` : `make test` UNE fois, avec ses propriétés à $(FUZZ_EXAMPLES) exemples,
#   graine fixe (derandomize : le même code donne toujours le même verdict). Rien n'est fait deux
#   fois : les propriétés ne tournent pas à 200 puis à 5 000. 5 000 par propriété, c'est ~180 CPU-s
#   (~5,6 ms par exemple, mesuré à 2 000 et à 10 000 : linéaire), soit ~1 min 30 de plus sur les
#   deux cœurs : `.ci/run` tient en ~4 min au repos, sous les 12 min même chargé (à 10 000 en
#   plus des 200 de `make test`, il en prenait 20).
#   À 5 000, chacune des 11 sortes de mutation de tests/strategies.py est tirée des centaines de
#   fois, seule et combinée (1 à 3 par texte), sur des fiches de toutes les formes ; au-delà, le
#   hasard compte plus que le nombre (un même tirage fixe ne trouve rien de plus à le répéter) :
#   c'est le rôle du job « fuzz » du workflow GitHub, qui tire 10 000 exemples au hasard (sans
#   graine) à chaque passage ;
# - `make fuzz` : les propriétés seules, à la main, au nombre voulu (`make fuzz FUZZ_EXAMPLES=10000`).
FUZZ_EXAMPLES ?= 5000

fuzz: $(STAMP)
	ACV_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ACV_FUZZ_DERANDOMIZE=1 $(BIN)/pytest -p no:cacheprovider -n 2 -q tests/test_properties.py tests/test_properties_ecriture.py tests/test_properties_sorties.py

# Tous les objectifs de l'issue #20 (environ 15 à 25 min sur 2 cœurs au repos) ; options du banc
# dans BANC, par exemple `make bench BANC=--rapide` pour vérifier qu'il tourne.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BANC)

# Reprend dans constraints.txt les versions exactes du .venv (hors acvkit lui-même) : après un
# changement de dépendances dans pyproject.toml, `make constraints`, puis relire et committer le diff.
constraints:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,docs]'
	{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -vi '^acvkit'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	touch $(STAMP)

# Les exemples de commandes du README et de docs/ : régénérés par une vraie exécution (cog).
samples: $(STAMP)
	$(BIN)/cog -r -I docs README.md docs/*.md

# Le site de la documentation, en français : exemples vérifiés, puis site/ (mkdocs, strict).
docs: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,docs]'
	$(BIN)/cog --check -I docs README.md docs/*.md
	$(BIN)/mkdocs build --strict --quiet

clean:
	rm -rf build site .venv .mypy_cache .pytest_cache .ruff_cache
