"""Une action n'a aucun indicateur d'avancement ni de résultat.

Pourquoi : le comité de projet suit chaque action par ses indicateurs ; sans eux, on ne saura pas
dire à l'évaluation si elle a avancé ni ce qu'elle a produit.

Exemple conforme :

    type: action
    indicateurs_resultat:
      - Livraison des panneaux signalétiques

Exemple fautif :

    type: action
    indicateurs_avancement: []
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models import TypeFiche
from acvkit.rules.common.base import Problem, problem

CODE = "CON004"
NAME = "action-sans-indicateur"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        if fiche.type is not TypeFiche.ACTION:
            continue
        if (
            fiche.indicateurs_avancement
            or fiche.indicateurs_resultat
            or fiche.indicateurs_evaluation
        ):
            continue
        yield problem(
            entry,
            "type",
            message=f"l'action FA {fiche.numero} n'a aucun indicateur d'avancement ni de résultat",
            context="indicateurs",
        )
