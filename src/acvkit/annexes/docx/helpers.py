"""Petits outils python-docx : page A4, langue, cellules (texte, trame, alignement), en-têtes
répétés ; le XML que python-docx n'expose pas (w:shd, w:tblHeader, w:lang, champ PAGE) est ici."""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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

from acvkit.annexes.docx import xml as docx_xml
from acvkit.annexes.docx.page import EMU_PER_TWIP, whole_twips
from acvkit.annexes.docx.page import LANGUAGE as LANGUAGE
from acvkit.annexes.docx.page import a4_page as a4_page
from acvkit.annexes.docx.page import footer as footer
from acvkit.annexes.docx.page import french_language as french_language
from acvkit.annexes.docx.page import no_thumbnail as no_thumbnail
from acvkit.annexes.docx.page import plain_styles as plain_styles
from acvkit.annexes.docx.page import properties as properties
from acvkit.annexes.docx.page import usable_width as usable_width
from acvkit.annexes.docx.xml import safe_text as safe_text

HEADER_GRAY = "D9D9D9"
TABLE_FONT_SIZE = Pt(9)

# Écrit à la place d'une valeur : en italique, pour qu'on ne le lise pas comme une donnée.
_PROVISIONAL_VALUES = (
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

LINEAR = True
_SECTPR = qn("w:sectPr")


class _LinearBody(CT_Body):
    """w:body dont les ajouts (paragraphes, tableaux) se font en temps constant."""

    def _insert_p(self, p: Any) -> Any:
        return self._before_sectpr(p, CT_Body._insert_p)

    def _insert_tbl(self, tbl: Any) -> Any:
        return self._before_sectpr(tbl, CT_Body._insert_tbl)

    def _before_sectpr(self, element: Any, general: Any) -> Any:
        if LINEAR:
            try:
                last = self[-1]  # lxml part du dernier enfant : temps constant
            except IndexError:
                last = None
            if last is not None and last.tag == _SECTPR:
                last.addprevious(element)
                return element
        return general(self, element)  # le chemin de python-docx


@contextmanager
def linear_bodies() -> Iterator[None]:
    """Le temps de bâtir un document d'acvkit, son corps (w:body) ajoute en temps constant ;
    ensuite python-docx retrouve sa propre classe de corps : le processus qui emploie acvkit et
    ses autres documents n'en voient rien (issue #30)."""
    register_element_cls("w:body", _LinearBody)
    try:
        yield
    finally:
        register_element_cls("w:body", CT_Body)


def is_provisional(texte: str) -> bool:
    """« A déterminer », « A définir selon … », « En cours d'élaboration » : une valeur absente."""
    return texte.startswith(_PROVISIONAL_VALUES)


def add_text(
    paragraphe: Paragraph,
    texte: str,
    *,
    bold: bool = False,
    italic: bool | None = None,
    size: Length | None = None,
) -> Run:
    """Un run de texte brut (jamais interprété) ; italique par défaut pour une valeur provisoire."""
    if LINEAR:
        r = docx_xml.run(
            paragraphe._p,
            safe_text(texte),
            bold=bold,
            italic=italic if italic is not None else is_provisional(texte),
            half_points=None if size is None else _half_points(size),
        )
        return Run(r, paragraphe)
    run = paragraphe.add_run()
    if texte:  # w:softHyphen aussi, comme le chemin linéaire
        docx_xml.contenu(run._r, safe_text(texte))
    if bold:
        run.bold = True
    if italic if italic is not None else is_provisional(texte):
        run.italic = True
    if size is not None:
        run.font.size = size
    return run


def _half_points(size: Length) -> str:
    """La taille en demi-points (w:sz), arrondie comme python-docx."""
    return str(int(int(size) / 6350))  # 12 700 EMU le point


def apply_style(paragraphe: Paragraph, style_id: str) -> None:
    """Le style par son identifiant (« Heading1 », « ListBullet ») : python-docx, à qui l'on donne
    un nom, reparcourt tous les styles du document pour chaque paragraphe."""
    if LINEAR:
        docx_xml.set_paragraph_style(paragraphe._p, style_id)
    else:
        paragraphe._p.style = style_id


# --- Tableaux ----------------------------------------------------------------------------------


def grid(document: Document, largeurs: Sequence[int]) -> Table:
    """Un tableau « Table Grid » vide, centré, à largeurs fixes (en EMU, une par colonne).

    Les largeurs sont écrites dans la grille (LibreOffice) et sur chaque cellule (Word).
    """
    if not LINEAR:
        table: Table = document.add_table(rows=0, cols=len(largeurs))
        table.style = document.styles["Table Grid"]
        _apply_grid(table, largeurs)
        return table
    # document.add_table relit la largeur de la dernière section (une requête XPath sur tout le
    # corps) pour la répartir entre des colonnes dont la largeur est fixée juste après ; ici, le
    # tableau vide est fait une fois par jeu de largeurs, puis copié.
    body = document._body
    style = _grid_style(document.part)
    key = (style, "centre", *largeurs)
    model = _TABLE_PROTOTYPES.get(key)
    if model is None:
        model = CT_Tbl.new_tbl(0, len(largeurs), Length(sum(largeurs)))
        model.tblStyle_val = style
        _apply_grid(Table(model, body), largeurs)
        _TABLE_PROTOTYPES[key] = model
    tbl = model.__copy__()
    body._element._insert_tbl(tbl)
    return Table(tbl, body)


def _apply_grid(table: Table, largeurs: Sequence[int]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for colonne, largeur in zip(table.columns, whole_twips(largeurs), strict=True):
        colonne.width = Length(largeur)


# Les tableaux vides déjà faits, par style et largeurs (quelques-uns par document).
_TABLE_PROTOTYPES: dict[tuple[str | int | None, ...], Any] = {}


def sub_grid(cellule: _Cell, largeurs: Sequence[int]) -> Table:
    """Un tableau vide dans une cellule, grille = cellules (`largeurs`), puis le paragraphe exigé."""
    if not LINEAR:
        table: Table = cellule.add_table(rows=0, cols=len(largeurs))
        table.style = "Table Grid"
        table.autofit = False
        for colonne, largeur in zip(table.columns, whole_twips(largeurs), strict=True):
            colonne.width = Length(largeur)
        return table
    # Comme `_Cell.add_table`, sans chercher le style par son nom à chaque tableau.
    style = _grid_style(cellule.part)
    key = (style, "cellule", *largeurs)
    model = _TABLE_PROTOTYPES.get(key)
    if model is None:
        model = CT_Tbl.new_tbl(0, len(largeurs), Length(sum(largeurs)))
        model.tblStyle_val = style
        prototype = Table(model, cellule)
        prototype.autofit = False
        for colonne, largeur in zip(prototype.columns, whole_twips(largeurs), strict=True):
            colonne.width = Length(largeur)
        _TABLE_PROTOTYPES[key] = model
    tbl = model.__copy__()
    cellule._tc.append(tbl)
    cellule._tc.append(cellule._tc.makeelement(docx_xml.P, {}))
    return Table(tbl, cellule)


_GRID_STYLES: weakref.WeakKeyDictionary[Any, str | None] = weakref.WeakKeyDictionary()


def _grid_style(part: Any) -> str | None:
    """L'identifiant du style « Table Grid », cherché une fois par document (et non par tableau)."""
    if part not in _GRID_STYLES:
        style = part.styles["Table Grid"]
        _GRID_STYLES[part] = part.get_style_id(style, WD_STYLE_TYPE.TABLE)
    return _GRID_STYLES[part]


def data_table(
    document: Document,
    headers: Sequence[str],
    largeurs: Sequence[int],
    *,
    right: Sequence[int] = (),
    size: Length = TABLE_FONT_SIZE,
) -> Table:
    """Une grille à une ligne d'en-tête grisée, en gras, répétée en haut de chaque page.

    `droite` : les colonnes de montants, dont l'en-tête s'aligne à droite comme eux.
    """
    table = grid(document, largeurs)
    header = ligne(table, largeurs)
    for ordinal, (cellule, texte) in enumerate(zip(header.cells, headers, strict=True)):
        write(cellule, texte, bold=True, right=ordinal in right, size=size)
        shade_cell(cellule, HEADER_GRAY)
    repeat_header(header)
    return table


def cell_margins(table: Table, left_right: Length) -> None:
    """Marges intérieures des cellules, à gauche et à droite (tableaux à colonnes étroites)."""
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblCellMar")):
        tblpr.remove(old)
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(left_right) // 635))  # EMU → vingtièmes de point
        element.set(qn("w:type"), "dxa")
        mar.append(element)
    # w:tblCellMar précède w:tblLook dans w:tblPr (ordre du schéma).
    look = tblpr.find(qn("w:tblLook"))
    if look is None:
        tblpr.append(mar)
    else:
        look.addprevious(mar)


class Row:
    """Une ligne de tableau et ses cellules (python-docx recalcule `_Row.cells` à chaque lecture)."""

    __slots__ = ("_tr", "cells")

    def __init__(self, tr: Any, cells: list[_Cell]) -> None:
        self._tr = tr
        self.cells = cells


# Les largeurs des lignes en vingtièmes de point, par jeu de largeurs en EMU.
_TWIPS: dict[tuple[int, ...], tuple[str, ...]] = {}


def ligne(table: Table, largeurs: Sequence[int]) -> Row:
    """Une nouvelle ligne, qui ne se coupe pas d'une page à l'autre, aux largeurs de la grille."""
    if LINEAR:
        key = tuple(largeurs)
        twips = _TWIPS.get(key)
        if twips is None:
            twips = _TWIPS[key] = tuple(str(w // EMU_PER_TWIP) for w in whole_twips(largeurs))
        tr, tcs = docx_xml.ligne(table._tbl, twips)
        return Row(tr, [_Cell(tc, table) for tc in tcs])
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # non annoté dans python-docx 1.2
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    for cellule, largeur in zip(row.cells, whole_twips(largeurs), strict=True):
        cellule.width = Length(largeur)
    return Row(row._tr, list(row.cells))


def repeat_header(row: Row) -> None:
    """w:tblHeader : la ligne est répétée en haut de chaque page où le tableau continue."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


_AFTER_SHD = {
    qn(f"w:{nom}")
    for nom in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
}


def shade_cell(cellule: _Cell, color: str) -> None:
    """Fond uni de la cellule (w:shd), couleur hexadécimale « RRGGBB »."""
    if LINEAR:
        docx_xml.shade(cellule._tc, color)
        return
    tcpr = cellule._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    # L'ordre des enfants de w:tcPr est imposé par le schéma ; Word refuse un w:shd mal placé.
    next_node = next((e for e in tcpr if e.tag in _AFTER_SHD), None)
    if next_node is None:
        tcpr.append(shd)
    else:
        next_node.addprevious(shd)


def write(
    cellule: _Cell,
    texte: str,
    *,
    right: bool = False,
    bold: bool = False,
    italic: bool | None = None,
    size: Length = TABLE_FONT_SIZE,
    color: str | None = None,
) -> Paragraph:
    """Le texte dans le premier paragraphe de la cellule (aligné à droite pour un nombre)."""
    if LINEAR:
        p = docx_xml.first_paragraph(cellule._tc)
        docx_xml.tighten(p, right=right)
        docx_xml.top(cellule._tc)
        if texte:
            docx_xml.run(
                p,
                safe_text(texte),
                bold=bold,
                italic=italic if italic is not None else is_provisional(texte),
                half_points=_half_points(size),
                color=color,
            )
        return Paragraph(p, cellule)
    paragraphe: Paragraph = cellule.paragraphs[0]
    _tighten(paragraphe)
    if right:
        paragraphe.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cellule.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if texte:
        run = add_text(paragraphe, texte, bold=bold, italic=italic, size=size)
        if color is not None:
            run.font.color.rgb = RGBColor.from_string(color)
    return paragraphe


def cell_paragraph(
    cellule: _Cell,
    texte: str,
    *,
    style: str | None = None,
    italic: bool | None = None,
    size: Length = TABLE_FONT_SIZE,
) -> Paragraph:
    """Un paragraphe de plus dans la cellule (ou le premier s'il est encore vide)."""
    if LINEAR:
        tc = cellule._tc
        first = docx_xml.first_paragraph(tc)
        single = first.find(docx_xml.R) is None and len(tc.findall(docx_xml.P)) == 1
        p = first if single else docx_xml.paragraphe(tc)
        if style is not None:
            docx_xml.set_paragraph_style(p, style)
        docx_xml.tighten(p)
        paragraphe = Paragraph(p, cellule)
        add_text(paragraphe, texte, italic=italic, size=size)
        return paragraphe
    first_p: Paragraph = cellule.paragraphs[0]
    vide = not first_p.runs and len(cellule.paragraphs) == 1
    paragraphe = first_p if vide else cellule.add_paragraph()
    if style is not None:
        apply_style(paragraphe, style)
    _tighten(paragraphe)
    add_text(paragraphe, texte, italic=italic, size=size)
    return paragraphe


def _tighten(paragraphe: Paragraph) -> None:
    paragraphe.paragraph_format.space_before = Pt(0)
    paragraphe.paragraph_format.space_after = Pt(0)
    paragraphe.paragraph_format.line_spacing = 1.0
