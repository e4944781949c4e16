"""Outils partagés des tests : copies de dossiers de données et appel réel de la CLI."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeAlias

import pytest
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from acvkit.cli import app

# Le cache de l'utilisateur (clé de signature, table des règles) : propre à cette série de tests,
# pour qu'un autre acvkit de la machine (autre copie de travail, autre version) ne s'en mêle pas.
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="acv-tests-cache-"))

ROOT = Path(__file__).resolve().parent.parent
# Les données vivantes de l'avenant : seuls les tests de leurs invariants les lisent.
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Une copie figée des données de l'avenant, pour les tests de comportement : corriger data/
# ne les casse pas.
AVENANT = FIXTURES / "avenant"
POSITIVE = FIXTURES / "positive"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str) -> Result:
    """Lance `acv` avec ces arguments, dans le processus, et rend code de sortie et sorties."""
    runner = CliRunner()
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def diagnostics(folder: Path) -> list[dict[str, Any]]:
    """Les diagnostics de `acv validate --format json` sur un dossier."""
    result = run("validate", "--data", str(folder), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def flat(folder: Path, *fields: str) -> list[list[Any]]:
    """Les diagnostics aplatis, chemin relatif au dossier : `flat(d, "path", "line", "code")`."""
    out = []
    for row in diagnostics(folder):
        row = dict(row)
        row["path"] = Path(str(row["path"])).relative_to(folder).as_posix()
        out.append([row[f] for f in fields])
    return out


# Ce qu'un test écrit dans une cellule d'un classeur (un entier est aussi un float pour mypy).
CellValue: TypeAlias = str | float | date | None


def column_numbers(ws: Worksheet) -> dict[object, int]:
    """Le numéro (1…) de chaque colonne d'une feuille, par son en-tête (première ligne)."""
    numeros: dict[object, int] = {}
    for cell in ws[1]:
        assert cell.column is not None
        numeros[cell.value] = cell.column
    return numeros


@pytest.fixture
def positive(tmp_path: Path) -> Path:
    """Une copie modifiable du petit jeu de données propre."""
    target = tmp_path / "data"
    shutil.copytree(POSITIVE, target)
    return target


@pytest.fixture
def real_data(tmp_path: Path) -> Path:
    """Une copie modifiable des données de l'avenant de Béthune-Bruay (copie figée, AVENANT)."""
    target = tmp_path / "data"
    shutil.copytree(AVENANT, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Remplace une occurrence exacte dans un fichier (échoue si le texte n'y est pas)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def paths(
    node: object, loc: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], object]]:
    """Chaque nœud d'un arbre de données (dict, list), avec son chemin de clés."""
    out: list[tuple[tuple[str | int, ...], object]] = [(loc, node)]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*loc, i))
    return out
