"""Une seule police pour tout le DOCX, celle du HTML : Calibri, que Carlito remplace à l'identique."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from acvkit.views.typographie import POLICE_CORPS

ATTRIBUTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
THEMES = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")


def police_unique(document: Document) -> None:
    """Police du corps sur les propriétés par défaut et sur chaque style (titres compris)."""
    racine = document.styles.element
    rpr_defaut = racine.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    cibles = [rpr_defaut] if rpr_defaut is not None else []
    # Chaque choix de police des styles, y compris les parties conditionnelles des tableaux.
    cibles += [p.getparent() for p in racine.iter(qn("w:rFonts")) if p.getparent() is not None]
    for rpr in dict.fromkeys(cibles):
        polices = rpr.find(qn("w:rFonts"))
        if polices is None:
            polices = OxmlElement("w:rFonts")
            rpr.insert(0, polices)
        for theme in THEMES:
            if polices.get(qn(theme)) is not None:
                del polices.attrib[qn(theme)]
        for attribut in ATTRIBUTS:
            polices.set(qn(attribut), POLICE_CORPS)
