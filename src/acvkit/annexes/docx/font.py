"""Une seule police pour tout le DOCX, celle du HTML : Calibri, que Carlito remplace à l'identique."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from acvkit.views.typography import BODY_FONT

ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
THEMES = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")


def single_font(document: Document) -> None:
    """Police du corps sur les propriétés par défaut et sur chaque style (titres compris)."""
    root_dir = document.styles.element
    default_rpr = root_dir.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    cibles = [default_rpr] if default_rpr is not None else []
    # Chaque choix de police des styles, y compris les parties conditionnelles des tableaux.
    cibles += [p.getparent() for p in root_dir.iter(qn("w:rFonts")) if p.getparent() is not None]
    for rpr in dict.fromkeys(cibles):
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for theme in THEMES:
            if fonts.get(qn(theme)) is not None:
                del fonts.attrib[qn(theme)]
        for attribute in ATTRIBUTES:
            fonts.set(qn(attribute), BODY_FONT)
