"""Différentiel de la validation à froid répartie (linting/froid.py) : les règles d'une fiche
appliquées par les processus de travail donnent exactement ce que donne tout le jeu de données
rassemblé dans un processus, par la lecture rapide comme par la lecture lente (ruamel seul)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from acvkit.config import Config
from acvkit.diagnostics import Severity
from acvkit.linting.engine import Linter, LintReport
from acvkit.rules import CHECK_RULES
from tests.conftest import AVENANT, FIXTURES, edit

ROOT = Path(__file__).resolve().parent.parent


Rows = list[tuple[str, int, int, str, Severity, str, str]]


def _full_contents(report: LintReport) -> tuple[Rows, int, int]:
    rows = [
        (d.path, d.line, d.column, d.code, d.severity, d.message, d.context)
        for d in report.diagnostics
    ]
    return rows, report.files, report.suppressed


def _four(data: Path, cache: bool = False) -> list[tuple[Rows, int, int]]:
    """Les quatre chemins : (rapide | lent) × (réparti | rassemblé)."""
    out = []
    for fast in (True, False):
        for distribute in (True, False):
            if cache:
                shutil.rmtree(data / ".acv-cache", ignore_errors=True)
            report = Linter(Config(), fast=fast, distribute=distribute, cache=cache).lint(data)
            out.append(_full_contents(report))
    return out


@pytest.mark.parametrize(
    "folder",
    [AVENANT, FIXTURES / "broken", FIXTURES / "hostile", ROOT / "examples" / "suivi-2025-s1"],
    ids=lambda p: p.name,
)
def test_memes_diagnostics_reparti_ou_rassemble(folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(folder, data)
    results = _four(data)
    assert results[0][0], "aucun diagnostic : le différentiel ne prouverait rien"
    assert all(r == results[0] for r in results)


def _big_folder(tmp_path: Path) -> Path:
    """Plus de fiches qu'il n'en faut pour lancer des processus, avec beaucoup de diagnostics :
    fichiers cassés, numéros en double, contenu copié, suivi, suppressions."""
    from tests.strategies import generate_fiches, write_dataset

    data = tmp_path / "data"
    write_dataset(data, generate_fiches(340, seed=11))
    fiches = sorted((data / "fiches").rglob("*.yaml"))
    edit(fiches[0], 'sous_axe: "', 'sous_axe: "9')
    edit(fiches[1], "type: ", "type: [")  # syntaxe
    fiches[2].write_text(fiches[2].read_text("utf-8") + "numero: 2\n", "utf-8")  # clé en double
    fiches[3].write_bytes(b"\xef\xbb\xbf" + fiches[3].read_bytes())  # lecture lente (BOM)
    texte = fiches[4].read_text("utf-8")
    for index in (5, 6):  # mêmes numéro et contenu qu'une autre fiche
        fiches[index].write_text(texte, "utf-8")
    fiches[7].write_text(
        fiches[7].read_text("utf-8") + "suivi:\n  - {date: 2020-01-15, statut: en_cours}\n",
        "utf-8",
    )
    lines = fiches[8].read_text("utf-8").splitlines()
    lines[2] += "  # acv: ignore[STR004] raison donnée"
    lines[3] += "  # acv: ignore[CAL003]"
    fiches[8].write_text("\n".join(lines) + "\n", "utf-8")
    for index, file in enumerate(sorted((FIXTURES / "broken").glob("*.yaml")), start=900):
        shutil.copyfile(file, data / "fiches" / "bethune" / f"fa-{index}-{file.stem}.yaml")
    return data


def test_processus_de_travail_memes_diagnostics(tmp_path: Path) -> None:
    data = _big_folder(tmp_path)
    results = _four(data, cache=True)
    codes = {row[3] for row in results[0][0]}
    assert {"INT001", "CON002", "SUI005", "SUP001", "YML004", "YML001"} <= codes, codes
    assert all(r == results[0] for r in results)


def test_cache_de_lecture_puis_repartition(tmp_path: Path) -> None:
    # Une fiche changée : les autres sont reprises du cache de lecture (règles appliquées ici).
    data = _big_folder(tmp_path)
    Linter(Config(), cache=True).lint(data)
    fiche = sorted((data / "fiches").rglob("*.yaml"))[10]
    edit(fiche, 'sous_axe: "', 'sous_axe: "8')
    lukewarm = Linter(Config(), cache=True).lint(data)
    shutil.rmtree(data / ".acv-cache")
    assert _full_contents(lukewarm) == _full_contents(Linter(Config(), distribute=False).lint(data))
    # Le cache écrit par le chemin réparti sert aussi au chemin rassemblé, et inversement.
    shutil.rmtree(data / ".acv-cache", ignore_errors=True)
    Linter(Config(), cache=True, distribute=False).lint(data)
    (data / ".acv-cache" / "resultat.pickle").unlink()
    reused = Linter(Config(), cache=True).lint(data)
    assert _full_contents(reused) == _full_contents(lukewarm)


def test_jeu_de_donnees_complet_a_la_demande(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(AVENANT, data)
    distributed = Linter(Config()).lint(data)
    gathered = Linter(Config(), distribute=False).lint(data)
    assert [e.model for e in distributed.dataset.fiches] == [
        e.model for e in gathered.dataset.fiches
    ]
    assert [(d.path, d.text) for d in distributed.dataset.documents] == [
        (d.path, d.text) for d in gathered.dataset.documents
    ]


def test_sans_fork_repartition_dans_le_processus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    data = _big_folder(tmp_path)
    with_fork = _full_contents(Linter(Config()).lint(data))
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert _full_contents(Linter(Config()).lint(data)) == with_fork


def test_regle_jeu_sans_champs_declares_rassemble_tout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Une règle « jeu » qui ne dit pas ce qu'elle lit : la validation garde tous les modèles.
    from dataclasses import replace

    from acvkit.linting import cold

    data = tmp_path / "data"
    shutil.copytree(AVENANT, data)
    expected = _full_contents(Linter(Config(), distribute=False).lint(data))
    rule = replace(CHECK_RULES["INT001"], champs=None)
    monkeypatch.setitem(CHECK_RULES, "INT001", rule)
    assert cold.dataset_rules(list(CHECK_RULES.values())) is None
    assert _full_contents(Linter(Config()).lint(data)) == expected


def test_fiche_resumee_ne_lit_que_ses_champs() -> None:
    from acvkit.linting.cold import ReadFiche, summarized_fiche

    entry = summarized_fiche(ReadFiche("f.yaml", [], champs={"numero": 3, "sous_axe": "4.2"}))
    assert (entry.model.numero, entry.model.axe) == (3, "4")
    with pytest.raises(AttributeError):
        _ = entry.model.description  # jamais une valeur par défaut en silence
