"""Une fiche cite un indicateur d'évaluation qui n'existe pas.

Pourquoi : `indicateurs_evaluation` relie une fiche aux indicateurs de l'article 8.3 ; un
identifiant mal écrit rompt ce lien sans que personne ne le voie.

Exemple conforme (indicateurs/ind-3-04.yaml existe) :

    indicateurs_evaluation: [ind-3-04]

Exemple fautif :

    indicateurs_evaluation: [ind-3-40]
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem, suggest

CODE = "IND001"
NAME = "indicateur-inconnu"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    ids = {e.model.id for e in data.indicateurs}
    for entry in data.fiches:
        for index, ident in enumerate(entry.model.indicateurs_evaluation or []):
            if ident not in ids:
                yield problem(
                    entry,
                    "indicateurs_evaluation",
                    index,
                    message=f"indicateur « {ident} » inconnu{suggest(ident, ids)}",
                    context=f"indicateur={ident}",
                )
