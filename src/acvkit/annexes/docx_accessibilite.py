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

from acvkit.annexes.docx_helpers import texte_sur


def _texte(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()


def _legende_juste_avant(tableau: Any) -> str | None:
    """Le texte de la légende (style « Caption ») écrite juste avant ce tableau, s'il y en a une."""
    precedent = tableau.getprevious()
    if precedent is None or precedent.tag != qn("w:p"):
        return None
    style = precedent.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    if style is None or style.get(qn("w:val")) != "Caption":
        return None
    return _texte(precedent) or None


def _titre_section(tableau: Any) -> str | None:
    """Le texte du dernier paragraphe de titre avant ce tableau, au même niveau."""
    precedent = tableau.getprevious()
    while precedent is not None:
        if precedent.tag == qn("w:p"):
            style = precedent.find(qn("w:pPr") + "/" + qn("w:pStyle"))
            if style is not None and (style.get(qn("w:val")) or "").startswith(
                ("Heading", "Title")
            ):
                return _texte(precedent) or None
        precedent = precedent.getprevious()
    return None


def titres_des_tableaux(document: Document, titre_document: str, *, legendes: bool = False) -> None:
    """Un titre à chaque tableau qui n'en a pas ; avec `legendes`, la légende écrite juste avant
    le tableau, quand il y en a une, plutôt que le titre de sa section."""
    for rang, tableau in enumerate(document.element.body.iter(qn("w:tbl")), start=1):
        tblpr = tableau.find(qn("w:tblPr"))
        if tblpr is None or tblpr.find(qn("w:tblCaption")) is not None:
            continue
        titre = (_legende_juste_avant(tableau) if legendes else None) or _titre_section(tableau)
        cellule = tableau.getparent()
        if cellule is not None and cellule.tag == qn("w:tc"):
            rubrique = cellule.getprevious()
            libelle = _texte(rubrique) if rubrique is not None else ""
            titre = libelle or titre
        caption = OxmlElement("w:tblCaption")
        caption.set(qn("w:val"), texte_sur(titre or f"{titre_document}, tableau {rang}"))
        description = tblpr.find(qn("w:tblDescription"))
        if description is not None:
            description.addprevious(caption)
        else:
            tblpr.append(caption)
