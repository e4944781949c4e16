"""Mise en page du tableur ANCT, pour l'écran et l'impression : hauteurs de ligne, A4 paysage.

Un tableur n'ajuste pas seul la hauteur d'une ligne au texte renvoyé à la ligne (LibreOffice
superpose alors les lignes) : chaque hauteur est calculée ici d'après la largeur des colonnes.
Chaque feuille s'imprime en A4 paysage, ajustée à la largeur, la ligne d'en-tête répétée ; les
colonnes qui identifient la fiche (N° fiche, Intitulé) restent visibles avec l'en-tête.
"""

from __future__ import annotations

import math

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

LINE_HEIGHT = 15.0  # points par ligne de texte (police de 11 points)
DEFAULT_WIDTH = 8.43  # largeur de colonne d'Excel, en caractères
IDENTIFIERS = ("N° fiche", "Intitulé de l'action")


def _lines(texte: str, largeur: float) -> int:
    """Nombre de lignes qu'occupe le texte dans une colonne de `largeur` caractères."""
    # Une largeur de colonne compte des chiffres « 0 » : un texte a des lettres plus larges
    # (majuscules, gras) ; compter un caractère par unité laisse la place au texte entier.
    useful = max(1.0, largeur - 1)
    return sum(max(1, math.ceil(len(piece) / useful)) for piece in texte.split("\n"))


def heights(ws: Worksheet) -> None:
    """La hauteur de chaque ligne qui porte un texte renvoyé à la ligne."""
    largeurs = {
        letter: (dimension.width or DEFAULT_WIDTH)
        for letter, dimension in ws.column_dimensions.items()
    }
    for line in ws.iter_rows():
        lines = 1
        for cell in line:
            if not isinstance(cell, Cell) or not isinstance(cell.value, str):
                continue
            if not (cell.alignment is not None and cell.alignment.wrap_text):
                continue
            largeur = largeurs.get(get_column_letter(cell.column), DEFAULT_WIDTH)
            lines = max(lines, _lines(cell.value, largeur))
        ordinal = line[0].row
        if lines > 1 and ordinal is not None:
            ws.row_dimensions[ordinal].height = lines * LINE_HEIGHT


# Largeur (en caractères) d'une page A4 paysage imprimée lisiblement (à 70 % environ) : une feuille
# trop large pour une seule page (« Actions » : 28 colonnes, descriptions comprises) s'imprime sur
# autant de pages de large, N° fiche et intitulé répétés à gauche de chacune.
PAGE_WIDTH = 180
# En deçà de cette largeur, une page de large reste lisible (texte réduit d'un tiers au plus).
ONE_PAGE_WIDTH = 260


def printing(ws: Worksheet) -> None:
    """A4 paysage, la première ligne répétée en haut de chaque page, une page de large ou plus."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    total = sum(
        ws.column_dimensions[get_column_letter(n)].width or DEFAULT_WIDTH
        for n in range(1, (ws.max_column or 1) + 1)
    )
    ws.page_setup.fitToWidth = 1 if total <= ONE_PAGE_WIDTH else math.ceil(total / PAGE_WIDTH)
    if ws.page_setup.fitToWidth > 1:
        entetes = [c.value for c in ws[1]]
        if all(i in entetes for i in IDENTIFIERS):
            first, last = (entetes.index(i) + 1 for i in IDENTIFIERS)
            ws.print_title_cols = f"{get_column_letter(first)}:{get_column_letter(last)}"
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = False


def freeze_identifying_columns(ws: Worksheet) -> None:
    """L'en-tête et les colonnes jusqu'à « Intitulé » restent visibles au défilement."""
    last = 0
    for cell in ws[1]:
        if isinstance(cell.value, str) and cell.value in IDENTIFIERS:
            last = max(last, cell.column)
    if last:
        ws.freeze_panes = f"{get_column_letter(last + 1)}2"


def apply_layout(wb: Workbook) -> None:
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        heights(ws)
        printing(ws)
        freeze_identifying_columns(ws)


def add_alt_texts(content: bytes, descriptions: list[str]) -> bytes:
    """Un texte de remplacement (descr) pour chaque graphique, dans l'ordre de leur ajout.

    openpyxl n'écrit que le nom du graphique (« Chart 1 ») : la description est ajoutée dans
    le dessin de la feuille, échappée pour XML.
    """
    import io
    import re
    import zipfile
    from xml.sax.saxutils import quoteattr

    item = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for info in item.infolist():
            data = item.read(info)
            if info.filename.startswith("xl/drawings/drawing") and info.filename.endswith(".xml"):
                texte = data.decode("utf-8")

                def replaced(m: re.Match[str]) -> str:
                    ordinal = int(m.group(1)) - 1
                    if ordinal >= len(descriptions):
                        return m.group(0)
                    return f'<cNvPr id="{m.group(1)}" name="{m.group(2)}" descr={quoteattr(descriptions[ordinal])}/>'

                data = re.sub(r'<cNvPr id="(\d+)" name="([^"]*)"/>', replaced, texte).encode()
            archive.writestr(info, data)
    return output.getvalue()
