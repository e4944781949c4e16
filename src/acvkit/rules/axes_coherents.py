"""Les fichiers d'axes se contredisent : axe en double, sous-axe hors de son axe ou déclaré deux fois.

Pourquoi : le code d'un sous-axe porte son axe (« 4.2 » appartient à l'axe 4) ; un sous-axe rangé
dans le mauvais fichier ou déclaré deux fois fausse le plan d'action et les totaux par axe.

Exemple conforme (axes/axe-4.yaml) :

    numero: 4
    sous_axes:
      - {code: "4.2", intitule: Requalification de l'espace public}

Exemple fautif :

    numero: 4
    sous_axes:
      - {code: "3.2", intitule: Requalification de l'espace public}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "INT007"
NAME = "axes-coherents"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    axes: set[str] = set()
    codes: set[str] = set()
    for entry in sorted(data.axes, key=lambda e: e.doc.path):
        axe = entry.model
        if axe.code in axes:
            yield problem(
                entry,
                "numero",
                message=f"axe {axe.code} déclaré dans deux fichiers",
                context=f"axe={axe.code}",
            )
        axes.add(axe.code)
        for index, sous_axe in enumerate(axe.sous_axes):
            if sous_axe.code.split(".")[0] != axe.code:
                yield problem(
                    entry,
                    "sous_axes",
                    index,
                    "code",
                    message=f"le sous-axe « {sous_axe.code} » n'appartient pas à l'axe {axe.code}",
                    context=f"sous_axe={sous_axe.code}",
                )
            elif sous_axe.code in codes:
                yield problem(
                    entry,
                    "sous_axes",
                    index,
                    "code",
                    message=f"sous-axe « {sous_axe.code} » déclaré deux fois",
                    context=f"sous_axe={sous_axe.code}",
                )
            codes.add(sous_axe.code)
