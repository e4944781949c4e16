"""Un seul document dans chaque format : tout texte des fiches se retrouve en HTML, Markdown et DOCX.

Le test parcourt chaque champ de chaque fiche des données réelles (notes `_note` comprises) et
cherche chaque valeur de texte dans la sortie de chaque format, relue (HTML sans balises,
Markdown sans échappements, DOCX paragraph par paragraph, tableaux imbriqués compris).
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from acvkit.annexes.context import Bar
from acvkit.charts.png import svg_png
from acvkit.charts.svg import bars_svg
from acvkit.loading import load_folder
from acvkit.views.typography import without_private_use
from tests.conftest import DATA, run

# Identifiants et codes : rendus par leur nom ou leur libellé, pas tels quels.
IDENTIFIERS = {
    "collectivite",
    "maitre_ouvrage",
    "financeur",
    "partenaires",
    "indicateurs_evaluation",
    "sous_axe",
    "type",
    "base",
    "statut",
}
# Une puce en tête de ligne devient une puce de liste : le texte qui la suit doit rester.
BULLET = re.compile(r"^[•\-–o\uf0d8]\s+")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _norm(texte: str) -> str:
    texte = without_private_use(texte).replace("\u202f", " ").replace("\u00a0", " ")
    return " ".join(texte.replace("*", "").split())


def valeurs(obj: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k not in IDENTIFIERS:
                yield from valeurs(v, k)
    elif isinstance(obj, list):
        for v in obj:
            yield from valeurs(v, key)
    elif isinstance(obj, str):
        for line in obj.split("\n"):
            texte = BULLET.sub("", line.strip())
            if texte:
                yield key, texte


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", "--data", str(DATA), "--out", str(out), "--format", "html,md,docx")
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def _docx_paragraphs(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
    ]


def _texts(output: Path) -> dict[str, str]:
    page = (output / "html/fiches-action.html").read_text(encoding="utf-8")
    markdown = (output / "md/fiches-action.md").read_text(encoding="utf-8")
    return {
        "html": _norm(html.unescape(re.sub(r"<[^>]+>", " ", page))),
        "md": _norm(re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", markdown)),
        "docx": _norm(" ".join(_docx_paragraphs(output / "docx/fiches-action.docx"))),
    }


def test_chaque_texte_de_chaque_fiche_dans_chaque_format(output: Path) -> None:
    textes = _texts(output)
    fiches = load_folder(DATA).dataset.fiches
    missing = []
    seen = 0
    for entry in fiches:
        fiche = entry.model.model_dump(mode="json", exclude_none=True)
        for key, valeur in valeurs(fiche):
            if key == "classement_fiche" and "axe_rattachement" in fiche:
                # La rubrique montre l'axe de rattachement de la fiche, tel qu'écrit ; le
                # classement qu'elle en tire est un point d'attention de l'index (plus bas).
                continue
            seen += 1
            for format_, texte in textes.items():
                if _norm(valeur) not in texte:
                    missing.append(f"FA {entry.model.numero} {key} ({format_}) : {valeur[:60]}")
    assert seen > 300  # tout le texte des 22 fiches, pas un échantillon
    assert not missing, "\n".join(missing)


def test_plan_d_action_a_l_intitule_de_l_article_7_1(output: Path) -> None:
    fiches = [e.model for e in load_folder(DATA).dataset.fiches if e.model.titre_plan]
    assert len(fiches) >= 5
    plan_html = html.unescape((output / "html/plan-action.html").read_text(encoding="utf-8"))
    plan_md = (output / "md/plan-action.md").read_text(encoding="utf-8")
    plan_docx = " ".join(_docx_paragraphs(output / "docx/plan-action.docx"))
    for fiche in fiches:
        assert fiche.titre_plan and fiche.titre_plan != fiche.titre
        for plan in (plan_html, plan_md, plan_docx):
            assert fiche.titre_plan in plan, fiche.numero
            assert f"FA {fiche.numero} " not in plan or fiche.titre not in plan


def test_docx_sans_caractere_d_usage_prive_ni_graphique_en_texte(output: Path) -> None:
    for path in sorted((output / "docx").glob("*.docx")):
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        assert not PRIVATE_USE.search(xml), path.name
        assert "█" not in xml, path.name
    # Les données gardent la puce Wingdings : c'est l'annexe qui la remplace.
    fa58 = next((DATA / "fiches").rglob("fa-58-*.yaml")).read_text(encoding="utf-8")
    assert "\uf0d8" in fa58
    assert "➢ Axe 1" in " ".join(_docx_paragraphs(output / "docx/fiches-action.docx"))


def test_fiche_docx_en_tableau_de_rubriques(output: Path) -> None:
    document = docx.Document(str(output / "docx/fiches-action.docx"))
    html_headings = re.findall(
        r'<th scope="row">([^<]+)</th>',
        (output / "html/fiches-action.html").read_text(encoding="utf-8").split('id="fa-1"')[1],
    )
    first = document.tables[0]
    docx_headings = [r.cells[0].text for r in first.rows]
    assert docx_headings == [html.unescape(r) for r in html_headings[: len(docx_headings)]]
    assert "Description du projet" in docx_headings and "Plan de financement" in docx_headings


def test_une_police_pour_le_html_et_le_docx(output: Path) -> None:
    page = (output / "html/plan-action.html").read_text(encoding="utf-8")
    font = re.search(r"body \{[^}]*font-family: ([^;]+);", page)
    assert font is not None
    first = font.group(1).split(",")[0].strip().strip("\"'")
    styles = zipfile.ZipFile(output / "docx/plan-action.docx").read("word/styles.xml").decode()
    fonts = set(re.findall(r'w:ascii="([^"]+)"', styles))
    assert fonts == {first}
    assert "Theme" not in re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", styles)


def test_a_determiner_avec_son_accent(output: Path) -> None:
    maquette = (output / "html/maquette-financiere.html").read_text(encoding="utf-8")
    assert "coût à déterminer" in maquette
    recap = " ".join(_docx_paragraphs(output / "docx/fiches-action.docx"))
    assert "À déterminer" in recap or "A déterminer" in recap


def test_image_de_graphique_reproductible() -> None:
    """Le DOCX montre le SVG du HTML rendu en PNG : même dessin, même police, mêmes octets."""
    bars = [
        Bar("Axe 1 – un libellé assez long pour être replié sur deux lignes", Decimal(3), "3 €"),
        Bar("Axe 2", Decimal("1.5"), "1,50 €"),
    ]
    svg = bars_svg(bars, "Essai")
    assert "Carlito" in svg  # la police des documents
    first = svg_png(svg)
    assert first == svg_png(bars_svg(bars, "Essai"))
    assert first.startswith(b"\x89PNG")
    assert b"tEXt" not in first and b"tIME" not in first
    assert first != svg_png(bars_svg(bars[:1], "Essai"))
    assert len(first) > 1000


def test_points_d_attention_dans_l_index(output: Path) -> None:
    result = run("validate", "--data", str(DATA), "--format", "json")
    warnings = [d for d in json.loads(result.stdout) if d["severity"] == "warning"]
    assert warnings
    index_html = html.unescape((output / "html/index.html").read_text(encoding="utf-8"))
    index_md = re.sub(r"\\(.)", r"\1", (output / "md/index.md").read_text(encoding="utf-8"))
    index_docx = "\n".join(_docx_paragraphs(output / "docx/index.docx"))
    classified = [e.model for e in load_folder(DATA).dataset.fiches if e.model.classement_fiche]
    assert {f.numero for f in classified} >= {44, 52, 62, 64}
    from acvkit.annexes.attention import FILE_RULES, SUMMARY_LIMIT

    per_code = Counter(d["code"] for d in warnings)
    for index in (index_html, index_md, index_docx):
        assert "Points d'attention" in index
        for d in warnings:
            # Une phrase sans code de règle ni chemin (résumée au-delà de SUMMARY_LIMIT).
            assert d["code"] not in index and ".yaml" not in index
            if d["code"] not in FILE_RULES and per_code[d["code"]] <= SUMMARY_LIMIT:
                assert f" : {d['message']}" in index, d
        for fiche in classified:
            assert f"FA {fiche.numero} : la fiche indique « {fiche.classement_fiche} »" in index
        assert "XXXXXXX" in index
        assert re.search(r"FA 44 : coût", index)


def test_organisations_de_l_avenant_connues() -> None:
    index = load_folder(DATA).dataset.alias_index()
    for nom in (
        "EPARECA",
        "MAES",
        "EGIS",
        "CBRE",
        "Auchan",
        "Flandres Opale Habitat",
        "SNCF",
        "CCI Artois",
        "INSEE",
        "DHUP",
        "DRAC",
        "Pôle Métropolitain de l’Artois",
        "Groupe Action Logement",
        "L'ADEME",
        "CEREMA",
        "Communauté d’Agglomération Béthune-Bruay Artois Lys Romane",
    ):
        assert nom.casefold() in index, nom
    seed = Path("/work/shared/seeds/000_4a2fc89b25bea6bb.txt")
    if seed.is_file():  # chaque sigle est écrit tel quel dans l'avenant
        texte = seed.read_text(encoding="utf-8")
        for entry in load_folder(DATA).dataset.partenaires:
            if entry.model.sigle:
                assert entry.model.sigle in texte, entry.model.sigle


# --- Mêmes colonnes, mêmes en-têtes, mêmes paragraphes dans chaque format -------------------------

# Les annexes comparées en-tête par en-tête et paragraph par paragraph. Les fiches action le sont
# champ par champ (plus haut) ; la programmation dessine en HTML le calendrier que Markdown et DOCX
# donnent en grille d'années : ses colonnes diffèrent par construction.
COMPARED_ANNEXES = ("plan-action", "evaluation", "recapitulatif", "maquette-financiere")
SUPERSCRIPT_DIGITS = str.maketrans("¹²³", "123")
# Le cartouche du DOCX (programme, territoire, période, date) : l'en-tête de page du HTML.
TITLE_BLOCK = ("Programme : ", "Territoire : ", "Période de l'avenant : ", "Document produit : ")


def _flat(texte: str) -> str:
    texte = html.unescape(texte).replace("\u00ad", "").translate(SUPERSCRIPT_DIGITS)
    return _norm(texte).replace(" 1 ", "1 ").replace("charge 1", "charge1")


def _html_parts(path: Path) -> tuple[set[tuple[str, ...]], list[str], str]:
    page = path.read_text(encoding="utf-8")
    main = re.sub(
        r"<figure.*?</figure>", "", page.split("<main", 1)[1].split("</main>")[0], flags=re.S
    )

    def text(part: str) -> str:
        return _flat(re.sub(r"<[^>]+>", "", part))

    headers = {
        tuple(text(c) for c in re.findall(r"<th[^>]*>(.*?)</th>", head, flags=re.S))
        for head in re.findall(r"<thead>(.*?)</thead>", main, flags=re.S)
    }
    paragraphs = [text(p) for p in re.findall(r"<p[^>]*>(.*?)</p>", main, flags=re.S)]
    paragraphs += [
        text(c) for c in re.findall(r"<caption>(.*?)</caption>", main, flags=re.S)
    ]  # légendes visibles (les « sr-only » sont pour les lecteurs d'écran)
    return headers, [p for p in paragraphs if p], text(main)


def _md_parts(path: Path) -> tuple[set[tuple[str, ...]], list[str], str]:
    lines = path.read_text(encoding="utf-8").splitlines()

    def text(part: str) -> str:
        return _flat(re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", part))

    headers = {
        tuple(text(c) for c in re.split(r"(?<!\\)\|", lines[i].strip())[1:-1])
        for i in range(len(lines) - 1)
        if lines[i].startswith("|") and re.match(r"\|\s*:?-", lines[i + 1])
    }
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if not line.strip() or line.startswith(("#", "|", "- ", "* ", ">", "<", "**")):
            if block:
                paragraphs.append(text(" ".join(block)))
            block = []
        else:
            block.append(line)
    return headers, paragraphs, text(" ".join(lines))


def _docx_parts(path: Path) -> tuple[set[tuple[str, ...]], list[str], str]:
    body = docx.Document(str(path)).element.body

    def text(element: Any) -> str:
        return _flat("".join(t.text or "" for t in element.iter(qn("w:t"))))

    headers = set()
    for tbl in body.iterchildren(qn("w:tbl")):
        first = tbl.find(qn("w:tr"))
        if first is not None and first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
            headers.add(tuple(text(tc) for tc in first.iterchildren(qn("w:tc"))))
    paragraphs = []
    for p in body.iterchildren(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and (style.get(qn("w:val")) or "").startswith(("Heading", "Title")):
            continue
        texte = text(p)
        if texte and not texte.startswith(TITLE_BLOCK):
            paragraphs.append(texte)
    # Le sous-titre du cartouche (l'intitulé du programme) n'est pas un paragraph de l'annexe.
    return headers, paragraphs[1:], text(body)


@pytest.mark.parametrize("annexe", COMPARED_ANNEXES)
def test_memes_en_tetes_et_paragraphes_dans_chaque_format(output: Path, annexe: str) -> None:
    parts = {
        "html": _html_parts(output / "html" / f"{annexe}.html"),
        "md": _md_parts(output / "md" / f"{annexe}.md"),
        "docx": _docx_parts(output / "docx" / f"{annexe}.docx"),
    }
    html_headers = parts["html"][0]
    assert html_headers
    for format_, (headers, _, _) in parts.items():
        assert headers == html_headers, (format_, headers ^ html_headers)
    different = [
        f"{source} → {cible} : {paragraph}"
        for source, (_, paragraphs, _) in parts.items()
        for cible, (_, _, texte) in parts.items()
        for paragraph in paragraphs
        if source != cible and paragraph not in texte
    ]
    assert not different, "\n".join(different)
