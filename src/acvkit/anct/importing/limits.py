"""Ouvrir le tableur d'`acv import` sans s'y laisser prendre : tailles bornées avant toute lecture.

Un classeur .xlsx est une archive zip de fichiers XML. Avant qu'openpyxl ne lise quoi que ce
soit, on vérifie la taille du fichier, le nombre d'entrées de l'archive et la taille décompressée
de chacune (une cellule de 400 Mo tient dans 400 Ko compressés), puis les dimensions déclarées
de chaque feuille. Un classeur au-delà est refusé en français, en quelques millisecondes. Tout
classeur mal formé (zip cassé, XML invalide, styles absents) est « classeur illisible », avec la
raison.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

SIZE_MAX = 20_000_000  # octets du fichier .xlsx
ENTRIES_MAX = 1_000  # fichiers dans l'archive
ENTRY_BYTES_MAX = 100_000_000  # octets décompressés d'une entrée
TOTAL_MAX = 300_000_000  # octets décompressés de toute l'archive
ROWS_MAX = 50_000
COLONNES_MAX = 200

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')


class WorkbookError(Exception):
    """Le classeur est refusé : message français complet."""


def _column(letters: str) -> int:
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n


def _check_archive(path: Path) -> None:
    size = path.stat().st_size
    if size > SIZE_MAX:
        raise WorkbookError(
            f"« {path} » : classeur trop gros ({size} octets, limite {SIZE_MAX}) ; refusé"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > ENTRIES_MAX:
                raise WorkbookError(
                    f"« {path} » : {len(entries)} fichiers dans l'archive (limite {ENTRIES_MAX}) ; "
                    "refusé"
                )
            total = 0
            for item in entries:
                total += item.file_size
                if item.file_size > ENTRY_BYTES_MAX or total > TOTAL_MAX:
                    raise WorkbookError(
                        f"« {path} » : « {item.filename} » fait {item.file_size} octets une "
                        f"fois décompressé (limite {ENTRY_BYTES_MAX} par fichier, {TOTAL_MAX} en "
                        "tout) ; refusé"
                    )
            for item in entries:
                if item.filename.startswith("xl/worksheets/") and item.filename.endswith(".xml"):
                    with archive.open(item) as stream:
                        debut = stream.read(4096)
                    _check_dimension(path, item.filename, debut)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise WorkbookError(
            f"« {path} » : classeur illisible (archive zip invalide : {exc})"
        ) from exc


def _check_dimension(path: Path, nom: str, debut: bytes) -> None:
    m = _DIMENSION.search(debut)
    if m is None:
        return
    letters = (m.group(3) or m.group(1) or b"A").decode()
    lines = int(m.group(4) or m.group(2) or b"1")
    colonnes = _column(letters)
    if lines > ROWS_MAX or colonnes > COLONNES_MAX:
        raise WorkbookError(
            f"« {path} » : la feuille « {nom} » déclare {lines} lignes et {colonnes} colonnes "
            f"(limites {ROWS_MAX} et {COLONNES_MAX}) ; refusé"
        )


def open_workbook(path: Path, sheets: tuple[str, ...] | None = None) -> Any:
    """Le classeur openpyxl (formules gardées, pour les refuser) ; WorkbookError sinon.

    Avec `feuilles`, seules ces feuilles sont lues, en lecture seule (anct/import_sheet.py) : un
    ReadWorkbook, plus rapide ; les autres feuilles ne sont connues que par leur nom.
    """
    _check_archive(path)
    from openpyxl import load_workbook

    try:
        with path.open("rb") as stream:
            wb = load_workbook(stream, data_only=False, read_only=sheets is not None)
            if sheets is not None:
                return _read(path, wb, sheets)
    except WorkbookError:
        raise
    except Exception as exc:  # tout défaut d'un fichier reçu est une faute du fichier
        reason = str(exc) or type(exc).__name__
        raise WorkbookError(f"« {path} » : classeur illisible ({reason})") from exc
    for ws in wb.worksheets:
        if ws.max_row > ROWS_MAX or ws.max_column > COLONNES_MAX:
            _too_large(path, ws.title, ws.max_row, ws.max_column)
    return wb


def _too_large(path: Path, titre: str, lines: int | str, colonnes: int | str) -> None:
    raise WorkbookError(
        f"« {path} » : la feuille « {titre} » a {lines} lignes et "
        f"{colonnes} colonnes (limites {ROWS_MAX} et {COLONNES_MAX}) ; refusé"
    )


def _read(path: Path, wb: Any, sheets: tuple[str, ...]) -> Any:
    from acvkit.anct.importing.sheet import ReadWorkbook, read_sheet

    try:
        read = {}
        for nom in sheets:
            if nom not in wb.sheetnames:
                continue
            loaded = read_sheet(wb[nom], ROWS_MAX, COLONNES_MAX)
            if loaded is None:
                _too_large(path, nom, f"plus de {ROWS_MAX}", f"ou plus de {COLONNES_MAX}")
            else:
                read[nom] = loaded
        return ReadWorkbook(list(wb.sheetnames), read)
    finally:
        wb.close()
