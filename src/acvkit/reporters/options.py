"""Ce qu'une vue des diagnostics peut avoir besoin de savoir en plus de la liste elle-même."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def _same(path: str) -> str:
    return path


@dataclass(frozen=True)
class ReportOptions:
    # Transforme un chemin affiché en chemin relatif à la racine du dépôt (GitHub, GitLab, SARIF).
    repo_path: Callable[[str], str] = field(default=_same)
    # Fichier de résumé d'étape GitHub (variable GITHUB_STEP_SUMMARY), s'il y en a un.
    step_summary: Path | None = None
    # N'afficher que les problèmes, sans bilan (option -q).
    quiet: bool = False
    # Base des liens vers la documentation des règles (clé `documentation` de acv.toml).
    docs_base: str | None = None


def repo_relative(data_dir: Path, cwd: Path) -> Callable[[str], str]:
    """Chemins relatifs à la racine git qui contient le dossier de données (ou au dossier courant)."""
    root = cwd.resolve()
    for folder in [data_dir.resolve(), *data_dir.resolve().parents]:
        if (folder / ".git").exists():
            root = folder
            break

    def convert(path: str) -> str:
        absolute = (cwd / path).resolve() if not Path(path).is_absolute() else Path(path)
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    return convert
