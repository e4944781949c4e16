"""Les cellules du tableur ANCT : texte jamais formule, styles enregistrés une fois, en-têtes,
largeurs de colonnes et tableau Excel nommé."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from copy import copy
from datetime import date

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from acvkit.anct.columns import Value
from acvkit.errors import XlsxError

FORMAT_EUROS = '#,##0.00 "€"'
# Un texte qui commence ainsi serait pris pour une formule par un tableur (injection de formule).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT_LENGTH = 32_767  # limite d'Excel pour une cellule

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TITRE_FONT = Font(bold=True, size=13)
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
TOP = Alignment(vertical="top")
TOP_WRAP = Alignment(vertical="top", wrap_text=True)


# --- Cellules ----------------------------------------------------------------------------------


def texte(cell: Cell, texte: str, where: str) -> None:
    """Une cellule texte, jamais une formule : openpyxl prend tout texte commençant par « = » pour une formule."""
    forbidden = ILLEGAL_CHARACTERS_RE.search(texte)
    if forbidden:
        raise XlsxError(
            f"{where} : caractère de contrôle U+{ord(forbidden.group()):04X} impossible à écrire "
            "dans un tableur"
        )
    if len(texte) > MAX_TEXT_LENGTH:
        raise XlsxError(
            f"{where} : texte de {len(texte)} caractères, au-delà des {MAX_TEXT_LENGTH} d'Excel"
        )
    # Directement dans la cellule : openpyxl referait les deux contrôles ci-dessus (un tiers du
    # temps d'écriture d'un classeur de 10 000 fiches).
    cell._value = texte  # type: ignore[attr-defined]
    cell.data_type = "s"
    if texte.startswith(FORMULA_PREFIXES):
        # Le préfixe « ' » d'Excel : la cellule reste du texte même si on la modifie.
        cell.quotePrefix = True


class Styles:
    """Les styles de cellule déjà enregistrés dans un classeur.

    openpyxl recalcule l'empreinte d'un style à chaque affectation (la moitié du temps d'un
    classeur de 10 000 fiches) ; une cellule au même style reçoit ici une copie du style déjà
    enregistré, comme le fait openpyxl pour copier une feuille. Un objet par classeur.
    """

    def __init__(self) -> None:
        self._known: dict[tuple[str | None, int], StyleArray] = {}

    def apply_style(
        self, cell: Cell, number_format: str | None, alignment: Alignment | None
    ) -> None:
        key = (number_format, id(alignment))  # les alignements sont des constantes du module
        if (known := self._known.get(key)) is not None:
            cell._style = copy(known)  # type: ignore[attr-defined]  # interne à openpyxl, non typé
            return
        _style_direct(cell, number_format, alignment)
        self._known[key] = copy(cell._style)  # type: ignore[attr-defined]


def _style_direct(cell: Cell, number_format: str | None, alignment: Alignment | None) -> None:
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment


def write(
    ws: Worksheet,
    line: int,
    column: int,
    v: Value,
    where: str,
    number_format: str | None = None,
    alignment: Alignment | None = None,
    styles: Styles | None = None,
) -> Cell:
    cell = ws.cell(row=line, column=column)
    assert isinstance(cell, Cell)  # ces feuilles n'ont aucune cellule fusionnée
    if styles is not None:
        styles.apply_style(cell, number_format, alignment)
    else:
        _style_direct(cell, number_format, alignment)
    if v is None:
        return cell
    if isinstance(v, str):
        texte(cell, v, where)
    elif isinstance(v, date):
        cell.value = v
    else:
        cell.value = v  # int ou Decimal : une cellule nombre
    return cell


def write_headers(ws: Worksheet, line: int, entetes: Sequence[str]) -> None:
    for numero, entete in enumerate(entetes, start=1):
        cell = write(ws, line, numero, entete, f"{ws.title}, en-tête {numero}")
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN


def numeros(numeros: list[int]) -> str | None:
    return ", ".join(f"FA {n}" for n in sorted(numeros)) or None


def largeurs_colonnes(ws: Worksheet, largeurs: Sequence[float | None]) -> None:
    for numero, largeur in enumerate(largeurs, start=1):
        if largeur is not None:
            ws.column_dimensions[get_column_letter(numero)].width = largeur


def excel_table(ws: Worksheet, colonnes: int, lines: int) -> None:
    """En-tête figé ; la plage utilisée est un tableau Excel nommé comme la feuille (sans
    accent), à ligne d'en-tête et filtre : un lecteur d'écran annonce les en-têtes de colonne.
    Un tableau a au moins une ligne sous son en-tête, même vide."""
    ws.freeze_panes = "A2"
    span = f"A1:{get_column_letter(colonnes)}{max(lines, 2)}"
    nom = unicodedata.normalize("NFKD", ws.title).encode("ascii", "ignore").decode()
    data_table = Table(displayName=nom, ref=span, headerRowCount=1)
    data_table.autoFilter = AutoFilter(ref=span)
    data_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(data_table)
