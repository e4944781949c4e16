"""Rendu DOCX des annexes : relu avec python-docx, titre par titre et cellule par cellule."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from acvkit.annexes.assemble import build_annexes
from acvkit.annexes.docx.render import AVENANT_BLUE, COVERED_BLUE, render_docx
from acvkit.annexes.formats import ANNEXES, RenderInput
from acvkit.loading import load_folder
from tests.conftest import AVENANT, POSITIVE, edit

NNBSP = "\u202f"  # séparateur des milliers
NB = "\u00a0"  # avant « € »
TODAY = date(2026, 1, 1)


def _render(folder: Path) -> dict[str, bytes]:
    loaded = load_folder(folder)
    annexes = build_annexes(loaded.dataset, TODAY)
    return render_docx(RenderInput(annexes, Path("src/acvkit/templates"), loaded.dataset))


def _open(files: dict[str, bytes], slug: str) -> Document:
    document: Document = docx.Document(io.BytesIO(files[f"docx/{slug}.docx"]))
    return document


@pytest.fixture(scope="module")
def actual() -> dict[str, bytes]:
    return _render(AVENANT)


def _titres(document: Document, level: int) -> list[str]:
    return [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name == f"Heading {level}"
    ]


def _table_after(document: Document, titre: str, ordinal: int = 0) -> Table:
    """La `rang`-ième table qui suit le titre dont le texte est `titre`."""
    seen = False
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph) and block.text == titre:
            seen = True
        elif seen and isinstance(block, Table):
            if ordinal == 0:
                return block
            ordinal -= 1
    raise AssertionError(f"pas de table après « {titre} »")


def _all_paragraphs(document: Document) -> list[Paragraph]:
    """Les paragraphes du corps et de toutes les cellules, tableaux imbriqués compris."""
    return [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]


def _texts(table: Table, line: int) -> list[str]:
    return [c.text for c in table.rows[line].cells]


def _row(table: Table, first_cell: str) -> list[_Cell]:
    return next(r.cells for r in table.rows if r.cells[0].text == first_cell)


def _shading(cell: _Cell) -> str | None:
    shd = cell._tc.find(qn("w:tcPr") + "/" + qn("w:shd"))
    return None if shd is None else shd.get(qn("w:fill"))


# --- L'ensemble -----------------------------------------------------------------------------------


def test_six_documents_a4_en_francais(actual: dict[str, bytes]) -> None:
    # Les six annexes, et l'index (sommaire et points d'attention).
    expected_items = [f"docx/{slug}.docx" for slug, _ in ANNEXES] + ["docx/index.docx"]
    assert sorted(actual) == sorted(expected_items)
    for slug, titre in ANNEXES:
        document = _open(actual, slug)
        section = document.sections[0]
        largeur, height = section.page_width, section.page_height
        assert largeur is not None and height is not None, slug
        dimensions = sorted(round(x.mm) for x in (largeur, height))
        assert dimensions == [210, 297], slug
        landscape = slug in {"recapitulatif", "maquette-financiere", "programmation"}
        assert (section.orientation == WD_ORIENT.LANDSCAPE) is landscape, slug
        assert (round(largeur.mm) == 297) is landscape, slug
        styles = document.styles.element
        language = styles.find(
            "/".join(qn(t) for t in ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:lang"))
        )
        assert language is not None and language.get(qn("w:val")) == "fr-FR"
        props = document.core_properties
        assert (props.title, props.author, props.language, props.revision) == (
            titre,
            "acvkit",
            "fr-FR",
            1,
        )
        assert props.created == props.modified == datetime(2026, 1, 1, tzinfo=UTC)
        assert (
            "docProps/thumbnail.jpeg"
            not in zipfile.ZipFile(io.BytesIO(actual[f"docx/{slug}.docx"])).namelist()
        )
        # Le cartouche : titre au style Title, puis programme, territoire, période, date.
        assert document.paragraphs[0].style is not None
        assert document.paragraphs[0].style.name == "Title"
        assert document.paragraphs[0].text == titre
        texte = "\n".join(p.text for p in document.paragraphs[:8])
        assert "Programme : Action Cœur de Ville" in texte
        assert "Territoire : Ville de Béthune et Ville de Bruay-La-Buissière" in texte
        assert "du 1er janvier 2024 au 31 décembre 2026" in texte
        assert "le 1er janvier 2026 par acvkit" in texte


def test_tableaux_a_en_tete_repete(actual: dict[str, bytes]) -> None:
    for slug, _ in ANNEXES:
        document = _open(actual, slug)
        assert document.tables, slug
        for table in document.tables:
            assert table.style is not None and table.style.name == "Table Grid"
            if table.rows[0].cells[0].text == "Collectivité":
                continue  # fiche signalétique d'une fiche action : sans en-tête
            first = table.rows[0]._tr
            assert first.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None, slug


def test_rendus_identiques(actual: dict[str, bytes]) -> None:
    second = _render(AVENANT)
    assert sorted(second) == sorted(actual)
    for path, content in actual.items():
        before, after = (
            zipfile.ZipFile(io.BytesIO(content)),
            zipfile.ZipFile(io.BytesIO(second[path])),
        )
        assert before.namelist() == after.namelist(), path
        for nom in before.namelist():
            assert before.read(nom) == after.read(nom), f"{path} : {nom}"


# --- Plan d'action et évaluation ------------------------------------------------------------------


def test_plan_action_par_axe_et_sous_axe(actual: dict[str, bytes]) -> None:
    document = _open(actual, "plan-action")
    assert _titres(document, 1) == [
        "Axe 1 – De la réhabilitation à la restructuration : vers une offre attractive de l'habitat en centre-ville",
        "Axe 2 – Favoriser un développement économique et commercial équilibré",
        "Axe 3 – Développer l'accessibilité, les mobilités et les connexions",
        "Axe 4 – Aménager durablement l'espace urbain, mettre en valeur les formes urbaines, l'espace public et le patrimoine",
        "Axe 5 – Constituer un socle de services dans chaque ville",
    ]
    assert "4.2 – Requalification de l'espace public" in _titres(document, 2)
    table = _table_after(document, "4.2 – Requalification de l'espace public")
    assert _texts(table, 0) == ["Fiche", "Collectivité", "Intitulé de l'action"]
    assert [r.cells[0].text for r in table.rows[1:]] == ["FA 42", "FA 62", "FA 63"]


def test_evaluation(actual: dict[str, bytes]) -> None:
    document = _open(actual, "evaluation")
    assert _titres(document, 1)[-1].startswith("Axe transversal – ")
    table = _table_after(document, _titres(document, 1)[0])
    assert _texts(table, 0) == [
        "Objectif (critère d'évaluation)",
        "Indicateur",
        "Sources",
        "Périmètre",
    ]
    assert _texts(table, 1) == [
        "Le nombre de logements insalubres est réduit",
        "Nombre de logements vacants",
        "DHUP – Mission Lutte contre la vacance de logement\n"
        "Zéro Logement Vacant (Données LOVAC)\nService Habitat (CABBALR)",
        "Commune",
    ]


# --- Programmation ---------------------------------------------------------------------------------


def test_programmation_une_colonne_par_annee(actual: dict[str, bytes]) -> None:
    document = _open(actual, "programmation")
    table = _table_after(document, "Calendrier des fiches action")
    annees = [str(a) for a in range(2022, 2030)]
    # Les années de l'avenant portent « ◆ » : pas de sens par la seule couleur.
    marked = [f"{a} ◆" if a in {"2024", "2025", "2026"} else a for a in annees]
    assert _texts(table, 0) == ["Fiche", "Intitulé de l'action", *marked, "Lancement → livraison"]
    header = dict(zip(annees, table.rows[0].cells[2:], strict=False))
    for annee, cell in header.items():
        avenant = annee in {"2024", "2025", "2026"}
        assert (_shading(cell) == AVENANT_BLUE) is avenant, annee
        assert cell.paragraphs[0].runs[0].bold
    # FA 1 : T4 2022 → T3 2027, dont les années de l'avenant en bleu foncé.
    fa1 = _row(table, "FA 1")
    covered = [a for a, c in zip(annees, fa1[2:], strict=False) if _shading(c)]
    assert covered == ["2022", "2023", "2024", "2025", "2026", "2027"]
    assert all(c.text == "■" for c in fa1[2:8]) and fa1[8].text == ""
    assert _shading(fa1[4]) == COVERED_BLUE
    assert _shading(fa1[2]) != COVERED_BLUE
    assert fa1[-1].text == "T4 2022 → T3 2027"
    assert fa1[1].text.startswith("Suivi et animation de l'OPAH-RU\nCommunauté d'Agglomération")
    # Une fiche à étapes : une ligne par étape, dates telles qu'écrites.
    fa59 = _row(table, "FA 59")
    assert fa59[-1].text.count("\n") == 1
    # FA 61 n'est pas datée : aucune case, le texte le dit.
    fa61 = _row(table, "FA 61")
    assert not any(_shading(c) for c in fa61[2:-1])
    assert fa61[-1].text == "A déterminer → A déterminer"
    assert fa61[-1].paragraphs[0].runs[0].italic


# --- Fiches action --------------------------------------------------------------------------------


REAL_FICHES = [
    41,
    42,
    43,
    44,
    45,
    48,
    62,
    63,
    64,
    65,
    51,
    52,
    53,
    54,
    55,
    56,
    1,
    57,
    58,
    59,
    60,
    61,
]


def test_fiches_action_une_par_page(actual: dict[str, bytes]) -> None:
    document = _open(actual, "fiches-action")
    assert _titres(document, 1) == [
        "Ville de Béthune",
        "Ville de Bruay-La-Buissière",
        "Communauté d'Agglomération de Béthune-Bruay, Artois Lys Romane",
    ]
    fiches = _titres(document, 2)
    assert [int(t.split(" – ")[0].removeprefix("FA ")) for t in fiches] == REAL_FICHES
    assert "FA 54 – Place Nature - Aménagement de la place de l'Europe" in fiches
    assert "Description du projet" in [r.cells[0].text for r in document.tables[0].rows]
    # Entre deux fiches, un saut de page : porté par le titre de la fiche ou de sa collectivité.
    previous: Paragraph | None = None
    seen = 0
    for paragraph in document.paragraphs:
        nom = paragraph.style.name if paragraph.style is not None else ""
        if nom == "Heading 2":
            if seen:
                breaking_paragraph = (
                    paragraph if paragraph.paragraph_format.page_break_before else previous
                )
                assert (
                    breaking_paragraph is not None
                    and breaking_paragraph.paragraph_format.page_break_before
                ), paragraph.text
            seen += 1
        previous = paragraph if nom == "Heading 1" else None
    assert seen == 22


def test_fiche_action_contenu(actual: dict[str, bytes]) -> None:
    document = _open(actual, "fiches-action")
    identity_table = _table_after(
        document, "FA 54 – Place Nature - Aménagement de la place de l'Europe"
    )
    rubrics = {r.cells[0].text: r.cells[1].text for r in identity_table.rows}
    assert rubrics["Collectivité"] == "Ville de Bruay-La-Buissière"
    assert rubrics["Type"] == "Action"
    paragraphs = _all_paragraphs(document)
    bullets = [p.text for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert "Fluidifier la circulation" in bullets
    sub_bullets = [
        p.text for p in paragraphs if p.style is not None and p.style.name == "List Bullet 2"
    ]
    assert "Fonctionnalité des espaces" in sub_bullets
    # FA 62 : postes chiffrés, alignés à droite, dans la rubrique « Coût prévisionnel ».
    fa62 = _table_after(
        document, "FA 62 – Aménagement des places en hypercentre ( Clémenceau, République-Joffre)"
    )
    postes = _row(fa62, "Coût prévisionnel")[1].tables[0]
    assert _texts(postes, 0) == ["Poste", "Montant"]
    assert _texts(postes, 1) == ["Place Clémenceau", f"250{NNBSP}000{NB}€"]
    assert postes.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    to_be_determined = [r for p in paragraphs for r in p.runs if r.text == "A déterminer"]
    assert to_be_determined and all(r.italic for r in to_be_determined)


# --- Récapitulatif et maquette --------------------------------------------------------------------


def test_recapitulatif_bruay(actual: dict[str, bytes]) -> None:
    document = _open(actual, "recapitulatif")
    table = _table_after(document, "Ville de Bruay-La-Buissière")
    assert _texts(table, 0)[:2] == ["Fiche", "Intitulé de l'action"]
    fa54 = _row(table, "FA 54")
    assert fa54[5].text == f"1{NNBSP}712{NNBSP}934{NB}€ TTC"
    assert fa54[5].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    fa51 = _row(table, "FA 51")
    assert fa51[5].text == "A déterminer"
    assert fa51[5].paragraphs[0].runs[0].italic
    total = table.rows[-1].cells
    assert total[0].text == "Total – Ville de Bruay-La-Buissière"
    assert (
        total[5].text == f"2{NNBSP}063{NNBSP}686{NB}€ TTC + 261{NNBSP}501{NB}€ (base non précisée)"
    )
    assert total[6].text == (
        f"Financements des partenaires : 450{NNBSP}826{NB}€ TTC + 100{NNBSP}625,61{NB}€ "
        "(base non précisée)"
    )
    notes = [p.text for p in document.paragraphs]
    assert "Coût à déterminer, non compris dans le total : FA 51, FA 53." in notes
    partial = "Coût partiellement chiffré (un poste reste à définir), compris pour sa part chiffrée"
    assert f"{partial} : FA 52." in notes


def test_maquette_un_financeur_par_colonne(actual: dict[str, bytes]) -> None:
    document = _open(actual, "maquette-financiere")
    table = _table_after(document, "Par fiche action")
    entetes = _texts(table, 0)
    assert entetes[:3] == ["Fiche", "Intitulé de l'action", "Coût prévisionnel"]
    assert entetes[-1] == "Reste à charge"
    # Sigle en tête de colonne quand l'organisation en a un, nom complet dans la légende.
    assert "CABBALR" in entetes and "Ville de Béthune" in entetes
    captions = " ".join(p.text for p in document.paragraphs)
    assert "CABBALR : Communauté d'Agglomération de Béthune-Bruay, Artois Lys Romane" in captions
    fa54 = _row(table, "FA 54")
    assert fa54[2].text == f"1{NNBSP}712{NNBSP}934{NB}€ TTC"
    assert fa54[entetes.index("CABBALR")].text == f"225{NNBSP}000{NB}€ TTC (base : celle du coût)"
    assert fa54[-1].text == f"1{NNBSP}487{NNBSP}934{NB}€ TTC"
    fa1 = _row(table, "FA 1")
    assert fa1[entetes.index("ANAH")].text == "montant non précisé"
    assert fa1[entetes.index("ANAH")].paragraphs[0].runs[0].italic
    assert fa1[-1].text == "non déterminable : ANAH sans montant"


def test_maquette_totaux_par_base(actual: dict[str, bytes]) -> None:
    """Une ligne par collectivité (ou axe), comme en HTML : chaque montant dit ses bases."""
    document = _open(actual, "maquette-financiere")
    by_collectivite = _table_after(document, "Par collectivité")
    assert _texts(by_collectivite, 0)[:3] == ["Collectivité porteuse", "Fiches", "Coût chiffré"]
    bruay = [
        [c.text.replace("\u00ad", "") for c in r.cells[1:6]]
        for r in by_collectivite.rows
        if r.cells[0].text == "Ville de Bruay-La-Buissière"
    ]
    # L'autofinancement (colonne 4) : un total connu et nul s'écrit « 0 € », comme en HTML.
    assert bruay == [
        [
            "6",
            f"2{NNBSP}063{NNBSP}686{NB}€ TTC + 261{NNBSP}501{NB}€ (base non précisée)",
            f"450{NNBSP}826{NB}€ TTC + 100{NNBSP}625,61{NB}€ (base non précisée)",
            f"0{NB}€",
            f"1{NNBSP}612{NNBSP}860{NB}€ TTC + 140{NNBSP}875,39{NB}€ (base non précisée)",
        ]
    ]
    by_axe = _table_after(document, "Par axe")
    total = [[c.text for c in r.cells[1:6]] for r in by_axe.rows if r.cells[0].text == "Total"]
    assert len(total) == 1
    assert total[0][1].startswith(f"9{NNBSP}535{NNBSP}500{NB}€ HT + ")


def test_maquette_graphiques_en_images(actual: dict[str, bytes]) -> None:
    document = _open(actual, "maquette-financiere")
    assert "█" not in "".join(p.text for p in document.paragraphs)
    assert all("█" not in c.text for t in document.tables for r in t.rows for c in r.cells)
    images = [r for r in document.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) >= 2
    descriptions = [
        d.get("descr", "")
        for d in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert len(descriptions) == len(images)
    assert all(d.startswith("Coût chiffré") for d in descriptions)
    # Un graphique par base : jamais de HT avec du TTC ; l'axe 5, à déterminer, est dit manquant.
    assert any("HT, par axe" in d and "Axe 3" in d for d in descriptions)
    assert all("Non représenté : Axe 5" in d for d in descriptions if "par axe" in d)


# --- Petit jeu de données, et du texte qui n'est jamais interprété ---------------------------------


def test_jeu_positif() -> None:
    files = _render(POSITIVE)
    plan = _open(files, "plan-action")
    assert [t.split(" – ")[0] for t in _titres(plan, 1)] == ["Axe 3", "Axe 4"]
    fiches = _open(files, "fiches-action")
    assert _titres(fiches, 2) == ["FA 1 – Aménagement des places", "FA 2 – Schéma cyclable"]
    programmation = _open(files, "programmation")
    table = _table_after(programmation, "Calendrier des fiches action")
    assert _texts(table, 0)[2:-1] == ["2024 ◆", "2025 ◆", "2026 ◆"]
    assert (
        _row(table, "FA 2")[-1].text
        == "Études : 2024 → T2 2024\nTravaux : S2 2024 → Printemps 2025"
    )


def test_texte_insere_tel_quel(positive: Path) -> None:
    fiche = positive / "fiches" / "bethune" / "fa-1-places.yaml"
    trap = '<script>alert("x")</script> =HYPERLINK("x") {{ titre }} &amp;'
    edit(fiche, "Une étude des places a été menée.", trap)
    edit(fiche, "titre: Aménagement des places", 'titre: "=HYPERLINK(\\"x\\") <b>gras</b>"')
    files = _render(positive)
    fiches = _open(files, "fiches-action")
    assert trap in [p.text for p in _all_paragraphs(fiches)]
    assert 'FA 1 – =HYPERLINK("x") <b>gras</b>' in _titres(fiches, 2)
    recap = _open(files, "recapitulatif")
    assert (
        _row(_table_after(recap, "Ville de Béthune"), "FA 1")[1].text
        == '=HYPERLINK("x") <b>gras</b>'
    )
    xml = zipfile.ZipFile(io.BytesIO(files["docx/fiches-action.docx"])).read("word/document.xml")
    assert b"<script>" not in xml and b"&lt;script&gt;" in xml
    assert b"w:fldSimple" not in xml and b"w:instrText" not in xml  # aucun champ Word créé


def test_caractere_de_controle_remplace(positive: Path) -> None:
    fiche = positive / "fiches" / "bethune" / "fa-1-places.yaml"
    edit(fiche, "titre: Aménagement des places", 'titre: "Aménagement\\x01 des places"')
    fiches = _open(_render(positive), "fiches-action")
    assert "FA 1 – Aménagement\ufffd des places" in _titres(fiches, 2)
