"""La page et le fichier des DOCX : format A4, marges, langue, styles de base, propriétés, pied.

Réglé une fois par document (python-docx) ; le contenu des tableaux est écrit par docx_xml.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt

from acvkit.annexes.docx import xml as docx_xml
from acvkit.annexes.docx.xml import safe_text

LANGUAGE = "fr-FR"


def a4_page(section: Section, *, landscape: bool = False) -> None:
    """A4 portrait (marges de 20 mm) ou paysage (marges de 15 mm)."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        margin = Mm(15)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        margin = Mm(20)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Mm(8)


def usable_width(section: Section) -> int:
    """Largeur entre les marges, en EMU."""
    return (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )


def french_language(document: Document) -> None:
    """w:lang fr-FR sur les propriétés par défaut et le style Normal (correcteur, césure, guillemets)."""
    styles = document.styles.element
    default_rpr = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    normal = document.styles["Normal"].element.get_or_add_rPr()
    for rpr in (default_rpr, normal):
        if rpr is None:
            continue
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


def no_thumbnail(document: Document) -> None:
    """Retire l'aperçu du modèle vide de python-docx, qui ne montrerait pas l'annexe."""
    relations = document.part.package.rels
    for rid in [r for r, rel in relations.items() if rel.reltype == RT.THUMBNAIL]:
        del relations[rid]


def plain_styles(document: Document) -> None:
    """Corps en 10 points, paragraphes peu espacés : une fiche tient sur une ou deux pages."""
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    document.styles["Caption"].paragraph_format.space_before = Pt(4)


def properties(document: Document, *, titre: str, subject: str, date: datetime) -> None:
    """Propriétés du fichier, toutes fixées : deux rendus des mêmes données sont identiques."""
    props = document.core_properties
    props.title = titre[:255]
    props.subject = subject[:255]
    props.author = "acvkit"
    props.last_modified_by = "acvkit"
    props.language = LANGUAGE
    props.keywords = "Action Cœur de Ville"
    props.comments = ""
    props.category = ""
    props.created = date
    props.modified = date
    props.last_printed = date
    props.revision = 1


def footer(section: Section, texte: str) -> None:
    """« <texte> – page N » centré, avec un vrai champ PAGE."""
    paragraphe = section.footer.paragraphs[0]
    paragraphe.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_xml.run(paragraphe._p, safe_text(f"{texte} – page "), half_points="16")  # 8 points
    champ = OxmlElement("w:fldSimple")
    champ.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    rpr.append(size)
    run.append(rpr)
    valeur = OxmlElement("w:t")
    valeur.text = "1"
    run.append(valeur)
    champ.append(run)
    paragraphe._p.append(champ)


def whole_twips(largeurs: Sequence[int]) -> list[int]:
    """Les largeurs arrondies au vingtième de point inférieur : leur somme, écrite en vingtièmes
    (w:gridCol, w:tcW), ne dépasse jamais celle des largeurs données."""
    return [largeur - largeur % EMU_PER_TWIP for largeur in largeurs]


EMU_PER_TWIP = 635

# Marges intérieures gauche et droite d'une cellule (« Table Grid », celles de Word : 108 twips).
CELL_MARGIN = Length(108 * EMU_PER_TWIP)


def inner_width(largeur: int) -> int:
    """La largeur utile d'une cellule de `largeur` EMU : ce qu'y tient un tableau imbriqué."""
    return largeur - 2 * int(CELL_MARGIN)
