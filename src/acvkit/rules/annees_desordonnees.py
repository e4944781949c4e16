"""Les années d'un indicateur sont dans le désordre, ou une valeur est datée après le rapport.

Pourquoi : les valeurs s'écrivent de la plus ancienne à la plus récente et les cibles par année
croissante, après l'année de référence ; une valeur « observée » en 2027 quand le rapport est daté
de 2025 est une faute de frappe ou une cible mal rangée. La date du rapport est celle de
SOURCE_DATE_EPOCH, sinon le jour même.

Exemple conforme :

    reference: {annee: 2023, valeur: 42.5}
    cibles:
      - {annee: 2026, valeur: 60}
    valeurs:
      - {annee: 2024, valeur: 47.1}
      - {annee: 2025, valeur: 51.0}

Exemple fautif :

    reference: {annee: 2023, valeur: 42.5}
    cibles:
      - {annee: 2022, valeur: 60}
    valeurs:
      - {annee: 2025, valeur: 51.0}
      - {annee: 2024, valeur: 47.1}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem
from acvkit.suivi.dates import date_rapport

CODE = "IND008"
NAME = "annees-desordonnees"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    annee_rapport = date_rapport(data.date_rapport).year
    for entry in data.indicateurs:
        indicateur = entry.model
        reference = indicateur.reference
        if reference is not None and reference.annee > annee_rapport:
            yield problem(
                entry,
                "reference",
                "annee",
                message=f"année de référence {reference.annee} postérieure à la date du rapport "
                f"({annee_rapport})",
                context="reference",
            )
        previous: int | None = None
        for index, mesure in enumerate(indicateur.valeurs):
            if mesure.annee > annee_rapport:
                message = (
                    f"valeur observée en {mesure.annee}, après la date du rapport ({annee_rapport})"
                )
            elif previous is not None and mesure.annee < previous:
                message = (
                    f"valeur de {mesure.annee} écrite après une valeur de {previous} : "
                    "rangez les valeurs de la plus ancienne à la plus récente"
                )
            else:
                previous = mesure.annee
                continue
            yield problem(
                entry, "valeurs", index, "annee", message=message, context=f"valeur={index}"
            )
        last = reference.annee if reference is not None else None
        what = "de référence"
        for index, cible in enumerate(indicateur.cibles):
            if last is not None and cible.annee <= last:
                yield problem(
                    entry,
                    "cibles",
                    index,
                    "annee",
                    message=f"cible de {cible.annee} qui ne suit pas l'année {what} ({last}) : "
                    "les cibles vont par année croissante, après la référence",
                    context=f"cible={index}",
                )
            if last is None or cible.annee > last:
                last, what = cible.annee, "de la cible précédente"
