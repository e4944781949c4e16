"""Un indicateur a des valeurs chiffrées mais pas d'unité.

Pourquoi : « 47,1 » ne dit rien sans son unité (kilomètres, logements, pour cent) ; l'unité est
écrite avec chaque valeur dans `acv indicateurs` et dans l'annexe d'évaluation.

Exemple conforme :

    unite: km
    valeurs:
      - {annee: 2024, valeur: 47.1}

Exemple fautif :

    valeurs:
      - {annee: 2024, valeur: 47.1}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "IND004"
NAME = "valeur-sans-unite"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.indicateurs:
        indicateur = entry.model
        if indicateur.unite and indicateur.unite.strip():
            continue
        if indicateur.valeurs:
            loc: tuple[str | int, ...] = ("valeurs", 0)
        elif indicateur.reference is not None:
            loc = ("reference",)
        elif indicateur.cibles:
            loc = ("cibles", 0)
        else:
            continue
        yield problem(
            entry,
            *loc,
            message=f"l'indicateur « {indicateur.id} » a des valeurs mais pas d'unité : "
            "ajoutez « unite » (km, logements, %…)",
            context=f"indicateur={indicateur.id}",
        )
