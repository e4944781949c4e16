"""L'écriture d'`acv import` : vérifiée par le linter complet, puis tous les fichiers ou aucun."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from acvkit.annexes.staging import reason


class WriteError(Exception):
    """Les fichiers n'ont pas pu être écrits ; ceux déjà remplacés ont été remis en l'état."""


def check(data_dir: Path, textes: dict[Path, str], config: Any) -> list[str]:
    """Les erreurs du linter complet sur le jeu de données tel qu'il serait après l'import.

    Le dossier est copié à part, les nouveaux textes y sont posés, puis validés comme par
    `acv validate` ; chaque erreur est rendue avec le chemin du fichier d'origine.
    """
    from acvkit.linting.engine import Linter

    root_dir = data_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="acv-import-") as tmp:
        copied = Path(tmp) / "data"
        shutil.copytree(root_dir, copied, ignore=shutil.ignore_patterns(".acv-cache", ".git"))
        for path, texte in textes.items():
            relative = path.resolve().relative_to(root_dir)
            (copied / relative).write_bytes(texte.encode("utf-8"))
        report = Linter(config, errors_only=True).lint(copied, data_dir.as_posix())
        return [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in report.errors]


def write_all(textes: dict[Path, str]) -> None:
    """Écrit chaque texte : tous préparés (fichier temporaire voisin, fsync), puis tous remplacés.

    Si une préparation échoue, rien n'est remplacé ; si un remplacement échoue, les fichiers déjà
    remplacés reprennent leur contenu d'avant. WriteError (message français) dans les deux cas.
    """
    prepares: dict[Path, Path] = {}
    previous: dict[Path, bytes] = {}
    replaced: list[Path] = []
    try:
        for cible, texte in textes.items():
            previous[cible] = cible.read_bytes()
            fd, nom = tempfile.mkstemp(dir=cible.parent, prefix=f".{cible.name}.", suffix=".tmp")
            prepares[cible] = Path(nom)
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), cible.stat().st_mode & 0o7777)
                handle.write(texte.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        for cible, prepare in prepares.items():
            _replace(prepare, cible)
            replaced.append(cible)
    except OSError as exc:
        for cible in replaced:
            with contextlib.suppress(OSError):
                cible.write_bytes(previous[cible])
        lieu = exc.filename or "?"
        raise WriteError(
            f"écriture impossible dans « {lieu} » : {reason(exc)} ; aucun fichier n'est modifié"
        ) from None
    finally:
        for prepare in prepares.values():
            prepare.unlink(missing_ok=True)


def _replace(prepare: Path, cible: Path) -> None:
    prepare.replace(cible)
