"""Impression et tableur tels qu'un lecteur les ouvre : A4 par Chromium, classeur relu par openpyxl.

Les tests qui demandent Chromium, LibreOffice ou pdftotext sont sautés quand l'outil manque.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell

from tests.conftest import DATA, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", "--data", str(DATA), "--out", str(out), "--format", "html,xlsx")
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def workbook(output: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(next((output / "anct").glob("*.xlsx")))


def test_chaque_feuille_s_imprime_en_a4_paysage(workbook: openpyxl.Workbook) -> None:
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    assert len(visible) >= 5
    for ws in visible:
        assert ws.page_setup.orientation == "landscape", ws.title
        page_setup_pr = ws.sheet_properties.pageSetUpPr
        assert (
            ws.page_setup.fitToWidth == 1 and page_setup_pr is not None and page_setup_pr.fitToPage
        )
        assert ws.print_title_rows == "$1:$1", ws.title


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


def _pages(pdf: Path) -> list[str]:
    assert PDFINFO and PDFTOTEXT
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(li.split()[-1] for li in info.splitlines() if li.startswith("Pages:")))
    return [
        subprocess.run(
            [PDFTOTEXT, "-f", str(p), "-l", str(p), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for p in range(1, count + 1)
    ]


@pytest.mark.skipif(not (CHROMIUM and PDFTOTEXT and PDFINFO), reason="Chromium ou poppler absent")
def test_aucune_page_imprimee_sans_contenu(output: Path, tmp_path: Path) -> None:
    assert CHROMIUM
    for page in sorted((output / "html").glob("*.html")):
        pdf = tmp_path / f"{page.stem}.pdf"
        with tempfile.TemporaryDirectory() as profiling:
            subprocess.run(
                [
                    CHROMIUM,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-pdf-header-footer",
                    f"--user-data-dir={profiling}",
                    f"--print-to-pdf={pdf}",
                    page.as_uri(),
                ],
                capture_output=True,
                timeout=180,
                check=False,
            )
        assert pdf.exists(), page.name
        footer = "document généré le"
        for numero, texte in enumerate(_pages(pdf), start=1):
            # Ce qui reste sans le pied de page (marge) ni le numéro de page.
            lines = [
                li
                for li in texte.splitlines()
                if li.strip() and footer not in li and not li.startswith("Page ")
            ]
            words = sum(len(li.split()) for li in lines)
            assert words >= 12, f"{page.name}, page {numero} : {lines}"


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT and PDFINFO), reason="LibreOffice absent")
def test_tableur_converti_en_pdf(output: Path, tmp_path: Path) -> None:
    assert SOFFICE
    workbook = next((output / "anct").glob("*.xlsx"))
    with tempfile.TemporaryDirectory() as profiling:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profiling}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(workbook),
            ],
            capture_output=True,
            timeout=300,
            check=False,
        )
    pdf = tmp_path / f"{workbook.stem}.pdf"
    assert pdf.exists()
    texte = "\n".join(_pages(pdf))
    # Chaque feuille imprimée : l'intitulé d'une fiche, l'engagement d'un financeur, le référentiel.
    assert "Place Nature" in texte and "Engagements par financeur" in texte
    assert "Requalification de l'espace public" in texte
