"""Le sous-axe d'une fiche n'existe dans aucun fichier d'axe.

Pourquoi : le plan d'action global (article 7.1) classe chaque fiche dans un sous-axe, ou dans
l'axe lui-même quand le programme n'a pas de sous-axe (`sous_axe: "4"`, `sous_axe: transversal`) ;
un code mal tapé fait disparaître la fiche du plan et des totaux par axe.

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
PARTIAL = ("sous_axe",)  # jugée aussi dans une fiche refusée dont le sous-axe est valide


def check(data: Dataset) -> Iterator[Problem]:
    if not data.axes:
        return
    known = data.sous_axes()
    axes = data.axe_codes()
    for entry in data.fiches:
        code = entry.model.sous_axe
        axe = entry.model.axe
        siblings = sorted(c for c in known if c.split(".")[0] == axe)
        if code in known or (entry.model.axe_only and code in axes and not siblings):
            continue
        if entry.model.axe_only:
            nom = "l'axe transversal" if axe == "transversal" else f"l'axe {axe}"
            if siblings:
                message = f"{nom} a des sous-axes ({', '.join(siblings)}) : classez la fiche dans l'un d'eux"
            else:
                message = (
                    f"axe « {code} » inconnu : {nom} n'est déclaré dans aucun fichier de axes/"
                )
            yield problem(entry, "sous_axe", message=message, context=f"sous_axe={code}")
            continue
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
