"""Le tableur tel qu'un lecteur l'ouvre et l'imprime : mise en page relue par openpyxl.

Les pages imprimées elles-mêmes (Chromium, LibreOffice, pdftotext) sont lues par
test_pages_imprimees.py, qui convertit chaque document une seule fois.
"""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.utils import column_index_from_string

from tests.conftest import DATA, run


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", "--data", str(DATA), "--out", str(out), "--format", "xlsx")
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def workbook(output: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(next((output / "anct").glob("*.xlsx")))


def test_chaque_feuille_s_imprime_en_a4_paysage(workbook: openpyxl.Workbook) -> None:
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    assert len(visible) >= 5
    wide = []
    for ws in visible:
        assert ws.page_setup.orientation == "landscape", ws.title
        page_setup_pr = ws.sheet_properties.pageSetUpPr
        assert page_setup_pr is not None and page_setup_pr.fitToPage
        assert ws.print_title_rows == "$1:$1", ws.title
        if (ws.page_setup.fitToWidth or 1) > 1:
            # Trop large pour une page (« Actions » : 28 colonnes) : plusieurs pages de large
            # pour rester lisible, la fiche (N° fiche, intitulé) répétée à gauche de chacune.
            wide.append(ws.title)
            entetes = [c.value for c in ws[1]]
            first, last = str(ws.print_title_cols).replace("$", "").split(":")
            repeated = entetes[column_index_from_string(first) - 1 : column_index_from_string(last)]
            assert repeated == ["N° fiche", "Intitulé de l'action"], ws.title
    assert "Actions" in wide and (workbook["Actions"].page_setup.fitToWidth or 1) >= 3


def test_lignes_renvoyees_a_la_hauteur_de_leur_texte(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Actions"]
    wrapped_cells = 0
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            if not (isinstance(cell, Cell) and isinstance(cell.value, str)):
                continue
            if not (cell.alignment and cell.alignment.wrap_text):
                continue
            largeur = ws.column_dimensions[cell.column_letter].width or 8.43
            if len(cell.value) > largeur * 2:  # au moins trois lignes une fois renvoyé
                wrapped_cells += 1
                height = ws.row_dimensions[cell.row].height
                assert height is not None and height >= 15 * math.floor(
                    len(cell.value) / (largeur * 1.1)
                ), (cell.coordinate, height)
    assert wrapped_cells > 10


def test_aucun_texte_renvoye_plus_large_que_sa_colonne_sans_hauteur(
    workbook: openpyxl.Workbook,
) -> None:
    """Lisez-moi, Référentiel, Synthèse comme Actions : un texte plus long que sa colonne a la
    hauteur de ses lignes (un en-tête de la Synthèse débordait, des lignes de 100 caractères
    n'avaient pas de hauteur)."""
    checked = 0
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            continue
        for line in ws.iter_rows():
            for cell in line:
                if not (isinstance(cell, Cell) and isinstance(cell.value, str)):
                    continue
                if not (cell.alignment and cell.alignment.wrap_text):
                    continue
                largeur = ws.column_dimensions[cell.column_letter].width or 8.43
                if len(cell.value) >= largeur:
                    checked += 1
                    height = ws.row_dimensions[cell.row].height
                    assert height is not None and height >= 30, (ws.title, cell.coordinate)
    assert checked > 20


def test_colonnes_d_identification_figees(workbook: openpyxl.Workbook) -> None:
    for titre in ("Actions", "Financements"):
        ws = workbook[titre]
        entetes = [c.value for c in ws[1]]
        column = entetes.index("Intitulé de l'action") + 1
        assert ws.freeze_panes is not None, titre
        frozen = ws[ws.freeze_panes]
        assert frozen.row == 2 and frozen.column == column + 1, titre
        assert entetes.index("N° fiche") < column
