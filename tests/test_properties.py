"""Propriétés du chargeur et du linter, sur des fiches générées (tests/strategies.py).

- une fiche valide générée ne donne aucune erreur ;
- lire → écrire → relire rend le même modèle ;
- un texte YAML abîmé au hasard ne fait jamais lever d'exception : il donne des diagnostics
  situés dans le fichier, avec des codes connus.

Le nombre d'exemples vient de ACV_FUZZ_EXAMPLES (200 par défaut ; `make ci`, donc .ci/run, en
demande 5 000 à graine fixe, le job « fuzz » du workflow GitHub 10 000 au hasard : voir le Makefile).
"""

from __future__ import annotations

import json
import os
import tempfile
import traceback
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from acvkit.config import Config
from acvkit.diagnostics import Diagnostic, Severity
from acvkit.linting.engine import Linter, lint, run_rules
from acvkit.loading import Dataset, load_folder
from acvkit.models import Fiche
from acvkit.rules import ALL_RULES
from acvkit.yaml.decode import decode_bytes
from acvkit.yaml.document import YamlProblem
from acvkit.yaml.fast import Fallback, fast_load, index_paths
from acvkit.yaml.positions import Loc, lookup
from acvkit.yaml.reader import parse_text
from acvkit.yaml.situated import index_from_tree, parse_situated
from tests.conftest import paths, run
from tests.strategies import (
    fiche_lists,
    fiche_path,
    fiche_yaml,
    fiches,
    generate_fiches,
    mutants,
    write_dataset,
    write_fiches,
)

FUZZ_EXAMPLES = int(os.environ.get("ACV_FUZZ_EXAMPLES", "200"))
FUZZ_SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    # ACV_FUZZ_DERANDOMIZE=1 (make ci, make fuzz) : graine fixe, même verdict à chaque passage.
    derandomize=os.environ.get("ACV_FUZZ_DERANDOMIZE") == "1",
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


class Referentiel:
    """Programme, partenaires, axes et indicateurs de data/, lus une fois pour tout le module.

    Relire ces 30 fichiers à chaque exemple coûterait 200 ms : chaque exemple ne lit que ses
    fiches, puis `avec` les joint au référentiel pour appliquer toutes les règles au jeu complet.
    (Un objet à part, au repr court : hypothesis affiche les arguments d'un exemple qui échoue.)
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def __repr__(self) -> str:
        return "Referentiel(data/)"

    def with_(self, read_result: Dataset) -> Dataset:
        return replace(
            self.dataset,
            root=read_result.root,
            fiches=read_result.fiches,
            documents=[*self.dataset.documents, *read_result.documents],
        )


@pytest.fixture(scope="module")
def referentiel(tmp_path_factory: pytest.TempPathFactory) -> Referentiel:
    folder = tmp_path_factory.mktemp("referentiel") / "data"
    write_dataset(folder, [])
    loaded = load_folder(folder)
    assert loaded.diagnostics == []
    return Referentiel(loaded.dataset)


def _as_bytes(fiche: dict[str, Any]) -> bytes:
    return fiche_yaml(fiche).encode("utf-8")


def _load(texte: str) -> Fiche:
    """Le modèle d'une fiche lue depuis son texte, par la lecture rapide comme `acv validate`.

    (La lecture située donne les mêmes données : test_lecture_rapide_et_situee_d_accord.)
    """
    doc = parse_text("fiche.yaml", texte.encode("utf-8"), fast=True)
    assert doc.problems == []
    return Fiche.model_validate(doc.data)


# ---------------------------------------------------------------------------------------------
# Les fiches générées sont valides


@FUZZ_SETTINGS
@given(fiche_lists(1, 2, exotic=True))
def test_fiches_generees_sans_erreur(referentiel: Referentiel, lot: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_fiches(root, lot)
        loaded = load_folder(root)
        read_diagnostics = [d for d in loaded.diagnostics if d.code != "STR002"]
        assert read_diagnostics == []
        assert len(loaded.dataset.fiches) == len(lot)
        diagnostics = run_rules(referentiel.with_(loaded.dataset))
    errors = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
    assert errors == []


def test_jeu_genere_valide_par_la_cli(tmp_path: Path) -> None:
    """Le chemin complet : write_dataset puis `acv validate`, sur 40 fiches d'une graine fixe."""
    folder = tmp_path / "data"
    written = write_dataset(folder, generate_fiches(40, seed=2024))
    assert len(written) == 40
    result = run("validate", "--data", str(folder), "--format", "json")
    assert result.exit_code == 0, result.stdout
    rows = json.loads(result.stdout)
    assert [r for r in rows if r["severity"] == "error"] == []
    assert len({r["path"] for r in rows if "/fiches/" in str(r["path"])}) <= 40


def test_generation_deterministe() -> None:
    assert generate_fiches(25, seed=7) == generate_fiches(25, seed=7)
    assert generate_fiches(25, seed=7) != generate_fiches(25, seed=8)
    lot = generate_fiches(300, seed=1)
    assert len({f["numero"] for f in lot}) == 300
    assert len({fiche_path(f) for f in lot}) == 300
    assert {f["collectivite"] for f in lot} == {"bethune", "bruay-la-buissiere", "cabbalr"}


def test_write_dataset_refuse_les_numeros_en_double(tmp_path: Path) -> None:
    fiche = generate_fiches(1, seed=3)[0]
    with pytest.raises(ValueError, match="en double"):
        write_dataset(tmp_path / "data", [fiche, {**fiche, "titre": "Autre titre"}])


# ---------------------------------------------------------------------------------------------
# Lire, écrire, relire


@FUZZ_SETTINGS
@given(fiches(exotic=True), st.booleans())
def test_aller_retour_yaml(fiche: dict[str, Any], bare_dates: bool) -> None:
    texte = fiche_yaml(fiche, bare_dates=bare_dates)
    read_result = _load(texte)
    assert read_result == Fiche.model_validate(fiche)
    rewritten = fiche_yaml(read_result.model_dump(exclude_none=True))
    reread = _load(rewritten)
    assert reread == read_result
    assert fiche_yaml(reread.model_dump(exclude_none=True)) == rewritten


@FUZZ_SETTINGS
@given(fiches())
def test_aller_retour_python(fiche: dict[str, Any]) -> None:
    model = Fiche.model_validate(fiche)
    assert Fiche.model_validate(model.model_dump()) == model


@settings(max_examples=20, deadline=None)
@given(fiches().filter(lambda f: "total" in (f.get("cout") or {})))
def test_aller_retour_json(fiche: dict[str, Any]) -> None:
    model = Fiche.model_validate(fiche)
    assert Fiche.model_validate_json(model.model_dump_json()) == model
    total = json.loads(model.model_dump_json())["cout"]["total"]
    assert isinstance(total, int | float)


# ---------------------------------------------------------------------------------------------
# Les textes abîmés

# Bogues connus de src/ (décrits et vérifiés par des tests xfail stricts de test_hostile.py) :
# une exception levée à l'un de ces endroits fait écarter l'exemple (hypothesis.reject) au lieu
# d'échouer, pour que le fuzz continue à chercher d'AUTRES plantages. Une fois un bogue corrigé,
# son test xfail passe (XPASS strict = échec) : retirez alors aussi la ligne ci-dessous.
KNOWN_BUGS: dict[tuple[str, str], str] = {
    # (type de l'exception, fichier où elle est levée) : test de test_hostile.py qui la décrit.
    # Tous les plantages trouvés jusqu'ici sont corrigés ; la table reste pour les prochains.
}


def _known_bug(exc: BaseException) -> str | None:
    lieu = traceback.extract_tb(exc.__traceback__)[-1]
    return KNOWN_BUGS.get((type(exc).__name__, Path(lieu.filename).name))


def _editor_lines(raw: bytes) -> list[str]:
    """Les lignes du fichier telles qu'un éditeur les montre (\\n, \\r\\n ou \\r)."""
    texte = raw.decode("utf-8", errors="replace")
    return texte.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _check_position(d: Diagnostic, raw: bytes) -> None:
    lines = _editor_lines(raw)
    assert d.code in ALL_RULES, d
    assert isinstance(d.severity, Severity)
    assert 1 <= d.line <= len(lines) + 1, (d, len(lines))
    assert d.column >= 1, d
    # YML003 : colonne comptée en octets et lignes comptées sur \n seul (bogue connu, voir
    # test_hostile.py::test_utf8_et_windows_1252_melanges) : on ne vérifie pas sa colonne.
    if d.line <= len(lines) and d.code != "YML003":
        assert d.column <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1])


@FUZZ_SETTINGS
@given(mutants())
def test_mutations_donnent_des_diagnostics(
    referentiel: Referentiel, mutant: tuple[dict[str, Any], bytes]
) -> None:
    fiche, raw = mutant
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / fiche_path(fiche)
        path.parent.mkdir(parents=True)
        path.write_bytes(raw)
        try:
            # Tout le moteur (lecture, règles, suppressions) sur le dossier de la fiche seule…
            report = lint(root, Config())
        except Exception as exc:
            if _known_bug(exc) is None:
                raise
            reject()
        # … puis toutes les règles avec le référentiel, pour celles qui croisent les fichiers.
        cross_diagnostics = run_rules(referentiel.with_(report.dataset))
    for d in [*report.diagnostics, *cross_diagnostics]:
        assert isinstance(d, Diagnostic)
        if d.path == path.as_posix():
            _check_position(d, raw)
        else:
            assert d.code in ALL_RULES and d.line >= 1 and d.column >= 1, d


# ---------------------------------------------------------------------------------------------
# Lecture rapide (libyaml) et lecture située (ruamel.yaml) : mêmes données, mêmes positions


def _typed(node: object) -> object:
    """Les données avec le type de chaque valeur : True et 1, "1" et 1 ne se confondent pas."""
    if isinstance(node, dict):
        return {(type(k).__name__, k): _typed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_typed(v) for v in node]
    if isinstance(node, Decimal):
        return ("Decimal", str(node))  # NaN n'est pas égal à lui-même ; son texte, si
    for nature in (bool, int, str):
        if isinstance(node, nature):
            return (nature.__name__, nature(node))  # ScalarInt de ruamel → int, etc.
    return (type(node).__name__, node)


def _read_result(raw: bytes, fast: bool) -> object:
    """Ce qu'une lecture rend : le problème situé, ou les données typées et leurs positions."""
    try:
        doc = parse_text("fiche.yaml", raw, fast=fast)
    except YamlProblem as p:
        return ("probleme", p.code, p.line, p.column, p.message)
    except Exception as exc:
        if _known_bug(exc) is None:
            raise
        reject()
    positions = {
        # Une valeur vide (null) n'a pas de texte à pointer : sa position n'est comparée que par
        # test_hostile.py (valeur-vide*.yaml). Elle diffère encore d'une lecture à l'autre dans un
        # cas exotique (clé explicite `? ` sans valeur) : on ne compare alors que la clé.
        path: (None if valeur is None else doc.locate(path), doc.locate(path, key=True))
        for path, valeur in paths(doc.data)
    }
    return ("document", _typed(doc.data), positions, [(p.code, p.line) for p in doc.problems])


@FUZZ_SETTINGS
@given(st.one_of(mutants().map(lambda m: m[1]), fiches(exotic=True).map(_as_bytes)))
def test_lecture_rapide_et_situee_d_accord(raw: bytes) -> None:
    assert _read_result(raw, fast=True) == _read_result(raw, fast=False)


def _demandes(data: object) -> list[tuple[Loc, bool]]:
    """Chaque chemin (valeur et clé), plus des chemins qui ne désignent rien à partir de chacun."""
    demandes: list[tuple[Loc, bool]] = []
    for loc, valeur in paths(data):
        demandes.append((loc, True))
        if valeur is None:
            continue  # valeur vide : sa position n'est comparée que par test_hostile.py (voir plus haut)
        demandes.append((loc, False))
        # Membre d'union de Pydantic, clé absente, indice en texte, négatif ou hors de la liste.
        for suite in (("FinancementPublic",), ("inconnu",), ("0",), (-1,), (10_000,)):
            demandes += [((*loc, *suite), False), ((*loc, *suite), True)]
        demandes.append((("inconnu", *loc), False))
    return demandes


@FUZZ_SETTINGS
@given(st.one_of(mutants().map(lambda m: m[1]), fiches(exotic=True).map(_as_bytes)))
def test_une_recherche_memes_positions_des_deux_index(raw: bytes) -> None:
    """La recherche des positions donne la même place dans l'index de libyaml et dans celui de ruamel."""
    try:
        text, _ = decode_bytes(raw)
        data, fast_result = fast_load(text)
        tree = parse_situated(text)
    except (Fallback, YamlProblem):
        reject()  # fichier que la lecture rapide ne prend pas : un seul index
    except Exception as exc:
        if _known_bug(exc) is None:
            raise
        reject()
    assert fast_result is not None
    located = index_from_tree(tree)
    demandes = _demandes(data)
    restricted = index_paths(text, [loc for loc, _ in demandes])
    for loc, key in demandes:
        expected = lookup(located, loc, key)
        assert lookup(fast_result, loc, key) == expected, (loc, key)
        assert lookup(restricted, loc, key) == expected, (loc, key)


def _full_rows(diagnostics: list[Diagnostic]) -> list[tuple[object, ...]]:
    return [(d.path, d.line, d.column, d.code, d.severity, d.message) for d in diagnostics]


@settings(FUZZ_SETTINGS, max_examples=max(1, FUZZ_EXAMPLES // 4))
@given(mutants(), fiches())
def test_cache_sans_effet(mutant: tuple[dict[str, Any], bytes], neighbor: dict[str, Any]) -> None:
    """Le cache (.acv-cache/) ne change que la vitesse : mêmes diagnostics qu'une lecture neuve."""
    fiche, raw = mutant
    assume(fiche_path(neighbor) != fiche_path(fiche))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / fiche_path(fiche)
        path.parent.mkdir(parents=True)
        path.write_bytes(raw)
        try:
            fresh = _full_rows(lint(root, Config()).diagnostics)
        except Exception as exc:
            if _known_bug(exc) is None:
                raise
            reject()
        filled = Linter(Config(), cache=True).lint(root)  # remplit le cache
        reread = Linter(Config(), cache=True).lint(root)  # résultat en cache
        assert _full_rows(filled.diagnostics) == fresh
        assert _full_rows(reread.diagnostics) == fresh
        # Une voisine ajoutée : le dossier a changé, la fiche abîmée est relue depuis le cache.
        write_fiches(root, [neighbor])
        uncached = _full_rows(lint(root, Config()).diagnostics)
        cached = _full_rows(Linter(Config(), cache=True).lint(root).diagnostics)
        assert cached == uncached
