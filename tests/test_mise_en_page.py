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
def sortie(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", "--data", str(DATA), "--out", str(out), "--format", "html,xlsx")
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def classeur(sortie: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(next((sortie / "anct").glob("*.xlsx")))


def test_chaque_feuille_s_imprime_en_a4_paysage(classeur: openpyxl.Workbook) -> None:
    visibles = [ws for ws in classeur.worksheets if ws.sheet_state == "visible"]
    assert len(visibles) >= 5
    for ws in visibles:
        assert ws.page_setup.orientation == "landscape", ws.title
        mise_en_page = ws.sheet_properties.pageSetUpPr
        assert ws.page_setup.fitToWidth == 1 and mise_en_page is not None and mise_en_page.fitToPage
        assert ws.print_title_rows == "$1:$1", ws.title


def test_lignes_renvoyees_a_la_hauteur_de_leur_texte(classeur: openpyxl.Workbook) -> None:
    ws = classeur["Actions"]
    renvoyees = 0
    for ligne in ws.iter_rows(min_row=2):
        for cell in ligne:
            if not (isinstance(cell, Cell) and isinstance(cell.value, str)):
                continue
            if not (cell.alignment and cell.alignment.wrap_text):
                continue
            largeur = ws.column_dimensions[cell.column_letter].width or 8.43
            if len(cell.value) > largeur * 2:  # au moins trois lignes une fois renvoyé
                renvoyees += 1
                hauteur = ws.row_dimensions[cell.row].height
                assert hauteur is not None and hauteur >= 15 * math.floor(
                    len(cell.value) / (largeur * 1.1)
                ), (cell.coordinate, hauteur)
    assert renvoyees > 10


def test_colonnes_d_identification_figees(classeur: openpyxl.Workbook) -> None:
    for titre in ("Actions", "Financements"):
        ws = classeur[titre]
        entetes = [c.value for c in ws[1]]
        colonne = entetes.index("Intitulé de l'action") + 1
        assert ws.freeze_panes is not None, titre
        figee = ws[ws.freeze_panes]
        assert figee.row == 2 and figee.column == colonne + 1, titre
        assert entetes.index("N° fiche") < colonne


def _pages(pdf: Path) -> list[str]:
    assert PDFINFO and PDFTOTEXT
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    nombre = int(next(li.split()[-1] for li in info.splitlines() if li.startswith("Pages:")))
    return [
        subprocess.run(
            [PDFTOTEXT, "-f", str(p), "-l", str(p), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for p in range(1, nombre + 1)
    ]


@pytest.mark.skipif(not (CHROMIUM and PDFTOTEXT and PDFINFO), reason="Chromium ou poppler absent")
def test_aucune_page_imprimee_sans_contenu(sortie: Path, tmp_path: Path) -> None:
    assert CHROMIUM
    for page in sorted((sortie / "html").glob("*.html")):
        pdf = tmp_path / f"{page.stem}.pdf"
        with tempfile.TemporaryDirectory() as profil:
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
                    f"--user-data-dir={profil}",
                    f"--print-to-pdf={pdf}",
                    page.as_uri(),
                ],
                capture_output=True,
                timeout=180,
                check=False,
            )
        assert pdf.exists(), page.name
        pied = "document généré le"
        for numero, texte in enumerate(_pages(pdf), start=1):
            # Ce qui reste sans le pied de page (marge) ni le numéro de page.
            lignes = [
                li
                for li in texte.splitlines()
                if li.strip() and pied not in li and not li.startswith("Page ")
            ]
            mots = sum(len(li.split()) for li in lignes)
            assert mots >= 12, f"{page.name}, page {numero} : {lignes}"


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT and PDFINFO), reason="LibreOffice absent")
def test_tableur_converti_en_pdf(sortie: Path, tmp_path: Path) -> None:
    assert SOFFICE
    classeur = next((sortie / "anct").glob("*.xlsx"))
    with tempfile.TemporaryDirectory() as profil:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profil}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(classeur),
            ],
            capture_output=True,
            timeout=300,
            check=False,
        )
    pdf = tmp_path / f"{classeur.stem}.pdf"
    assert pdf.exists()
    texte = "\n".join(_pages(pdf))
    # Chaque feuille imprimée : l'intitulé d'une fiche, l'engagement d'un financeur, le référentiel.
    assert "Place Nature" in texte and "Engagements par financeur" in texte
    assert "Requalification de l'espace public" in texte
