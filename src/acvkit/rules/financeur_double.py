"""Un même financeur est nommé deux fois dans les financements d'une fiche.

Pourquoi : un doublon compte deux fois la participation du financeur dans la maquette financière,
ou cache deux montants qu'il faut réunir en un seul.

Exemple conforme :

    financements:
      - {financeur: ademe, montant: 50000}
      - {financeur: region}

Exemple fautif :

    financements:
      - {financeur: ademe, montant: 50000}
      - {financeur: ademe}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "MON005"
NAME = "financeur-double"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        seen: set[str] = set()
        for index, financement in enumerate(entry.model.financements or []):
            if financement.financeur in seen:
                yield problem(
                    entry,
                    "financements",
                    index,
                    "financeur",
                    message=f"financeur « {financement.financeur} » déjà nommé dans cette fiche",
                    context=f"financeur={financement.financeur}",
                )
            seen.add(financement.financeur)
