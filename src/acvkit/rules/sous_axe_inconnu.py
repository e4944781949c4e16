"""Le sous-axe d'une fiche n'existe dans aucun fichier d'axe.

Pourquoi : le plan d'action global (article 7.1) classe chaque fiche dans un sous-axe ; un code
mal tapé fait disparaître la fiche du plan et des totaux par axe.

Exemple conforme (axes/axe-4.yaml déclare le sous-axe 4.2) :

    sous_axe: "4.2"

Exemple fautif :

    sous_axe: "4.9"
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "INT003"
NAME = "sous-axe-inconnu"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    if not data.axes:
        return
    known = data.sous_axes()
    for entry in data.fiches:
        code = entry.model.sous_axe
        if code in known:
            continue
        axe = entry.model.axe
        siblings = sorted(c for c in known if c.split(".")[0] == axe)
        if siblings:
            detail = f" : l'axe {axe} a les sous-axes " + ", ".join(siblings)
        else:
            detail = f" : aucun axe {axe} n'est déclaré dans axes/"
        yield problem(
            entry,
            "sous_axe",
            message=f"sous-axe « {code} » inconnu{detail}",
            context=f"sous_axe={code}",
        )
