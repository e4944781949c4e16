"""Le jeu de données des tests d'indicateurs : data/ copié, avec les indicateurs chiffrés de l'exemple."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA, ROOT

EXAMPLE = ROOT / "examples" / "suivi-2025-s1" / "indicateurs"
# 2025-06-30 à midi (UTC) : la date du rapport du suivi du premier semestre 2025.
EPOCH_2025 = "1751284800"


def valued_folder(tmp_path: Path) -> Path:
    """data/ copié dans tmp_path, ses indicateurs remplacés par ceux de l'exemple fictif."""
    cible = tmp_path / "suivi"
    shutil.copytree(DATA, cible)
    for file in sorted(EXAMPLE.glob("*.yaml")):
        shutil.copyfile(file, cible / "indicateurs" / file.name)
    return cible
