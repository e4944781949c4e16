"""Où sont les données : recherche vers le haut depuis le dossier courant, nature d'un fichier.

Comme ruff ou yamllint, `acv` se lance de n'importe quel sous-dossier : le dossier de données est
le plus proche parent qui contient `programme.yaml`, ou celui que nomme `donnees = "…"` dans un
`acv.toml` (ou `[tool.acv]` de pyproject.toml) rencontré en remontant, ou un dossier `data/`
voisin qui contient `programme.yaml`.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path, PurePosixPath

PROGRAMME = ("programme.yaml", "programme.yml")


def _is_data(folder: Path) -> bool:
    return any((folder / name).is_file() for name in PROGRAMME)


def _named_in_config(folder: Path) -> Path | None:
    """Le dossier que nomme la clé `donnees` d'un acv.toml ou d'un [tool.acv] de ce dossier."""
    for name in ("acv.toml", "pyproject.toml"):
        candidate = folder / name
        if not candidate.is_file():
            continue
        try:
            table = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None  # l'erreur sera dite, en clair, à la lecture de la configuration
        if name == "pyproject.toml":
            tool = table.get("tool", {})
            table = tool.get("acv", {}) if isinstance(tool, dict) else {}
            if not isinstance(table, dict):
                return None
        data = table.get("donnees")
        if isinstance(data, str) and data:
            return folder / data
    return None


def find_data_root(start: Path) -> Path | None:
    """Le dossier de données qui contient `start` ou que désigne un de ses parents."""
    here = start.resolve()
    for folder in [here, *here.parents]:
        if _is_data(folder):
            return folder
        named = _named_in_config(folder)
        if named is not None:
            return named
        if _is_data(folder / "data"):
            return folder / "data"
    return None


def for_display(path: Path, cwd: Path | None = None) -> Path:
    """Un chemin à montrer : relatif au dossier courant quand c'est possible, sans « ./ »."""
    cwd = (cwd or Path.cwd()).resolve()
    try:
        relative = Path(os.path.relpath(path.resolve(), cwd))
    except ValueError:  # Windows : un autre lecteur
        return path
    # « .. » plutôt que /home/…/data ; mais /tmp/x plutôt que ../../../tmp/x.
    if path.is_absolute() and len(relative.parts) >= len(path.resolve().parts):
        return path
    return relative


def data_relative(file: Path, data: Path) -> tuple[Path, PurePosixPath] | None:
    """Le dossier de données qui contient un fichier, et son chemin relatif dans ce dossier (ou None).

    Le dossier `data` indiqué d'abord ; sinon le dossier de données trouvé en remontant depuis le
    fichier lui-même (un fichier désigné depuis un sous-dossier, ou hors de `--data`).
    """
    resolved = file.resolve()
    roots = [data.resolve()]
    found = find_data_root(resolved.parent)
    if found is not None:
        roots.append(found.resolve())
    for root in roots:
        try:
            return root, PurePosixPath(resolved.relative_to(root).as_posix())
        except ValueError:
            continue
    return None


def folder_uses_modelines(root: Path) -> bool:
    """Le dossier de données annonce-t-il ses schémas (programme.yaml a sa ligne de schéma) ?"""
    from acvkit.schema.modelines import uses_modelines

    for name in PROGRAMME:
        try:
            with (root / name).open(encoding="utf-8", errors="replace") as stream:
                return uses_modelines(stream.read(4096))
        except OSError:
            continue
    return False


def default_data(fallback: Path, cwd: Path | None = None) -> Path:
    """Le dossier de données trouvé en remontant depuis `cwd`, montré relatif à lui ; sinon `fallback`."""
    here = cwd or Path.cwd()
    found = find_data_root(here)
    if found is None:
        return fallback
    return for_display(found, here)
