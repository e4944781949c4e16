"""Un financeur a attribué plus que ce qui lui a été demandé.

Pourquoi : c'est possible (un financeur qui complète) mais rare ; le plus souvent le montant
demandé n'a pas été mis à jour, ou l'attribué porte un zéro de trop.

Exemple conforme :

    financements:
      - {financeur: region, montant: 80000, montant_demande: 80000, montant_attribue: 60000}

Exemple fautif :

    financements:
      - {financeur: region, montant: 80000, montant_demande: 80000, montant_attribue: 800000}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem
from acvkit.rules.common.suivi import montant_exceeding

CODE = "SUI007"
NAME = "attribue-superieur-a-la-demande"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    return montant_exceeding(data, "montant_attribue", "attribué", "montant_demande", "la demande")
