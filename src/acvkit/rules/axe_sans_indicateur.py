"""Un axe n'a aucun indicateur d'évaluation.

Pourquoi : l'article 8.3 évalue le programme axe par axe ; un axe sans indicateur ne pourra pas
être évalué à mi-parcours.

Exemple conforme (axes/axe-4.yaml et indicateurs/ind-4-01.yaml) :

    id: ind-4-01
    axe: "4"

Exemple fautif : axes/axe-4.yaml existe, mais aucun fichier de indicateurs/ n'a `axe: "4"`.
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "IND002"
NAME = "axe-sans-indicateur"
SEVERITY = Severity.WARNING
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    evaluated = {e.model.axe for e in data.indicateurs}
    for entry in data.axes:
        if entry.model.code not in evaluated:
            yield problem(
                entry,
                "numero",
                message=f"l'axe {entry.model.code} n'a aucun indicateur d'évaluation dans indicateurs/",
                context=f"axe={entry.model.code}",
            )
