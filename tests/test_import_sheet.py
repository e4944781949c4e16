"""acv import lit ses trois feuilles en lecture seule (anct/import_sheet.py) : mêmes valeurs et mêmes
types de cellules qu'openpyxl en mode complet, formules, erreurs, dates et lignes vides comprises,
et un tableur de plusieurs milliers de lignes en temps linéaire."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from acvkit.anct.importing.limits import WorkbookError, open_workbook
from acvkit.anct.importing.sheet import ReadWorkbook
from tests.conftest import run

SHEETS = ("Actions", "Financements", "Indicateurs")


def _full_contents(path: Path, nom: str) -> dict[tuple[int, int], tuple[Any, str]]:
    ws = load_workbook(path, data_only=False)[nom]
    cells: dict[tuple[int, int], tuple[Any, str]] = {}
    for line in ws.iter_rows():
        for c in line:
            if not (c.value is None and c.data_type == "n"):
                assert c.row is not None and c.column is not None
                cells[(c.row, c.column)] = (c.value, c.data_type)
    return cells


def _as_read(workbook: ReadWorkbook, nom: str) -> dict[tuple[int, int], tuple[Any, str]]:
    ws = workbook[nom]
    return {
        (r, c): (ws.cell(r, c).value, ws.cell(r, c).data_type)
        for r in range(1, ws.max_row + 1)
        for c in range(1, ws.max_column + 1)
        if not (ws.cell(r, c).value is None and ws.cell(r, c).data_type == "n")
    }


def test_memes_cellules_que_le_mode_complet(
    real_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    output = tmp_path / "out"
    assert run("build", "--data", str(real_data), "--out", str(output), "-f", "xlsx").exit_code == 0
    source = next(output.rglob("*.xlsx"))
    # Ce qu'un partenaire peut y mettre : formule, erreur, date, booléen, ligne vide, cellule lointaine.
    wb = load_workbook(source)
    ws = wb["Actions"]
    ws["B3"] = '=B2&" bis"'
    ws["C4"] = "#N/A"
    ws["C4"].data_type = "e"
    ws["D5"] = dt.datetime(2025, 3, 1)
    ws["E6"] = True
    ws.cell(ws.max_row + 3, 2, "après deux lignes vides")
    wb.save(tmp_path / "corrige.xlsx")
    workbook = open_workbook(tmp_path / "corrige.xlsx", SHEETS)
    assert isinstance(workbook, ReadWorkbook)
    assert workbook.sheetnames == wb.sheetnames
    for nom in SHEETS:
        assert _as_read(workbook, nom) == _full_contents(tmp_path / "corrige.xlsx", nom), nom
    actions = workbook["Actions"]
    assert actions.cell(3, 2).data_type == "f" and actions.cell(4, 3).data_type == "e"
    assert actions.cell(5, 4).value == dt.datetime(2025, 3, 1)
    nonempty = actions.filled_rows()
    assert nonempty[-1] == actions.max_row and actions.max_row - 1 not in nonempty
    assert [c.value for c in actions[1]] == [c.value for c in wb["Actions"][1]]


def test_feuille_trop_grande_refusee(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Actions"
    ws.cell(3, 250, "trop à droite")
    wb.save(tmp_path / "large.xlsx")
    with pytest.raises(WorkbookError, match="refusé"):
        open_workbook(tmp_path / "large.xlsx", SHEETS)


def test_import_lineaire(tmp_path: Path) -> None:
    """Relire 4 000 lignes coûte environ 4 fois 1 000 (avant : ws[ligne] relisait toute la feuille)."""
    import time

    def duration(lines: int) -> float:
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Actions"
        for r in range(1, lines + 1):
            ws.append([r, f"titre {r}", "2.1", 1000 * r] + [None] * 20 + ["fin"])
        path = tmp_path / f"t{lines}.xlsx"
        wb.save(path)
        debut = time.process_time()
        workbook = open_workbook(path, SHEETS)
        assert len(workbook["Actions"].filled_rows()) == lines - 1
        return time.process_time() - debut

    small, large = min(duration(1000) for _ in range(2)), min(duration(4000) for _ in range(2))
    assert large < 8 * small  # quadratique : 16 fois
