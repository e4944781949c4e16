"""Un financeur a attribué plus que ce qui lui a été demandé.

Pourquoi : c'est possible (un financeur qui complète) mais rare ; le plus souvent le montant
demandé n'a pas été mis à jour, ou l'attribué porte un zéro de trop.

Exemple conforme :

    financements:
      - {financeur: region-hdf, montant: 80000, montant_demande: 80000, montant_attribue: 60000}

Exemple fautif :

    financements:
      - {financeur: region-hdf, montant: 80000, montant_demande: 80000, montant_attribue: 800000}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.money import format_euros
from acvkit.rules.base import Problem, problem

CODE = "SUI007"
NAME = "attribue-superieur-a-la-demande"
SEVERITY = Severity.WARNING
PORTEE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        for index, f in enumerate(entry.model.financements or []):
            if f.montant_attribue is None or f.montant_demande is None:
                continue
            if f.montant_attribue > f.montant_demande:
                yield problem(
                    entry,
                    "financements",
                    index,
                    "montant_attribue",
                    message=f"{f.financeur} : attribué {format_euros(f.montant_attribue)}, plus "
                    f"que la demande ({format_euros(f.montant_demande)})",
                    context=f"financeur={f.financeur}",
                )
