"""Accessibilité des annexes (RGAA 4.1) : ce qu'un test peut vérifier sur les documents produits.

Chaque tableau HTML et DOCX a un titre ; chaque page a un lien d'évitement et des navigations
nommées ; chaque graphique a une description liée et un tableau des valeurs tracées ; aucune case
du calendrier DOCX ne porte son sens par la seule couleur ; le tableur déclare sa langue.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from tests.conftest import DATA, run


@pytest.fixture(scope="module")
def sortie(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", "--data", str(DATA), "--out", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def _pages(sortie: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((sortie / "html").glob("*.html"))}


def test_chaque_tableau_html_a_un_titre(sortie: Path) -> None:
    tables = 0
    for nom, page in _pages(sortie).items():
        for match in re.finditer(r"<table\b[^>]*>", page):
            tables += 1
            suite = page[match.end() : match.end() + 400].lstrip()
            assert suite.startswith("<caption") or "aria-labelledby" in match.group(0), nom
            if suite.startswith("<caption"):
                titre = re.match(r"<caption[^>]*>(.*?)</caption>", suite, re.S)
                assert titre and titre.group(1).strip(), nom
    assert tables > 50


def test_lien_d_evitement_et_navigations_nommees(sortie: Path) -> None:
    for nom, page in _pages(sortie).items():
        assert '<a class="evitement" href="#contenu">Aller au contenu</a>' in page, nom
        assert 'id="contenu"' in page, nom
        navs = re.findall(r"<nav\b[^>]*>", page)
        assert navs, nom
        assert all("aria-label=" in n for n in navs), nom
        # Pas de h4 sous le h1 : les titres ne sautent pas de niveau.
        niveaux = [int(n) for n in re.findall(r"<h([1-6])\b", page)]
        assert all(b <= a + 1 for a, b in itertools.pairwise(niveaux)), nom


def test_graphiques_decrits_et_valeurs_en_tableau(sortie: Path) -> None:
    page = _pages(sortie)["maquette-financiere.html"]
    svgs = re.findall(r"<svg\b[^>]*>", page)
    assert svgs
    for svg in svgs:
        decrit = re.search(r'aria-describedby="([^"]+)"', svg)
        assert decrit and "aria-label=" not in svg
        for ident in decrit.group(1).split():
            assert f'id="{ident}"' in page, ident
        valeurs = next(i for i in decrit.group(1).split() if i.endswith("-valeurs"))
        table = page[page.index(f'id="{valeurs}"') :].split("</table>")[0]
        debut = page.index(svg)
        trace = re.findall(
            r'font-weight="bold">([^<]*€[^<]*)</text>', page[debut:].split("</svg>")[0]
        )
        dans_table = re.findall(r'<td class="nombre">([^<]*)</td>', table)
        assert trace and trace == dans_table
    programmation = _pages(sortie)["programmation.html"]
    assert 'aria-describedby="calendrier-description dates-fiches"' in programmation
    assert "– → –" not in programmation


def test_chaque_tableau_docx_a_un_titre(sortie: Path) -> None:
    for chemin in sorted((sortie / "docx").glob("*.docx")):
        document = docx.Document(str(chemin))
        tableaux = list(document.element.body.iter(qn("w:tbl")))
        for tableau in tableaux:
            titre = tableau.find(qn("w:tblPr") + "/" + qn("w:tblCaption"))
            assert titre is not None and titre.get(qn("w:val")), chemin.name


def test_calendrier_docx_pas_de_sens_par_la_seule_couleur(sortie: Path) -> None:
    document = docx.Document(str(sortie / "docx/programmation.docx"))
    tramees = 0
    for cellule in document.element.body.iter(qn("w:tc")):
        trame = cellule.find(qn("w:tcPr") + "/" + qn("w:shd"))
        if trame is None or trame.get(qn("w:fill")) in (None, "auto", "FFFFFF"):
            continue
        tramees += 1
        texte = "".join(t.text or "" for t in cellule.iter(qn("w:t")))
        assert texte.strip(), "case tramée sans texte"
    assert tramees > 20


def test_tableur_en_francais(sortie: Path) -> None:
    chemin = next((sortie / "anct").glob("*.xlsx"))
    assert openpyxl.load_workbook(chemin).properties.language == "fr-FR"
    archive = zipfile.ZipFile(chemin)
    assert b"fr-FR" in archive.read("docProps/core.xml")
    dessins = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
    graphiques = 0
    for nom in dessins:
        if nom.endswith(".xml"):
            for descr in re.findall(r'<cNvPr [^>]*descr="([^"]+)"', archive.read(nom).decode()):
                graphiques += 1
                assert "une barre par base" in descr
    # `_charts` (les graphiques d'une feuille) n'est pas dans les stubs d'openpyxl.
    synthese = openpyxl.load_workbook(chemin)["Synthèse"]
    assert graphiques == len(synthese._charts) == 2  # type: ignore[attr-defined]
