"""Accessibilité des DOCX : chaque tableau a un titre (w:tblCaption), lu par les lecteurs d'écran.

Le titre d'un tableau est celui de la section qui le précède (dernier titre « Heading ») ; un
tableau imbriqué dans une cellule prend le libellé de sa rubrique. Ajouté après le rendu, sans
toucher aux fonctions d'écriture.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from acvkit.annexes.docx.helpers import safe_text


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()


def _caption_just_before(data_table: Any) -> str | None:
    """Le texte de la légende (style « Caption ») écrite juste avant ce tableau, s'il y en a une."""
    previous = data_table.getprevious()
    if previous is None or previous.tag != qn("w:p"):
        return None
    style = previous.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    if style is None or style.get(qn("w:val")) != "Caption":
        return None
    return _text(previous) or None


def _titre_section(data_table: Any) -> str | None:
    """Le texte du dernier paragraphe de titre avant ce tableau, au même niveau."""
    previous = data_table.getprevious()
    while previous is not None:
        if previous.tag == qn("w:p"):
            style = previous.find(qn("w:pPr") + "/" + qn("w:pStyle"))
            if style is not None and (style.get(qn("w:val")) or "").startswith(
                ("Heading", "Title")
            ):
                return _text(previous) or None
        previous = previous.getprevious()
    return None


def table_titles(document: Document, titre_document: str, *, captions: bool = False) -> None:
    """Un titre à chaque tableau qui n'en a pas ; avec `legendes`, la légende écrite juste avant
    le tableau, quand il y en a une, plutôt que le titre de sa section."""
    for ordinal, data_table in enumerate(document.element.body.iter(qn("w:tbl")), start=1):
        tblpr = data_table.find(qn("w:tblPr"))
        if tblpr is None or tblpr.find(qn("w:tblCaption")) is not None:
            continue
        titre = (_caption_just_before(data_table) if captions else None) or _titre_section(
            data_table
        )
        cellule = data_table.getparent()
        if cellule is not None and cellule.tag == qn("w:tc"):
            rubric = cellule.getprevious()
            libelle = _text(rubric) if rubric is not None else ""
            titre = libelle or titre
        caption = OxmlElement("w:tblCaption")
        caption.set(qn("w:val"), safe_text(titre or f"{titre_document}, tableau {ordinal}"))
        description = tblpr.find(qn("w:tblDescription"))
        if description is not None:
            description.addprevious(caption)
        else:
            tblpr.append(caption)
