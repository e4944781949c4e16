"""La carte du code de CONTRIBUTING.md dit l'arbre tel qu'il est : chaque dossier et chaque module
du premier niveau de `src/acvkit/` y figure, et rien n'y figure qui n'existe pas."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "acvkit"


def _map_names() -> set[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## La carte du code", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    names: set[str] = set()
    for row in rows:
        names.update(re.findall(r"`([a-z_]+(?:/[a-z_]+)*/?(?:\.py)?)`", row))
    return names


def _tree() -> set[str]:
    found = {p.name for p in PACKAGE.glob("*.py") if p.name != "__main__.py"}
    found |= {f"{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    return found


def test_chaque_dossier_et_module_est_sur_la_carte() -> None:
    missing = _tree() - _map_names()
    assert missing == set(), f"absents de la carte de CONTRIBUTING.md : {sorted(missing)}"


def test_la_carte_ne_nomme_rien_qui_n_existe_pas() -> None:
    for name in _map_names():
        if name.endswith((".py", "/")):
            assert (PACKAGE / name).exists(), (
                f"CONTRIBUTING.md nomme « {name} », absent de src/acvkit/"
            )


def test_la_carte_est_lue() -> None:
    # Garde-fou : une carte illisible passerait le second test sans rien vérifier.
    names = _map_names()
    assert {"errors.py", "loading/", "annexes/docx/", "rules/common/"} <= names
