"""`acv validate PATHS…` : tout le dossier est lu (les règles croisent les fichiers), seuls les
diagnostics des fichiers nommés sont montrés — comme ruff ou yamllint sur une liste de fichiers.

Un fichier de configuration nommé (acv.toml, pyproject.toml, ligne de base…) ou le dossier de
données lui-même concerne tout le dossier : rien n'est alors filtré.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from acvkit.diagnostics import Diagnostic
from acvkit.loading.discovery import YAML_SUFFIXES, discover
from acvkit.workspace import for_display


class PathError(Exception):
    """Un chemin nommé n'existe pas ou n'est pas dans le dossier de données : message français."""


@dataclass(frozen=True)
class Selection:
    """Les fichiers (chemins absolus) et dossiers dont les diagnostics sont montrés ; None : tout."""

    files: frozenset[Path] | None
    folders: tuple[Path, ...] = ()

    def keeps(self, absolute: Path) -> bool:
        if self.files is None:
            return True
        return absolute in self.files or any(absolute.is_relative_to(f) for f in self.folders)


def select_paths(paths: list[Path], data: Path) -> Selection:
    """Ce que désignent les chemins de la ligne de commande, dans le dossier de données `data`."""
    root = data.resolve()
    files: set[Path] = set()
    folders: list[Path] = []
    for path in paths:
        if not path.exists():
            raise PathError(f"« {path} » n'existe pas")
        absolute = path.resolve()
        if path.is_file() and not path.name.lower().endswith(YAML_SUFFIXES):
            return Selection(None)  # configuration, ligne de base : tout le dossier est concerné
        if absolute == root or root.is_relative_to(absolute):
            return Selection(None)
        if not absolute.is_relative_to(root):
            raise PathError(
                f"« {path} » n'est pas dans le dossier de données « {for_display(data)} » "
                "(option --data)"
            )
        if path.is_dir():
            folders.append(absolute)
        else:
            files.add(absolute)
    return Selection(frozenset(files), tuple(folders))


def count_files(selection: Selection, data: Path) -> int | None:
    """Le nombre de fichiers YAML désignés (None : tout le dossier, déjà compté)."""
    if selection.files is None:
        return None
    root = data.resolve()
    return sum(1 for relative in discover(data) if selection.keeps(root / relative))


def _absolute(path: str, cwd: Path) -> Path:
    return Path(os.path.normpath(cwd / path))


def keep(diagnostics: list[Diagnostic], selection: Selection, cwd: Path) -> list[Diagnostic]:
    if selection.files is None:
        return diagnostics
    return [d for d in diagnostics if selection.keeps(_absolute(d.path, cwd).resolve())]


def relative_to_cwd(diagnostics: list[Diagnostic], cwd: Path) -> list[Diagnostic]:
    """Chemins montrés relatifs au dossier courant (« ville-sur-val/fa-62.yaml » depuis data/fiches/)."""
    out = []
    for d in diagnostics:
        if Path(d.path).is_absolute():
            out.append(d)
            continue
        try:
            shown = Path(os.path.relpath(_absolute(d.path, cwd), cwd)).as_posix()
        except ValueError:
            shown = d.path
        out.append(replace(d, path=shown))
    return out


def statistics(diagnostics: list[Diagnostic]) -> list[str]:
    """`--statistics` : une ligne par code, du plus fréquent au plus rare (comme ruff)."""
    from acvkit.rules import ALL_RULES

    counts = Counter(d.code for d in diagnostics)
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = ALL_RULES.get(code)
        lines.append(f"{n:>{width}}\t{code}\t{rule.name if rule else ''}".rstrip())
    return lines
