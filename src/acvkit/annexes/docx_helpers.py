"""Petits outils python-docx : page A4, langue, cellules (texte, trame, alignement), en-têtes répétés.

Ce qui touche au XML WordprocessingML que python-docx n'expose pas (w:shd, w:tblHeader, w:lang,
champ PAGE) est ici, pour que le rendu des annexes ne parle que de contenu.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.document import CT_Body
from docx.oxml.ns import qn
from docx.oxml.parser import register_element_cls
from docx.oxml.table import CT_Tbl
from docx.shared import Length, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from acvkit.annexes import docx_xml
from acvkit.annexes.docx_page import LANGUE as LANGUE
from acvkit.annexes.docx_page import langue_francaise as langue_francaise
from acvkit.annexes.docx_page import largeur_utile as largeur_utile
from acvkit.annexes.docx_page import page_a4 as page_a4
from acvkit.annexes.docx_page import pied_de_page as pied_de_page
from acvkit.annexes.docx_page import proprietes as proprietes
from acvkit.annexes.docx_page import sans_vignette as sans_vignette
from acvkit.annexes.docx_page import styles_sobres as styles_sobres
from acvkit.annexes.docx_xml import texte_sur as texte_sur

GRIS_EN_TETE = "D9D9D9"
TAILLE_TABLEAU = Pt(9)

# Ce que le document écrit à la place d'une valeur : mis en italique pour qu'on ne le lise pas
# comme une donnée.
_PROVISOIRES = (
    "A déterminer",
    "À déterminer",
    "A définir",
    "En cours",
    "montant non précisé",
    "non déterminable",
)


# --- Construction en temps linéaire -------------------------------------------------------------
#
# python-docx place chaque paragraphe ou tableau du corps avant le w:sectPr final en cherchant
# celui-ci parmi tous les enfants du corps (insert_element_before) : ajouter n blocs coûte n²/2
# comparaisons (une annexe de 2 000 fiches en compte des centaines de milliers). Ici, le w:sectPr
# est lu directement en dernier enfant (lxml le trouve sans parcourir les autres). Le XML produit
# est le même, octet pour octet ; `LINEAIRE = False` rend le chemin de python-docx, pour comparer.

LINEAIRE = True
_SECTPR = qn("w:sectPr")


class _CorpsLineaire(CT_Body):
    """w:body dont les ajouts (paragraphes, tableaux) se font en temps constant."""

    def _insert_p(self, p: Any) -> Any:
        return self._avant_sectpr(p, CT_Body._insert_p)

    def _insert_tbl(self, tbl: Any) -> Any:
        return self._avant_sectpr(tbl, CT_Body._insert_tbl)

    def _avant_sectpr(self, element: Any, general: Any) -> Any:
        if LINEAIRE:
            try:
                dernier = self[-1]  # lxml part du dernier enfant : temps constant
            except IndexError:
                dernier = None
            if dernier is not None and dernier.tag == _SECTPR:
                dernier.addprevious(element)
                return element
        return general(self, element)  # le chemin de python-docx


# Tout document ouvert ensuite par python-docx (le modèle vide de docx.Document()) a ce corps.
register_element_cls("w:body", _CorpsLineaire)


def provisoire(texte: str) -> bool:
    """« A déterminer », « A définir selon … », « En cours d'élaboration » : une valeur absente."""
    return texte.startswith(_PROVISOIRES)


def ajouter_texte(
    paragraphe: Paragraph,
    texte: str,
    *,
    gras: bool = False,
    italique: bool | None = None,
    taille: Length | None = None,
) -> Run:
    """Un run de texte brut (jamais interprété) ; italique par défaut pour une valeur provisoire."""
    if LINEAIRE:
        r = docx_xml.run(
            paragraphe._p,
            texte_sur(texte),
            gras=gras,
            italique=italique if italique is not None else provisoire(texte),
            demi_points=None if taille is None else _demi_points(taille),
        )
        return Run(r, paragraphe)
    run = paragraphe.add_run(texte_sur(texte))
    if gras:
        run.bold = True
    if italique if italique is not None else provisoire(texte):
        run.italic = True
    if taille is not None:
        run.font.size = taille
    return run


def _demi_points(taille: Length) -> str:
    """La taille en demi-points (w:sz), arrondie comme python-docx."""
    return str(int(int(taille) / 6350))  # 12 700 EMU le point


def styler(paragraphe: Paragraph, style_id: str) -> None:
    """Le style par son identifiant (« Heading1 », « ListBullet ») : python-docx, à qui l'on donne
    un nom, reparcourt tous les styles du document pour chaque paragraphe."""
    if LINEAIRE:
        docx_xml.style_paragraphe(paragraphe._p, style_id)
    else:
        paragraphe._p.style = style_id


# --- Tableaux ----------------------------------------------------------------------------------


def grille(document: Document, largeurs: Sequence[int]) -> Table:
    """Un tableau « Table Grid » vide, centré, à largeurs fixes (en EMU, une par colonne).

    Les largeurs sont écrites dans la grille (LibreOffice) et sur chaque cellule (Word).
    """
    if not LINEAIRE:
        table: Table = document.add_table(rows=0, cols=len(largeurs))
        table.style = document.styles["Table Grid"]
        _mettre_en_grille(table, largeurs)
        return table
    # document.add_table relit la largeur de la dernière section (une requête XPath sur tout le
    # corps) pour la répartir entre des colonnes dont la largeur est fixée juste après ; ici, le
    # tableau vide est fait une fois par jeu de largeurs, puis copié.
    corps = document._body
    style = _style_grille(document.part)
    cle = (style, "centre", *largeurs)
    modele = _MODELES_TABLEAU.get(cle)
    if modele is None:
        modele = CT_Tbl.new_tbl(0, len(largeurs), Length(sum(largeurs)))
        modele.tblStyle_val = style
        _mettre_en_grille(Table(modele, corps), largeurs)
        _MODELES_TABLEAU[cle] = modele
    tbl = modele.__copy__()
    corps._element._insert_tbl(tbl)
    return Table(tbl, corps)


def _mettre_en_grille(table: Table, largeurs: Sequence[int]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for colonne, largeur in zip(table.columns, largeurs, strict=True):
        colonne.width = Length(largeur)


# Les tableaux vides déjà faits, par style et largeurs (quelques-uns par document).
_MODELES_TABLEAU: dict[tuple[str | int | None, ...], Any] = {}


def sous_grille(cellule: _Cell, colonnes: int) -> Table:
    """Un tableau « Table Grid » vide dans une cellule, suivi du paragraphe vide que Word exige."""
    if not LINEAIRE:
        table: Table = cellule.add_table(rows=0, cols=colonnes)
        table.style = "Table Grid"
        table.autofit = False
        return table
    # Comme `_Cell.add_table`, sans chercher le style par son nom à chaque tableau.
    largeur = cellule.width or Length(914400)
    style = _style_grille(cellule.part)
    cle = (style, "cellule", colonnes, int(largeur))
    modele = _MODELES_TABLEAU.get(cle)
    if modele is None:
        modele = CT_Tbl.new_tbl(0, colonnes, largeur)
        modele.tblStyle_val = style
        Table(modele, cellule).autofit = False
        _MODELES_TABLEAU[cle] = modele
    tbl = modele.__copy__()
    cellule._tc.append(tbl)
    cellule._tc.append(cellule._tc.makeelement(docx_xml.P, {}))
    return Table(tbl, cellule)


_STYLES_GRILLE: weakref.WeakKeyDictionary[Any, str | None] = weakref.WeakKeyDictionary()


def _style_grille(part: Any) -> str | None:
    """L'identifiant du style « Table Grid », cherché une fois par document (et non par tableau)."""
    if part not in _STYLES_GRILLE:
        style = part.styles["Table Grid"]
        _STYLES_GRILLE[part] = part.get_style_id(style, WD_STYLE_TYPE.TABLE)
    return _STYLES_GRILLE[part]


def tableau(
    document: Document,
    en_tetes: Sequence[str],
    largeurs: Sequence[int],
    *,
    droite: Sequence[int] = (),
    taille: Length = TAILLE_TABLEAU,
) -> Table:
    """Une grille à une ligne d'en-tête grisée, en gras, répétée en haut de chaque page.

    `droite` : les colonnes de montants, dont l'en-tête s'aligne à droite comme eux.
    """
    table = grille(document, largeurs)
    en_tete = ligne(table, largeurs)
    for rang, (cellule, texte) in enumerate(zip(en_tete.cells, en_tetes, strict=True)):
        ecrire(cellule, texte, gras=True, droite=rang in droite, taille=taille)
        tramer(cellule, GRIS_EN_TETE)
    repeter_en_tete(en_tete)
    return table


def marges(table: Table, gauche_droite: Length) -> None:
    """Marges intérieures des cellules, à gauche et à droite (tableaux à colonnes étroites)."""
    tblpr = table._tbl.tblPr
    for ancien in tblpr.findall(qn("w:tblCellMar")):
        tblpr.remove(ancien)
    mar = OxmlElement("w:tblCellMar")
    for cote in ("left", "right"):
        element = OxmlElement(f"w:{cote}")
        element.set(qn("w:w"), str(int(gauche_droite) // 635))  # EMU → vingtièmes de point
        element.set(qn("w:type"), "dxa")
        mar.append(element)
    # w:tblCellMar précède w:tblLook dans w:tblPr (ordre du schéma).
    look = tblpr.find(qn("w:tblLook"))
    if look is None:
        tblpr.append(mar)
    else:
        look.addprevious(mar)


class Ligne:
    """Une ligne de tableau et ses cellules (python-docx recalcule `_Row.cells` à chaque lecture)."""

    __slots__ = ("_tr", "cells")

    def __init__(self, tr: Any, cells: list[_Cell]) -> None:
        self._tr = tr
        self.cells = cells


# Les largeurs des lignes en vingtièmes de point, par jeu de largeurs en EMU.
_TWIPS: dict[tuple[int, ...], tuple[str, ...]] = {}


def ligne(table: Table, largeurs: Sequence[int]) -> Ligne:
    """Une nouvelle ligne, qui ne se coupe pas d'une page à l'autre, aux largeurs de la grille."""
    if LINEAIRE:
        cle = tuple(largeurs)
        twips = _TWIPS.get(cle)
        if twips is None:
            twips = _TWIPS[cle] = tuple(str(Length(largeur).twips) for largeur in largeurs)
        tr, tcs = docx_xml.ligne(table._tbl, twips)
        return Ligne(tr, [_Cell(tc, table) for tc in tcs])
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # non annoté dans python-docx 1.2
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    for cellule, largeur in zip(row.cells, largeurs, strict=True):
        cellule.width = Length(largeur)
    return Ligne(row._tr, list(row.cells))


def repeter_en_tete(row: Ligne) -> None:
    """w:tblHeader : la ligne est répétée en haut de chaque page où le tableau continue."""
    trpr = row._tr.get_or_add_trPr()
    en_tete = OxmlElement("w:tblHeader")
    en_tete.set(qn("w:val"), "true")
    trpr.append(en_tete)


_APRES_SHD = {
    qn(f"w:{nom}")
    for nom in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
}


def tramer(cellule: _Cell, couleur: str) -> None:
    """Fond uni de la cellule (w:shd), couleur hexadécimale « RRGGBB »."""
    if LINEAIRE:
        docx_xml.trame(cellule._tc, couleur)
        return
    tcpr = cellule._tc.get_or_add_tcPr()
    for ancien in tcpr.findall(qn("w:shd")):
        tcpr.remove(ancien)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), couleur)
    # L'ordre des enfants de w:tcPr est imposé par le schéma ; Word refuse un w:shd mal placé.
    suivant = next((e for e in tcpr if e.tag in _APRES_SHD), None)
    if suivant is None:
        tcpr.append(shd)
    else:
        suivant.addprevious(shd)


def ecrire(
    cellule: _Cell,
    texte: str,
    *,
    droite: bool = False,
    gras: bool = False,
    italique: bool | None = None,
    taille: Length = TAILLE_TABLEAU,
    couleur: str | None = None,
) -> Paragraph:
    """Le texte dans le premier paragraphe de la cellule (aligné à droite pour un nombre)."""
    if LINEAIRE:
        p = docx_xml.premier_paragraphe(cellule._tc)
        docx_xml.serrer(p, droite=droite)
        docx_xml.haut(cellule._tc)
        if texte:
            docx_xml.run(
                p,
                texte_sur(texte),
                gras=gras,
                italique=italique if italique is not None else provisoire(texte),
                demi_points=_demi_points(taille),
                couleur=couleur,
            )
        return Paragraph(p, cellule)
    paragraphe: Paragraph = cellule.paragraphs[0]
    _serrer(paragraphe)
    if droite:
        paragraphe.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cellule.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if texte:
        run = ajouter_texte(paragraphe, texte, gras=gras, italique=italique, taille=taille)
        if couleur is not None:
            run.font.color.rgb = RGBColor.from_string(couleur)
    return paragraphe


def paragraphe_cellule(
    cellule: _Cell,
    texte: str,
    *,
    style: str | None = None,
    italique: bool | None = None,
    taille: Length = TAILLE_TABLEAU,
) -> Paragraph:
    """Un paragraphe de plus dans la cellule (ou le premier s'il est encore vide)."""
    if LINEAIRE:
        tc = cellule._tc
        premier = docx_xml.premier_paragraphe(tc)
        seul = premier.find(docx_xml.R) is None and len(tc.findall(docx_xml.P)) == 1
        p = premier if seul else docx_xml.paragraphe(tc)
        if style is not None:
            docx_xml.style_paragraphe(p, style)
        docx_xml.serrer(p)
        paragraphe = Paragraph(p, cellule)
        ajouter_texte(paragraphe, texte, italique=italique, taille=taille)
        return paragraphe
    premier_p: Paragraph = cellule.paragraphs[0]
    vide = not premier_p.runs and len(cellule.paragraphs) == 1
    paragraphe = premier_p if vide else cellule.add_paragraph()
    if style is not None:
        styler(paragraphe, style)
    _serrer(paragraphe)
    ajouter_texte(paragraphe, texte, italique=italique, taille=taille)
    return paragraphe


def _serrer(paragraphe: Paragraph) -> None:
    paragraphe.paragraph_format.space_before = Pt(0)
    paragraphe.paragraph_format.space_after = Pt(0)
    paragraphe.paragraph_format.line_spacing = 1.0
