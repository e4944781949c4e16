"""Accessibilité des annexes (RGAA 4.1) : ce qu'un test peut vérifier sur les documents produits.

Chaque tableau HTML et DOCX a un titre ; chaque page a un lien d'évitement et des navigations
nommées ; chaque graphique a une description liée et un tableau des valeurs tracées ; aucune case
du calendrier DOCX ne porte son sens par la seule couleur ; le tableur déclare sa langue.
"""

from __future__ import annotations

import html
import itertools
import re
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from tests.conftest import DATA, ROOT, run
from tests.diff_repo import complete_git_repo


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", "--data", str(DATA), "--out", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def _pages(output: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((output / "html").glob("*.html"))}


def test_chaque_tableau_html_a_un_titre(output: Path) -> None:
    tables = 0
    for nom, page in _pages(output).items():
        for match in re.finditer(r"<table\b[^>]*>", page):
            tables += 1
            suite = page[match.end() : match.end() + 400].lstrip()
            assert suite.startswith("<caption") or "aria-labelledby" in match.group(0), nom
            if suite.startswith("<caption"):
                titre = re.match(r"<caption[^>]*>(.*?)</caption>", suite, re.S)
                assert titre and titre.group(1).strip(), nom
    assert tables > 50


def test_lien_d_evitement_et_navigations_nommees(output: Path) -> None:
    for nom, page in _pages(output).items():
        assert '<a class="evitement" href="#contenu">Aller au contenu</a>' in page, nom
        assert 'id="contenu"' in page, nom
        navs = re.findall(r"<nav\b[^>]*>", page)
        assert navs, nom
        assert all("aria-label=" in n for n in navs), nom
        # Pas de h4 sous le h1 : les titres ne sautent pas de niveau.
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", page)]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), nom


def test_graphiques_decrits_et_valeurs_en_tableau(output: Path) -> None:
    page = _pages(output)["maquette-financiere.html"]
    svgs = re.findall(r"<svg\b[^>]*>", page)
    assert svgs
    for svg in svgs:
        described = re.search(r'aria-describedby="([^"]+)"', svg)
        assert described and "aria-label=" not in svg
        for ident in described.group(1).split():
            assert f'id="{ident}"' in page, ident
        valeurs = next(i for i in described.group(1).split() if i.endswith("-valeurs"))
        table = page[page.index(f'id="{valeurs}"') :].split("</table>")[0]
        debut = page.index(svg)
        trace = re.findall(
            r'font-weight="bold">([^<]*€[^<]*)</text>', page[debut:].split("</svg>")[0]
        )
        # Chaque ligne : le montant tracé, puis sa part du total.
        in_table = re.findall(r'<td class="nombre">([^<]*)</td><td class="nombre">', table)
        assert trace and trace == in_table
    programmation = _pages(output)["programmation.html"]
    assert 'aria-describedby="calendrier-description dates-fiches"' in programmation
    assert "– → –" not in programmation


@pytest.fixture(scope="module")
def suivi_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build-suivi")
    example = ROOT / "examples" / "suivi-2025-s1"
    result = run("build", "--data", str(example), "--out", str(out), "--date-rapport", "2025-07-01")
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def _titres_docx(output: Path) -> dict[str, list[str | None]]:
    titres: dict[str, list[str | None]] = {}
    for path in sorted((output / "docx").glob("*.docx")):
        document = docx.Document(str(path))
        titres[path.name] = [
            None
            if (t := data_table.find(qn("w:tblPr") + "/" + qn("w:tblCaption"))) is None
            else t.get(qn("w:val"))
            for data_table in document.element.body.iter(qn("w:tbl"))
        ]
    return titres


def test_chaque_tableau_docx_a_un_titre(output: Path, suivi_output: Path) -> None:
    titres = {**_titres_docx(output), **_titres_docx(suivi_output)}
    assert {"bilan.docx", "rapport-suivi.docx"} <= set(titres)
    assert titres["bilan.docx"] and titres["rapport-suivi.docx"]
    for nom, items in titres.items():
        assert all(items), nom


def test_les_tableaux_du_suivi_portent_leur_legende(suivi_output: Path) -> None:
    # Le titre lu par un lecteur d'écran est la légende écrite au-dessus du tableau.
    document = docx.Document(str(suivi_output / "docx" / "bilan.docx"))
    captions = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Caption"
    ]
    titres = _titres_docx(suivi_output)["bilan.docx"]
    assert any(t and t.startswith("Synthèse de l'avancement au ") for t in titres)
    assert set(titres) <= set(captions) | {None}


def test_calendrier_docx_pas_de_sens_par_la_seule_couleur(output: Path) -> None:
    document = docx.Document(str(output / "docx/programmation.docx"))
    shaded = 0
    for cell in document.element.body.iter(qn("w:tc")):
        shade = cell.find(qn("w:tcPr") + "/" + qn("w:shd"))
        if shade is None or shade.get(qn("w:fill")) in (None, "auto", "FFFFFF"):
            continue
        shaded += 1
        texte = "".join(t.text or "" for t in cell.iter(qn("w:t")))
        assert texte.strip(), "case tramée sans texte"
    assert shaded > 20


def test_tableur_en_francais(output: Path) -> None:
    path = next((output / "anct").glob("*.xlsx"))
    assert openpyxl.load_workbook(path).properties.language == "fr-FR"
    archive = zipfile.ZipFile(path)
    assert b"fr-FR" in archive.read("docProps/core.xml")
    drawings = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
    charts = 0
    for nom in drawings:
        if nom.endswith(".xml"):
            for descr in re.findall(r'<cNvPr [^>]*descr="([^"]+)"', archive.read(nom).decode()):
                charts += 1
                assert "une barre par base" in descr
    # `_charts` (les graphiques d'une feuille) n'est pas dans les stubs d'openpyxl.
    synthese = openpyxl.load_workbook(path)["Synthèse"]
    assert charts == len(synthese._charts) == 2  # type: ignore[attr-defined]


def _luminance(color: str) -> float:
    """Luminance relative WCAG 2.1 d'une couleur #rrggbb."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linearized = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linearized[0] + 0.7152 * linearized[1] + 0.0722 * linearized[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(above: str, below: str, opacity: float) -> str:
    channels = (
        round(opacity * int(above[i : i + 2], 16) + (1 - opacity) * int(below[i : i + 2], 16))
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def test_phases_du_calendrier_contrastees_et_nommees(output: Path) -> None:
    page = _pages(output)["programmation.html"]
    svg = page[page.index("<svg") :].split("</svg>")[0]
    # Les barres sont les rectangles qui portent une bulle (<title>) : « FA n – libellé : dates ».
    bars = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})"[^>]*><title>FA (\d+) ', svg)
    per_fiche: dict[str, list[str]] = {}
    for color, fiche in bars:
        per_fiche.setdefault(fiche, []).append(color)
    a_phases = [shades for shades in per_fiche.values() if len(shades) > 1]
    assert a_phases, "l'avenant a des fiches en deux phases"
    for shades in a_phases:
        # Deux phases successives ont deux teintes, contrastées à 3:1 au moins.
        for before, after in itertools.pairwise(shades):
            assert before != after and _contrast(before, after) >= 3
    # Chaque teinte de barre se détache de chaque fond du calendrier.
    background = re.search(r'fill="(#[0-9a-f]{6})" fill-opacity="([0-9.]+)"', svg)
    assert background
    zebra = re.findall(r'<rect x="0" [^>]*fill="(#[0-9a-f]{6})"/>', svg)
    funds = {"#ffffff", *zebra}
    funds |= {_mix(background.group(1), f, float(background.group(2))) for f in list(funds)}
    for color in {t for t, _ in bars}:
        for f in funds:
            assert _contrast(color, f) >= 3, (color, f)
    # La légende nomme chaque phase, à côté d'un carré de sa teinte.
    caption = svg[svg.rindex("Période de l&#39;avenant") - 2000 :]
    for color, nom in zip(
        sorted(set(a_phases[0]), key=a_phases[0].index), ("1re", "2e"), strict=True
    ):
        assert re.search(rf'fill="{color}" rx="2"/>\s*<text [^>]*>{nom} phase', caption)


def test_series_du_tableur_distinguees_par_un_motif(output: Path) -> None:
    archive = zipfile.ZipFile(next((output / "anct").glob("*.xlsx")))
    charts = [n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    assert len(charts) == 2
    for nom in charts:
        xml = archive.read(nom).decode()
        series = re.findall(r"<ser>.*?</ser>", xml, re.S)
        assert len(series) == 3, nom
        patterns = [re.search(r'<a:pattFill [^>]*prst="([a-zA-Z]+)"', s) for s in series]
        # Chaque série a un motif, différent de celui des autres : la couleur n'est pas seule.
        assert all(patterns), nom
        assert len({m.group(1) for m in patterns if m}) == len(series), nom


def test_tableur_feuilles_en_tableaux_nommes_lisez_moi_d_abord(output: Path) -> None:
    wb = openpyxl.load_workbook(next((output / "anct").glob("*.xlsx")))
    assert wb.sheetnames[0] == "Lisez-moi"
    defined_name_set = set(wb.defined_names)
    for sheet in ("Actions", "Financements", "Référentiel", "Indicateurs"):
        ws = wb[sheet]
        assert len(ws.tables) == 1, sheet
        nom = next(iter(ws.tables))
        data_table = ws.tables[nom]
        assert nom.isascii() and nom not in defined_name_set, sheet
        assert data_table.headerRowCount == 1 and ws.print_title_rows == "$1:$1", sheet
        entetes = [c.name for c in data_table.tableColumns]
        assert all(entetes) and len(set(entetes)) == len(entetes), sheet


def test_markdown_sans_barres_de_texte_ni_tiret_pour_inconnu(output: Path) -> None:
    pages = {p.name: p.read_text(encoding="utf-8") for p in (output / "md").glob("*.md")}
    assert pages
    for nom, texte in pages.items():
        assert "█" not in texte, nom
    maquette = pages["maquette-financiere.md"]
    # Les graphiques deviennent des tableaux (groupe, montant, part) dont les parts font 100 %.
    charts = maquette.split("## Répartition du coût chiffré")[1].split("\n### ")[1:]
    assert charts
    for chart in charts:
        parts = re.findall(r"\| ([0-9]+,[0-9]) %\s*\|$", chart.replace("\u00a0", " "), re.M)
        assert parts, chart[:80]
        assert abs(sum(float(p.replace(",", ".")) for p in parts) - 100) < 0.05 * len(parts)
    # Aucune cellule de total ne se réduit à un tiret : un montant inconnu se dit.
    for line in maquette.splitlines():
        if line.startswith("| **"):
            assert "| **–** |" not in line and "| – |" not in line, line


def test_une_police_dans_chaque_docx_du_suivi(output: Path, suivi_output: Path) -> None:
    # Le bilan et le rapport de suivi ont le même cadre que les autres annexes : une seule police.
    def fonts(path: Path) -> set[str]:
        styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
        return set(re.findall(r'w:ascii="([^"]+)"', styles))

    expected_fonts = fonts(output / "docx" / "plan-action.docx")
    assert len(expected_fonts) == 1
    for nom in ("bilan.docx", "rapport-suivi.docx"):
        assert fonts(suivi_output / "docx" / nom) == expected_fonts, nom


@pytest.fixture(scope="module")
def modifications_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """L'annexe « modifications » (`acv build --depuis REV`) où chaque partie a de quoi s'écrire."""
    if shutil.which("git") is None:
        pytest.skip("git absent : annexe « modifications » non construite")
    tmp = tmp_path_factory.mktemp("build-modifications")
    data, base = complete_git_repo(tmp)
    out = tmp / "out"
    formats = "html,md,docx"
    result = run(
        "build", "--data", str(data), "--out", str(out), "--format", formats, "--from-ref", base
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def test_annexe_modifications_tableaux_titres_dans_chaque_format(
    modifications_output: Path,
) -> None:
    page = (modifications_output / "html" / "modifications.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table\b[^>]*>\s*(<caption[^>]*>(.*?)</caption>)?", page, re.S)
    assert tables and all(caption for caption, _titre in tables)
    html_titles = [html.unescape(titre).strip() for _caption, titre in tables]
    # Le titre de chaque tableau est celui de sa section (le titre h2 ou h3 qui le précède), le
    # même en DOCX (w:tblCaption) et en Markdown (le titre ## ou ### qui précède le tableau).
    sections = []
    last = ""
    for heading, _table in re.findall(r"<h[23][^>]*>(.*?)</h[23]>|(<table\b)", page):
        if heading:
            last = html.unescape(heading)
        else:
            sections.append(last)
    assert html_titles == sections
    docx_titles = _titres_docx(modifications_output)["modifications.docx"]
    assert docx_titles == html_titles
    md = (modifications_output / "md" / "modifications.md").read_text(encoding="utf-8")
    md_titles = []
    last = ""
    previous = ""
    for line in md.splitlines():
        if line.startswith(("## ", "### ")):
            last = line.split(" ", 1)[1]
        elif line.startswith("|") and not previous.startswith("|"):
            md_titles.append(last)
        previous = line
    assert [t.replace("\\", "") for t in md_titles] == html_titles
    assert "Suivi des financements" in html_titles
    assert any(t.startswith("FA 56 ") for t in html_titles) and "Coût par axe" in html_titles


def test_annexe_modifications_ni_tiret_seul_ni_faux_inconnu(modifications_output: Path) -> None:
    page = (modifications_output / "html" / "modifications.html").read_text(encoding="utf-8")
    cells = re.findall(r"<td\b[^>]*>(.*?)</td>", page, re.S)
    assert cells
    # Une valeur absente se dit en mots ; un écart sans objet (statut, sous-axe…) n'est pas
    # « non renseigné » : sa cellule reste vide, dans chaque format.
    assert not {c.strip() for c in cells} & {"–", "—", "-"}
    statut = re.search(r"<th scope=\"row\">Statut</th>(.*?)</tr>", page, re.S)
    assert statut and re.findall(r"<td\b[^>]*>(.*?)</td>", statut.group(1)) == [
        "non renseigné",
        "en cours",
        "",
    ]
    md = (modifications_output / "md" / "modifications.md").read_text(encoding="utf-8")
    assert "| Statut | non renseigné | en cours |  |" in md
    assert not re.search(r"\| [–—-] \|", md)
    document = docx.Document(str(modifications_output / "docx" / "modifications.docx"))
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["Statut", "non renseigné", "en cours", ""] in rows
    assert not {c for r in rows for c in r} & {"–", "—", "-"}


def test_annexe_modifications_une_seule_police_comme_les_autres(
    output: Path, modifications_output: Path
) -> None:
    def fonts(path: Path) -> set[str]:
        styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
        return set(re.findall(r'w:ascii="([^"]+)"', styles))

    expected_fonts = fonts(output / "docx" / "plan-action.docx")
    assert fonts(modifications_output / "docx" / "modifications.docx") == expected_fonts
