"""Les annexes produites et les formats de sortie : la liste de référence du build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from acvkit.build.context import Annexes
from acvkit.loading.dataset import Dataset

# (identifiant de fichier, titre) dans l'ordre de l'avenant.
ANNEXES: list[tuple[str, str]] = [
    ("plan-action", "Plan d'action global (article 7.1)"),
    ("programmation", "Programmation pluriannuelle (article 7.2)"),
    ("evaluation", "Objectifs et questions évaluatives (article 8.3)"),
    ("fiches-action", "Annexe 2 – Fiches action"),
    ("recapitulatif", "Annexe 4 – Récapitulatif global des actions"),
    ("maquette-financiere", "Annexe 5 – Maquette financière"),
]


@dataclass(frozen=True)
class RenderInput:
    """Ce qu'un rendu reçoit : le contenu des annexes, le dossier des gabarits, les données lues."""

    annexes: Annexes
    templates: Path
    data: Dataset | None = None
    # Empreinte git des données (commit), pour la traçabilité du tableur ANCT ; None hors git.
    commit: str | None = None


# Un rendu rend des fichiers : chemin relatif au dossier de sortie → contenu.
Renderer = Callable[[RenderInput], dict[str, bytes]]
