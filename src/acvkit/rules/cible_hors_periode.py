"""Une cible est fixée pour une année hors de la période de l'avenant.

Pourquoi : l'avenant s'engage sur sa période (ici 2024 à 2026) ; une cible au-delà relève du
prochain avenant, une cible d'avant son début n'engage plus personne. C'est permis, mais à dire.

Exemple conforme (programme.yaml : du 2024-01-01 au 2026-12-31) :

    cibles:
      - {annee: 2026, valeur: 60}

Exemple fautif :

    cibles:
      - {annee: 2030, valeur: 80}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "IND009"
NAME = "cible-hors-periode"
SEVERITY = Severity.WARNING
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    if data.programme is None:
        return
    debut, fin = data.programme.model.debut.year, data.programme.model.fin.year
    document = data.programme.model.structure().of_document  # « de l'avenant »
    for entry in data.indicateurs:
        for index, cible in enumerate(entry.model.cibles):
            if not debut <= cible.annee <= fin:
                yield problem(
                    entry,
                    "cibles",
                    index,
                    "annee",
                    message=f"cible fixée pour {cible.annee}, hors de la période {document} "
                    f"({debut}-{fin})",
                    context=f"cible={cible.annee}",
                )
