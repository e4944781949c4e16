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

TAILLE_MAX = 20_000_000  # octets du fichier .xlsx
ENTREES_MAX = 1_000  # fichiers dans l'archive
ENTREE_MAX = 100_000_000  # octets décompressés d'une entrée
TOTAL_MAX = 300_000_000  # octets décompressés de toute l'archive
LIGNES_MAX = 50_000
COLONNES_MAX = 200

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')


class ClasseurError(Exception):
    """Le classeur est refusé : message français complet."""


def _colonne(lettres: str) -> int:
    n = 0
    for c in lettres:
        n = n * 26 + ord(c) - 64
    return n


def _verifier_archive(path: Path) -> None:
    taille = path.stat().st_size
    if taille > TAILLE_MAX:
        raise ClasseurError(
            f"« {path} » : classeur trop gros ({taille} octets, limite {TAILLE_MAX}) ; refusé"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entrees = archive.infolist()
            if len(entrees) > ENTREES_MAX:
                raise ClasseurError(
                    f"« {path} » : {len(entrees)} fichiers dans l'archive (limite {ENTREES_MAX}) ; "
                    "refusé"
                )
            total = 0
            for entree in entrees:
                total += entree.file_size
                if entree.file_size > ENTREE_MAX or total > TOTAL_MAX:
                    raise ClasseurError(
                        f"« {path} » : « {entree.filename} » fait {entree.file_size} octets une "
                        f"fois décompressé (limite {ENTREE_MAX} par fichier, {TOTAL_MAX} en "
                        "tout) ; refusé"
                    )
            for entree in entrees:
                if entree.filename.startswith("xl/worksheets/") and entree.filename.endswith(
                    ".xml"
                ):
                    with archive.open(entree) as flux:
                        debut = flux.read(4096)
                    _verifier_dimension(path, entree.filename, debut)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise ClasseurError(
            f"« {path} » : classeur illisible (archive zip invalide : {exc})"
        ) from exc


def _verifier_dimension(path: Path, nom: str, debut: bytes) -> None:
    m = _DIMENSION.search(debut)
    if m is None:
        return
    lettres = (m.group(3) or m.group(1) or b"A").decode()
    lignes = int(m.group(4) or m.group(2) or b"1")
    colonnes = _colonne(lettres)
    if lignes > LIGNES_MAX or colonnes > COLONNES_MAX:
        raise ClasseurError(
            f"« {path} » : la feuille « {nom} » déclare {lignes} lignes et {colonnes} colonnes "
            f"(limites {LIGNES_MAX} et {COLONNES_MAX}) ; refusé"
        )


def ouvrir_classeur(path: Path, feuilles: tuple[str, ...] | None = None) -> Any:
    """Le classeur openpyxl (formules gardées, pour les refuser) ; ClasseurError sinon.

    Avec `feuilles`, seules ces feuilles sont lues, en lecture seule (anct/import_sheet.py) : un
    ClasseurLu, plus rapide ; les autres feuilles ne sont connues que par leur nom.
    """
    _verifier_archive(path)
    from openpyxl import load_workbook

    try:
        with path.open("rb") as flux:
            wb = load_workbook(flux, data_only=False, read_only=feuilles is not None)
            if feuilles is not None:
                return _lire(path, wb, feuilles)
    except ClasseurError:
        raise
    except Exception as exc:  # tout défaut d'un fichier reçu est une faute du fichier
        raison = str(exc) or type(exc).__name__
        raise ClasseurError(f"« {path} » : classeur illisible ({raison})") from exc
    for ws in wb.worksheets:
        if ws.max_row > LIGNES_MAX or ws.max_column > COLONNES_MAX:
            _trop_grand(path, ws.title, ws.max_row, ws.max_column)
    return wb


def _trop_grand(path: Path, titre: str, lignes: int | str, colonnes: int | str) -> None:
    raise ClasseurError(
        f"« {path} » : la feuille « {titre} » a {lignes} lignes et "
        f"{colonnes} colonnes (limites {LIGNES_MAX} et {COLONNES_MAX}) ; refusé"
    )


def _lire(path: Path, wb: Any, feuilles: tuple[str, ...]) -> Any:
    from acvkit.anct.import_sheet import ClasseurLu, lire_feuille

    try:
        lues = {}
        for nom in feuilles:
            if nom not in wb.sheetnames:
                continue
            lue = lire_feuille(wb[nom], LIGNES_MAX, COLONNES_MAX)
            if lue is None:
                _trop_grand(path, nom, f"plus de {LIGNES_MAX}", f"ou plus de {COLONNES_MAX}")
            else:
                lues[nom] = lue
        return ClasseurLu(list(wb.sheetnames), lues)
    finally:
        wb.close()
