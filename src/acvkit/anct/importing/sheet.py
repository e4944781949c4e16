"""Les feuilles lues par `acv import`, en un passage d'openpyxl en lecture seule.

openpyxl en mode complet lit toutes les feuilles (synthèse, listes…) et crée pour chaque cellule un
objet avec ses styles ; l'import n'a besoin que des valeurs de trois feuilles. Ici chaque feuille
demandée est lue une fois, ses cellules gardées (valeur, type : « f » formule, « e » erreur…) dans
un dictionnaire ; les autres feuilles ne sont pas lues. Même lecteur de cellules qu'en mode complet
(formules gardées, dates reconnues par leur format), donc mêmes valeurs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReadCell:
    """Une cellule : sa valeur et son type openpyxl (« n », « s », « f », « b », « e », « d »)."""

    value: Any
    data_type: str
    row: int
    column: int


class ReadSheet:
    """Une feuille lue : accès par ligne et colonne (1 pour la première) comme openpyxl."""

    def __init__(self, title: str, cells: dict[tuple[int, int], ReadCell]) -> None:
        self.title = title
        self._cells = cells
        self.max_row = max((r for r, _ in cells), default=1)
        self.max_column = max((c for _, c in cells), default=1)

    def cell(self, row: int, column: int) -> ReadCell:
        found = self._cells.get((row, column))
        return found if found is not None else ReadCell(None, "n", row, column)

    def __getitem__(self, row: int) -> tuple[ReadCell, ...]:
        return tuple(self.cell(row, c) for c in range(1, self.max_column + 1))

    def filled_rows(self, debut: int = 2) -> list[int]:
        """Les numéros des lignes, à partir de `debut`, qui ont au moins une valeur."""
        return sorted(
            {r for (r, _), c in self._cells.items() if r >= debut and c.value not in (None, "")}
        )


class ReadWorkbook:
    """Les noms de toutes les feuilles, et les feuilles demandées, lues."""

    def __init__(self, sheetnames: list[str], sheets: dict[str, ReadSheet]) -> None:
        self.sheetnames = sheetnames
        self._sheets = sheets

    def __getitem__(self, nom: str) -> ReadSheet:
        return self._sheets[nom]


def read_sheet(ws: Any, rows_max: int, colonnes_max: int) -> ReadSheet | None:
    """La feuille openpyxl en lecture seule `ws`, lue ; None si elle dépasse les limites."""
    ws.reset_dimensions()  # les dimensions déclarées peuvent mentir : on lit ce qui est là
    cells: dict[tuple[int, int], ReadCell] = {}
    for line in ws.iter_rows():
        for c in line:
            row, column = getattr(c, "row", None), getattr(c, "column", None)
            if row is None or column is None:  # cellule vide de remplissage
                continue
            if row > rows_max or column > colonnes_max:
                return None
            if c.value is None and c.data_type == "n":
                continue
            cells[(row, column)] = ReadCell(c.value, c.data_type, row, column)
    return ReadSheet(ws.title, cells)
