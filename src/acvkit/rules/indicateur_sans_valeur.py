"""Un indicateur d'un axe qui a des fiches n'a aucune valeur observée depuis le début de l'avenant.

Pourquoi : l'évaluation à mi-parcours compare des valeurs à leur cible ; une fois la première
année de l'avenant écoulée (date du rapport : SOURCE_DATE_EPOCH, sinon le jour même), un
indicateur d'un axe où des fiches sont engagées devrait avoir au moins une valeur observée pour
une année de l'avenant. La règle ne joue que si le dossier enregistre des valeurs depuis au moins
une année révolue (une valeur d'une année antérieure à celle du rapport, dans au moins un
indicateur) : les données qui ne gardent que le texte de l'avenant ne sont pas concernées, et la
première valeur saisie ne met pas tous les autres indicateurs en défaut la même année.

Exemple conforme (avenant 2024-2026, rapport de 2025, une fiche de l'axe 3, des valeurs de
2024 relevées dans le dossier) :

    id: ind-3-04
    valeurs:
      - {annee: 2024, valeur: 47.1}

Exemple fautif (même situation, un autre indicateur du dossier a des valeurs) :

    id: ind-3-04
    valeurs: []
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem
from acvkit.suivi.dates import date_rapport

CODE = "IND011"
NAME = "indicateur-sans-valeur"
SEVERITY = Severity.WARNING
# Les champs des fiches lus (la validation à froid ne transmet que ceux-là).
CHAMPS = ("sous_axe",)


def check(data: Dataset) -> Iterator[Problem]:
    if data.programme is None:
        return
    first = data.programme.model.debut.year
    year = date_rapport(data.date_rapport).year
    if year <= first:
        return
    if not any(m.annee < year for e in data.indicateurs for m in e.model.valeurs):
        return  # le relevé des valeurs commence cette année : pas encore de défaut
    axes_with_fiches = {e.model.axe for e in data.fiches}
    for entry in data.indicateurs:
        indicateur = entry.model
        if indicateur.axe not in axes_with_fiches:
            continue
        if any(m.annee >= first for m in indicateur.valeurs):
            continue
        yield problem(
            entry,
            "id",
            message=f"aucune valeur observée depuis {first}, première année de l'avenant, "
            f"alors que l'axe {indicateur.axe} a des fiches action",
            context=f"indicateur={indicateur.id}",
        )
