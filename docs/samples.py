"""Les exemples de commandes de la documentation : chacun est produit par une vraie exécution.

Les pages (README.md, docs/*.md) portent des blocs cog qui appellent `run(...)` ; `make samples`
les régénère, `tests/test_docs.py` vérifie qu'aucun n'est périmé (`cog --check`). La commande est
lancée comme un utilisateur la lance (`python -m acvkit`), depuis la racine du dépôt, sans couleur,
sur 100 colonnes et à une date fixe : la même sortie à chaque fois.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "TERM": "dumb",
    "SOURCE_DATE_EPOCH": "1767225600",  # 01/01/2026 : la date des documents produits
    "PYTHONIOENCODING": "utf-8",
}


def run(command: str, *, head: int | None = None, language: str = "console") -> None:
    """Écrit dans la page un bloc de code : la commande, puis ce qu'elle affiche (sorties standard
    et d'erreur mêlées, dans l'ordre) ; `head` garde les premières lignes et dit combien manquent."""
    import cog  # le module que cog installe pour chaque passage : lu à l'appel, jamais gardé

    words = shlex.split(command)
    if words[0] != "acv":
        raise ValueError(f"un exemple lance acv : {command!r}")
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "CI", "GITHUB_ACTIONS"}}
    env.update(ENV)
    done = subprocess.run(
        [sys.executable, "-m", "acvkit", *words[1:]],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        check=False,
    )
    lines = done.stdout.rstrip("\n").splitlines()
    if head is not None and len(lines) > head:
        lines = [*lines[:head], f"… ({len(lines) - head} lignes de plus)"]
    cog.outl(f"```{language}")
    cog.outl(f"$ {command}")
    for line in lines:
        cog.outl(line)
    cog.outl("```")
