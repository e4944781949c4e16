"""Chaque colonne que relit `acv import`, de chaque feuille, face à une cellule vidée, une formule
et une valeur d'erreur : un problème situé (feuille, ligne, colonne) ou rien, jamais une erreur
interne, jamais une valeur effacée.

Les colonnes sont tirées de la description des colonnes (templates/anct/colonnes.yaml, champs
que l'import relit) et des en-têtes des feuilles « Financements » et « Indicateurs » : une
colonne ajoutée est couverte sans toucher à ce test.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from acvkit import api
from acvkit.anct.columns import load_colonnes
from acvkit.anct.export.workbook import ENTETES_FINANCEMENTS, FINANCEMENTS_EXPORT_ONLY
from acvkit.anct.importing.model import Change
from acvkit.anct.importing.suivi import CHAMPS_SUIVI
from acvkit.anct.importing.workbook import COUT, IMPORTED_FIELDS, read_workbook
from acvkit.indicateurs.spreadsheet import ENTETES as ENTETES_INDICATEURS
from acvkit.indicateurs.spreadsheet import SHEET as INDICATEURS
from tests.conftest import ROOT, column_numbers, run

EXAMPLE = ROOT / "examples" / "suivi-2025-s1"
XLSX = "anct/plan-action-ACV031.xlsx"
COLONNES = load_colonnes(api.default_templates() / "anct" / "colonnes.yaml")


def _read_columns() -> list[tuple[str, str]]:
    actions = [
        ("Actions", c.entete)
        for c in COLONNES.colonnes
        if c.champ in IMPORTED_FIELDS or c.champ in COUT | CHAMPS_SUIVI or c.champ == "fiche.numero"
    ]
    financements = [
        ("Financements", e) for e, _ in ENTETES_FINANCEMENTS if e not in FINANCEMENTS_EXPORT_ONLY
    ]
    indicateurs = [(INDICATEURS, e) for e, _ in ENTETES_INDICATEURS]
    return actions + financements + indicateurs


COLUMNS = _read_columns()
# Trois lignes par colonne, une par façon de casser la cellule.
BROKEN: dict[str, Any] = {"formule": "=A1+1", "erreur": "#DIV/0!", "vidée": None}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("colonnes")
    data = root / "exemple"
    shutil.copytree(EXAMPLE, data)
    result = run("build", "--data", str(data), "--out", str(root / "out"), "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    return data, root / "out" / XLSX


def test_les_colonnes_lues_sont_toutes_la() -> None:
    sheets = {sheet for sheet, _ in COLUMNS}
    assert sheets == {"Actions", "Financements", INDICATEURS}
    headers = {h for _, h in COLUMNS}
    for expected in ("Statut", "Référence", "Montant versé", "Source", "Unité", "Périmètre"):
        assert expected in headers


@pytest.mark.parametrize(("sheet", "header"), COLUMNS, ids=[f"{s}-{h}" for s, h in COLUMNS])
def test_cellule_videe_formule_erreur(
    built: tuple[Path, Path], tmp_path: Path, sheet: str, header: str
) -> None:
    data, source = built
    wb = load_workbook(source)
    ws = wb[sheet]
    column = column_numbers(ws)[header]
    # Les lignes où la colonne a une valeur d'abord (une cellule vidée doit alors être refusée).
    rows = sorted(range(2, ws.max_row + 1), key=lambda r: ws.cell(r, column).value in (None, ""))[
        : len(BROKEN)
    ]
    assert len(rows) == len(BROKEN), "pas assez de lignes dans la feuille"
    had_value = {r: ws.cell(r, column).value not in (None, "") for r in rows}
    for row, value in zip(rows, BROKEN.values(), strict=True):
        ws.cell(row, column).value = value
    edited = tmp_path / "corrige.xlsx"
    wb.save(edited)
    dataset = api.load(data)
    resultat = read_workbook(edited, dataset, COLONNES)  # ne lève rien : tout est situé
    located = {(p.sheet, p.line): p for p in resultat.problems}
    for (kind, _), row in zip(BROKEN.items(), rows, strict=True):
        problem = located.get((sheet, row))
        if kind == "vidée":
            if had_value[row] and problem is None:
                # Vidée sans problème : seulement si rien n'est effacé ni changé sur cette ligne.
                erased = [c for c in resultat.changes if _erases(c)]
                assert erased == [], (header, erased)
            continue
        assert problem is not None, (kind, header, row, resultat.problems)
        assert problem.column == header or problem.line == row, problem
        word = "formule" if kind == "formule" else "erreur"
        assert word in problem.message or problem.column != header, problem
    for problem in resultat.problems:
        text = str(problem)
        assert "Input should" not in text and "validation error" not in text


def _erases(change: Any) -> bool:
    after = change.after if isinstance(change, Change) else change.apres
    before = change.before if isinstance(change, Change) else change.avant
    return after in (None, []) and before not in (None, [])


# --- Les cas nommés de l'issue « Trust II » ---------------------------------------------------


def _rows(ws: Any, header: str, value: object) -> list[int]:
    column = column_numbers(ws)[header]
    return [r for r in range(2, ws.max_row + 1) if ws.cell(r, column).value == value]


def _indicateur_rows(source: Path, tmp_path: Path, extra: list[list[Any]]) -> Path:
    wb = load_workbook(source)
    ws = wb[INDICATEURS]
    headers = [c.value for c in ws[1]]
    for values in extra:
        row = ws.max_row + 1
        for header, value in zip(headers, values, strict=False):
            ws.cell(row, headers.index(header) + 1).value = value
    target = tmp_path / "corrige.xlsx"
    wb.save(target)
    return target


def test_indicateurs_ligne_en_double_refusee(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, source = built
    wb = load_workbook(source)
    ws = wb[INDICATEURS]
    first = _rows(ws, "Indicateur", "ind-1-01")[0]
    values = [c.value for c in ws[first]]
    target = _indicateur_rows(source, tmp_path, [values])
    resultat = read_workbook(target, api.load(data), COLONNES)
    messages = [str(p) for p in resultat.problems]
    assert any("en double (déjà ligne" in m and f"ligne {first}" in m for m in messages), messages


def test_indicateurs_perimetre_inconnu_situe(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, source = built
    row = ["ind-1-01", "", "logements", "valeur", 2025, 5, "bethune", "quartier", "", ""]
    target = _indicateur_rows(source, tmp_path, [row])
    resultat = read_workbook(target, api.load(data), COLONNES)
    problems = [p for p in resultat.problems if p.column == "Périmètre"]
    assert problems and "périmètre « quartier » inconnu" in problems[0].message
    assert problems[0].sheet == INDICATEURS


def test_indicateurs_annee_anterieure_inseree_a_sa_place(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    data, source = built
    copy = tmp_path / "donnees"
    shutil.copytree(data, copy)
    row = ["ind-1-01", "", "logements", "valeur", 2022, 1300, "bethune", "commune", "", ""]
    target = _indicateur_rows(source, tmp_path, [row])
    result = run("import", str(target), "--data", str(copy), "--write")
    assert result.exit_code == 0, result.stderr
    text = (copy / "indicateurs/ind-1-01.yaml").read_text(encoding="utf-8")
    years = [line.split("annee: ")[1][:4] for line in text.splitlines() if "{annee: " in line]
    assert years[-3:] == ["2022", "2024", "2025"], text
    assert run("validate", "--data", str(copy), "--no-cache").exit_code in (0, 1)
    assert "IND008" not in run("validate", "--data", str(copy), "--no-cache").stdout


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("Statut", None, "cellule vidée"),
        ("Sous-axe", "4.9", "sous-axe « 4.9 » inconnu"),
    ],
)
def test_actions_statut_vide_et_sous_axe_inconnu_situes(
    built: tuple[Path, Path], tmp_path: Path, header: str, value: Any, expected: str
) -> None:
    data, source = built
    wb = load_workbook(source)
    ws = wb["Actions"]
    column = column_numbers(ws)[header]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, column).value not in (None, ""))
    ws.cell(row, column).value = value
    target = tmp_path / "corrige.xlsx"
    wb.save(target)
    result = run("import", str(target), "--data", str(data))
    assert result.exit_code == 1
    assert f"Actions, ligne {row}, colonne « {header} » : {expected}" in result.stderr
    assert "Input should" not in result.stderr and "ne se relit pas" not in result.stderr
