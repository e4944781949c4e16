"""Propriétés du chargeur et du linter, sur des fiches générées (tests/strategies.py).

- une fiche valide générée ne donne aucune erreur ;
- lire → écrire → relire rend le même modèle ;
- un texte YAML abîmé au hasard ne fait jamais lever d'exception : il donne des diagnostics
  situés dans le fichier, avec des codes connus.

Le nombre d'exemples vient de ACV_FUZZ_EXAMPLES (200 par défaut ; `make fuzz` et la CI en demandent 10 000).
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
from tests.conftest import chemins, run
from tests.strategies import (
    chemin_fiche,
    fiche_yaml,
    fiches,
    generate_fiches,
    listes_de_fiches,
    mutants,
    write_dataset,
    write_fiches,
)

EXEMPLES = int(os.environ.get("ACV_FUZZ_EXAMPLES", "200"))
REGLAGES = settings(
    max_examples=EXEMPLES,
    deadline=None,
    # ACV_FUZZ_DERANDOMIZE=1 (make fuzz, .ci/run) : graine fixe, même verdict à chaque passage.
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

    def avec(self, lu: Dataset) -> Dataset:
        return replace(
            self.dataset,
            root=lu.root,
            fiches=lu.fiches,
            documents=[*self.dataset.documents, *lu.documents],
        )


@pytest.fixture(scope="module")
def referentiel(tmp_path_factory: pytest.TempPathFactory) -> Referentiel:
    folder = tmp_path_factory.mktemp("referentiel") / "data"
    write_dataset(folder, [])
    loaded = load_folder(folder)
    assert loaded.diagnostics == []
    return Referentiel(loaded.dataset)


def _en_octets(fiche: dict[str, Any]) -> bytes:
    return fiche_yaml(fiche).encode("utf-8")


def _charger(texte: str) -> Fiche:
    """Le modèle d'une fiche lue depuis son texte, par la lecture rapide comme `acv validate`.

    (La lecture située donne les mêmes données : test_lecture_rapide_et_situee_d_accord.)
    """
    doc = parse_text("fiche.yaml", texte.encode("utf-8"), fast=True)
    assert doc.problems == []
    return Fiche.model_validate(doc.data)


# ---------------------------------------------------------------------------------------------
# Les fiches générées sont valides


@REGLAGES
@given(listes_de_fiches(1, 2, exotique=True))
def test_fiches_generees_sans_erreur(referentiel: Referentiel, lot: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_fiches(root, lot)
        loaded = load_folder(root)
        lecture = [d for d in loaded.diagnostics if d.code != "STR002"]
        assert lecture == []
        assert len(loaded.dataset.fiches) == len(lot)
        diagnostics = run_rules(referentiel.avec(loaded.dataset))
    erreurs = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
    assert erreurs == []


def test_jeu_genere_valide_par_la_cli(tmp_path: Path) -> None:
    """Le chemin complet : write_dataset puis `acv validate`, sur 40 fiches d'une graine fixe."""
    folder = tmp_path / "data"
    ecrits = write_dataset(folder, generate_fiches(40, seed=2024))
    assert len(ecrits) == 40
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
    assert len({chemin_fiche(f) for f in lot}) == 300
    assert {f["collectivite"] for f in lot} == {"bethune", "bruay-la-buissiere", "cabbalr"}


def test_write_dataset_refuse_les_numeros_en_double(tmp_path: Path) -> None:
    fiche = generate_fiches(1, seed=3)[0]
    with pytest.raises(ValueError, match="en double"):
        write_dataset(tmp_path / "data", [fiche, {**fiche, "titre": "Autre titre"}])


# ---------------------------------------------------------------------------------------------
# Lire, écrire, relire


@REGLAGES
@given(fiches(exotique=True), st.booleans())
def test_aller_retour_yaml(fiche: dict[str, Any], dates_nues: bool) -> None:
    texte = fiche_yaml(fiche, dates_nues=dates_nues)
    lu = _charger(texte)
    assert lu == Fiche.model_validate(fiche)
    reecrit = fiche_yaml(lu.model_dump(exclude_none=True))
    relu = _charger(reecrit)
    assert relu == lu
    assert fiche_yaml(relu.model_dump(exclude_none=True)) == reecrit


@REGLAGES
@given(fiches())
def test_aller_retour_python(fiche: dict[str, Any]) -> None:
    modele = Fiche.model_validate(fiche)
    assert Fiche.model_validate(modele.model_dump()) == modele


@settings(max_examples=20, deadline=None)
@given(fiches().filter(lambda f: "total" in (f.get("cout") or {})))
def test_aller_retour_json(fiche: dict[str, Any]) -> None:
    modele = Fiche.model_validate(fiche)
    assert Fiche.model_validate_json(modele.model_dump_json()) == modele
    total = json.loads(modele.model_dump_json())["cout"]["total"]
    assert isinstance(total, int | float)


# ---------------------------------------------------------------------------------------------
# Les textes abîmés

# Bogues connus de src/ (décrits et vérifiés par des tests xfail stricts de test_hostile.py) :
# une exception levée à l'un de ces endroits fait écarter l'exemple (hypothesis.reject) au lieu
# d'échouer, pour que le fuzz continue à chercher d'AUTRES plantages. Une fois un bogue corrigé,
# son test xfail passe (XPASS strict = échec) : retirez alors aussi la ligne ci-dessous.
BOGUES_CONNUS: dict[tuple[str, str], str] = {
    # (type de l'exception, fichier où elle est levée) : test de test_hostile.py qui la décrit.
    # Tous les plantages trouvés jusqu'ici sont corrigés ; la table reste pour les prochains.
}


def _bogue_connu(exc: BaseException) -> str | None:
    lieu = traceback.extract_tb(exc.__traceback__)[-1]
    return BOGUES_CONNUS.get((type(exc).__name__, Path(lieu.filename).name))


def _lignes_editeur(raw: bytes) -> list[str]:
    """Les lignes du fichier telles qu'un éditeur les montre (\\n, \\r\\n ou \\r)."""
    texte = raw.decode("utf-8", errors="replace")
    return texte.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _verifier_position(d: Diagnostic, raw: bytes) -> None:
    lignes = _lignes_editeur(raw)
    assert d.code in ALL_RULES, d
    assert isinstance(d.severity, Severity)
    assert 1 <= d.line <= len(lignes) + 1, (d, len(lignes))
    assert d.column >= 1, d
    # YML003 : colonne comptée en octets et lignes comptées sur \n seul (bogue connu, voir
    # test_hostile.py::test_utf8_et_windows_1252_melanges) : on ne vérifie pas sa colonne.
    if d.line <= len(lignes) and d.code != "YML003":
        assert d.column <= len(lignes[d.line - 1]) + 1, (d, lignes[d.line - 1])


@REGLAGES
@given(mutants())
def test_mutations_donnent_des_diagnostics(
    referentiel: Referentiel, mutant: tuple[dict[str, Any], bytes]
) -> None:
    fiche, raw = mutant
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        chemin = root / chemin_fiche(fiche)
        chemin.parent.mkdir(parents=True)
        chemin.write_bytes(raw)
        try:
            # Tout le moteur (lecture, règles, suppressions) sur le dossier de la fiche seule…
            report = lint(root, Config())
        except Exception as exc:
            if _bogue_connu(exc) is None:
                raise
            reject()
        # … puis toutes les règles avec le référentiel, pour celles qui croisent les fichiers.
        croisees = run_rules(referentiel.avec(report.dataset))
    for d in [*report.diagnostics, *croisees]:
        assert isinstance(d, Diagnostic)
        if d.path == chemin.as_posix():
            _verifier_position(d, raw)
        else:
            assert d.code in ALL_RULES and d.line >= 1 and d.column >= 1, d


# ---------------------------------------------------------------------------------------------
# Lecture rapide (libyaml) et lecture située (ruamel.yaml) : mêmes données, mêmes positions


def _typees(node: object) -> object:
    """Les données avec le type de chaque valeur : True et 1, "1" et 1 ne se confondent pas."""
    if isinstance(node, dict):
        return {(type(k).__name__, k): _typees(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_typees(v) for v in node]
    if isinstance(node, Decimal):
        return ("Decimal", str(node))  # NaN n'est pas égal à lui-même ; son texte, si
    for nature in (bool, int, str):
        if isinstance(node, nature):
            return (nature.__name__, nature(node))  # ScalarInt de ruamel → int, etc.
    return (type(node).__name__, node)


def _lecture(raw: bytes, fast: bool) -> object:
    """Ce qu'une lecture rend : le problème situé, ou les données typées et leurs positions."""
    try:
        doc = parse_text("fiche.yaml", raw, fast=fast)
    except YamlProblem as p:
        return ("probleme", p.code, p.line, p.column, p.message)
    except Exception as exc:
        if _bogue_connu(exc) is None:
            raise
        reject()
    positions = {
        # Une valeur vide (null) n'a pas de texte à pointer : sa position n'est comparée que par
        # test_hostile.py (valeur-vide*.yaml). Elle diffère encore d'une lecture à l'autre dans un
        # cas exotique (clé explicite `? ` sans valeur) : on ne compare alors que la clé.
        chemin: (None if valeur is None else doc.locate(chemin), doc.locate(chemin, key=True))
        for chemin, valeur in chemins(doc.data)
    }
    return ("document", _typees(doc.data), positions, [(p.code, p.line) for p in doc.problems])


@REGLAGES
@given(st.one_of(mutants().map(lambda m: m[1]), fiches(exotique=True).map(_en_octets)))
def test_lecture_rapide_et_situee_d_accord(raw: bytes) -> None:
    assert _lecture(raw, fast=True) == _lecture(raw, fast=False)


def _demandes(data: object) -> list[tuple[Loc, bool]]:
    """Chaque chemin (valeur et clé), plus des chemins qui ne désignent rien à partir de chacun."""
    demandes: list[tuple[Loc, bool]] = []
    for loc, valeur in chemins(data):
        demandes.append((loc, True))
        if valeur is None:
            continue  # valeur vide : sa position n'est comparée que par test_hostile.py (voir plus haut)
        demandes.append((loc, False))
        # Membre d'union de Pydantic, clé absente, indice en texte, négatif ou hors de la liste.
        for suite in (("FinancementPublic",), ("inconnu",), ("0",), (-1,), (10_000,)):
            demandes += [((*loc, *suite), False), ((*loc, *suite), True)]
        demandes.append((("inconnu", *loc), False))
    return demandes


@REGLAGES
@given(st.one_of(mutants().map(lambda m: m[1]), fiches(exotique=True).map(_en_octets)))
def test_une_recherche_memes_positions_des_deux_index(raw: bytes) -> None:
    """La recherche des positions donne la même place dans l'index de libyaml et dans celui de ruamel."""
    try:
        text, _ = decode_bytes(raw)
        data, rapide = fast_load(text)
        arbre = parse_situated(text)
    except (Fallback, YamlProblem):
        reject()  # fichier que la lecture rapide ne prend pas : un seul index
    except Exception as exc:
        if _bogue_connu(exc) is None:
            raise
        reject()
    assert rapide is not None
    situe = index_from_tree(arbre)
    demandes = _demandes(data)
    restreint = index_paths(text, [loc for loc, _ in demandes])
    for loc, cle in demandes:
        attendu = lookup(situe, loc, cle)
        assert lookup(rapide, loc, cle) == attendu, (loc, cle)
        assert lookup(restreint, loc, cle) == attendu, (loc, cle)


def _complets(diagnostics: list[Diagnostic]) -> list[tuple[object, ...]]:
    return [(d.path, d.line, d.column, d.code, d.severity, d.message) for d in diagnostics]


@settings(REGLAGES, max_examples=max(1, EXEMPLES // 4))
@given(mutants(), fiches())
def test_cache_sans_effet(mutant: tuple[dict[str, Any], bytes], voisine: dict[str, Any]) -> None:
    """Le cache (.acv-cache/) ne change que la vitesse : mêmes diagnostics qu'une lecture neuve."""
    fiche, raw = mutant
    assume(chemin_fiche(voisine) != chemin_fiche(fiche))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        chemin = root / chemin_fiche(fiche)
        chemin.parent.mkdir(parents=True)
        chemin.write_bytes(raw)
        try:
            neuf = _complets(lint(root, Config()).diagnostics)
        except Exception as exc:
            if _bogue_connu(exc) is None:
                raise
            reject()
        rempli = Linter(Config(), cache=True).lint(root)  # remplit le cache
        relu = Linter(Config(), cache=True).lint(root)  # résultat en cache
        assert _complets(rempli.diagnostics) == neuf
        assert _complets(relu.diagnostics) == neuf
        # Une voisine ajoutée : le dossier a changé, la fiche abîmée est relue depuis le cache.
        write_fiches(root, [voisine])
        sans_cache = _complets(lint(root, Config()).diagnostics)
        avec_cache = _complets(Linter(Config(), cache=True).lint(root).diagnostics)
        assert avec_cache == sans_cache
