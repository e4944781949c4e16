"""Où mettre les schémas pour que l'éditeur les trouve : `schemas/` voisin des données, et VS Code.

`acv schema` écrit les schémas dans `<dépôt>/schemas/` (le parent du dossier de données), là où
mènent les lignes `# yaml-language-server: $schema=…` ; `acv schema --vscode` ajoute en plus la
correspondance `yaml.schemas` de `.vscode/settings.json`, qui vaut pour tout fichier même sans
ligne de schéma.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# Le schéma de chaque sorte de fichier, et les fichiers qu'il couvre (motifs relatifs aux données).
GLOBS: dict[str, list[str]] = {
    "fiche": ["fiches/**/*.yaml", "fiches/**/*.yml"],
    "axe": ["axes/*.yaml", "axes/*.yml"],
    "indicateur": ["indicateurs/*.yaml", "indicateurs/*.yml"],
    "partenaires": ["partenaires.yaml", "partenaires.yml"],
    "programme": ["programme.yaml", "programme.yml"],
}


class SettingsError(Exception):
    """Le fichier .vscode/settings.json existe mais ne se relit pas : message français."""


def default_out(data: Path) -> Path:
    """Le dossier `schemas/` voisin du dossier de données, vers lequel mènent les lignes de schéma."""
    return data.resolve().parent / "schemas"


def stale(out: Path, schemas: dict[str, str]) -> list[str]:
    """Les schémas absents de `out`, ou différents de ceux de cette version d'acvkit."""
    return [
        name
        for name, text in schemas.items()
        if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text
    ]


def _posix_relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def vscode_mapping(workspace: Path, data: Path, out: Path) -> dict[str, list[str]]:
    """`yaml.schemas` : chemin du schéma (relatif à l'espace de travail) → fichiers couverts."""
    prefix = _posix_relative(data, workspace)
    prefix = "" if prefix == "." else prefix + "/"
    schemas = _posix_relative(out, workspace)
    return {
        f"{schemas}/{kind}.schema.json": [prefix + glob for glob in globs]
        for kind, globs in GLOBS.items()
    }


def vscode_settings(workspace: Path, data: Path, out: Path) -> tuple[Path, str, bool]:
    """(fichier, texte à écrire, déjà à jour) de .vscode/settings.json, autres réglages gardés."""
    settings = workspace / ".vscode" / "settings.json"
    current: dict[str, Any] = {}
    if settings.is_file():
        try:
            loaded = json.loads(settings.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SettingsError(
                f"{settings} : illisible ({exc}) ; un fichier avec des commentaires n'est pas "
                "réécrit : ajoutez à la main la table « yaml.schemas » (voir docs/ci.md)"
            ) from exc
        if not isinstance(loaded, dict):
            raise SettingsError(f"{settings} : un objet JSON est attendu")
        current = loaded
    wanted = vscode_mapping(workspace, data, out)
    schemas = current.get("yaml.schemas")
    merged = dict(schemas) if isinstance(schemas, dict) else {}
    merged.update(wanted)
    new = {**current, "yaml.schemas": merged}
    text = json.dumps(new, ensure_ascii=False, indent=2) + "\n"
    return settings, text, current.get("yaml.schemas") == merged and settings.is_file()
