"""Une valeur observée porte un périmètre que l'indicateur ne déclare pas.

Pourquoi : l'article 8.3 fixe le périmètre d'observation de chaque indicateur ; une valeur
mesurée ailleurs (l'EPCI pour un indicateur communal) ne se compare pas à la cible.

Exemple conforme :

    perimetre: [commune, centre-ville]
    valeurs:
      - {annee: 2024, valeur: 47.1, perimetre: commune}

Exemple fautif :

    perimetre: [commune, centre-ville]
    valeurs:
      - {annee: 2024, valeur: 47.1, perimetre: epci}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "IND005"
NAME = "perimetre-hors-indicateur"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.indicateurs:
        indicateur = entry.model
        allowed = [p.value for p in indicateur.perimetre]
        for index, mesure in enumerate(indicateur.valeurs):
            if mesure.perimetre is not None and mesure.perimetre.value not in allowed:
                yield problem(
                    entry,
                    "valeurs",
                    index,
                    "perimetre",
                    message=f"périmètre « {mesure.perimetre.value} » absent de ceux de "
                    f"l'indicateur ({', '.join(allowed) or 'aucun'})",
                    context=f"annee={mesure.annee},perimetre={mesure.perimetre.value}",
                )
