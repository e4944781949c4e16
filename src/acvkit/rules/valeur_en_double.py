"""Deux valeurs observées portent la même année, le même territoire et le même périmètre.

Pourquoi : une même mesure écrite deux fois (souvent une correction ajoutée sous l'ancienne
valeur) laisse deux chiffres pour un seul point : lequel croire ?

Exemple conforme :

    valeurs:
      - {annee: 2024, valeur: 47.1, territoire: ville-sur-val}
      - {annee: 2024, valeur: 12.0, territoire: ville-voisine}

Exemple fautif :

    valeurs:
      - {annee: 2024, valeur: 47.1, territoire: ville-sur-val}
      - {annee: 2024, valeur: 48.0, territoire: ville-sur-val}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "IND007"
NAME = "valeur-en-double"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.indicateurs:
        seen: dict[tuple[int, str | None, str | None], int] = {}
        for index, mesure in enumerate(entry.model.valeurs):
            perimetre = mesure.perimetre.value if mesure.perimetre else None
            key = (mesure.annee, mesure.territoire, perimetre)
            if key in seen:
                precisions = ", ".join(p for p in (mesure.territoire, perimetre) if p is not None)
                yield problem(
                    entry,
                    "valeurs",
                    index,
                    message=f"deuxième valeur pour {mesure.annee}"
                    + (f" ({precisions})" if precisions else "")
                    + f" : déjà donnée en position {seen[key] + 1} de « valeurs »",
                    context=f"annee={mesure.annee},territoire={mesure.territoire},"
                    f"perimetre={perimetre}",
                )
            else:
                seen[key] = index
