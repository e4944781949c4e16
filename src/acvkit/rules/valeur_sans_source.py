"""Une valeur observée ne dit pas sa source alors que l'indicateur en cite plusieurs.

Pourquoi : quand l'article 8.3 donne plusieurs sources (LOVAC, service Habitat…), leurs chiffres
diffèrent ; sans source, on ne sait pas d'où vient la valeur ni avec quoi la comparer.

Exemple conforme (sources: [ANAH, Service habitat de l'intercommunalité]) :

    valeurs:
      - {annee: 2024, valeur: 35, source: ANAH}

Exemple fautif :

    valeurs:
      - {annee: 2024, valeur: 35}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "IND010"
NAME = "valeur-sans-source"
SEVERITY = Severity.WARNING
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.indicateurs:
        sources = entry.model.sources
        if len(sources) < 2:
            continue
        for index, mesure in enumerate(entry.model.valeurs):
            if not (mesure.source and mesure.source.strip()):
                yield problem(
                    entry,
                    "valeurs",
                    index,
                    message=f"valeur de {mesure.annee} sans source, alors que l'indicateur en cite "
                    f"{len(sources)} : ajoutez « source »",
                    context=f"annee={mesure.annee},territoire={mesure.territoire}",
                )
