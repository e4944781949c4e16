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

HAUTEUR_LIGNE = 15.0  # points par ligne de texte (police de 11 points)
LARGEUR_PAR_DEFAUT = 8.43  # largeur de colonne d'Excel, en caractères
IDENTIFIANTS = ("N° fiche", "Intitulé de l'action")


def _lignes(texte: str, largeur: float) -> int:
    """Nombre de lignes qu'occupe le texte dans une colonne de `largeur` caractères."""
    utile = max(1.0, largeur * 1.1 - 1)
    return sum(max(1, math.ceil(len(morceau) / utile)) for morceau in texte.split("\n"))


def hauteurs(ws: Worksheet) -> None:
    """La hauteur de chaque ligne qui porte un texte renvoyé à la ligne."""
    largeurs = {
        lettre: (dimension.width or LARGEUR_PAR_DEFAUT)
        for lettre, dimension in ws.column_dimensions.items()
    }
    for ligne in ws.iter_rows():
        lignes = 1
        for cell in ligne:
            if not isinstance(cell, Cell) or not isinstance(cell.value, str):
                continue
            if not (cell.alignment is not None and cell.alignment.wrap_text):
                continue
            largeur = largeurs.get(get_column_letter(cell.column), LARGEUR_PAR_DEFAUT)
            lignes = max(lignes, _lignes(cell.value, largeur))
        rang = ligne[0].row
        if lignes > 1 and rang is not None:
            ws.row_dimensions[rang].height = lignes * HAUTEUR_LIGNE


def impression(ws: Worksheet) -> None:
    """A4 paysage, une page de large, la première ligne répétée en haut de chaque page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = False


def figer_identifiants(ws: Worksheet) -> None:
    """L'en-tête et les colonnes jusqu'à « Intitulé » restent visibles au défilement."""
    derniere = 0
    for cell in ws[1]:
        if isinstance(cell.value, str) and cell.value in IDENTIFIANTS:
            derniere = max(derniere, cell.column)
    if derniere:
        ws.freeze_panes = f"{get_column_letter(derniere + 1)}2"


def mettre_en_page(wb: Workbook) -> None:
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        hauteurs(ws)
        impression(ws)
        figer_identifiants(ws)


def textes_de_remplacement(contenu: bytes, descriptions: list[str]) -> bytes:
    """Un texte de remplacement (descr) pour chaque graphique, dans l'ordre de leur ajout.

    openpyxl n'écrit que le nom du graphique (« Chart 1 ») : la description est ajoutée dans
    le dessin de la feuille, échappée pour XML.
    """
    import io
    import re
    import zipfile
    from xml.sax.saxutils import quoteattr

    entree = zipfile.ZipFile(io.BytesIO(contenu))
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for info in entree.infolist():
            donnees = entree.read(info)
            if info.filename.startswith("xl/drawings/drawing") and info.filename.endswith(".xml"):
                texte = donnees.decode("utf-8")

                def remplace(m: re.Match[str]) -> str:
                    rang = int(m.group(1)) - 1
                    if rang >= len(descriptions):
                        return m.group(0)
                    return f'<cNvPr id="{m.group(1)}" name="{m.group(2)}" descr={quoteattr(descriptions[rang])}/>'

                donnees = re.sub(r'<cNvPr id="(\d+)" name="([^"]*)"/>', remplace, texte).encode()
            archive.writestr(info, donnees)
    return sortie.getvalue()
