"""Une dépense réalisée est datée d'une année hors du calendrier de la fiche.

Pourquoi : une dépense avant le lancement ou après la livraison de la fiche est soit une année mal
écrite, soit un calendrier à mettre à jour ; le réalisé par année ne se compare plus au prévu.

Exemple conforme :

    lancement: T1 2025
    livraison: Fin 2026
    realise:
      - {annee: 2025, montant: 120000}

Exemple fautif :

    lancement: T1 2025
    livraison: Fin 2026
    realise:
      - {annee: 2023, montant: 120000}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "SUI009"
NAME = "realise-hors-calendrier"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        debut, fin = fiche.debut, fiche.fin
        if debut is None or fin is None:
            continue
        for index, r in enumerate(fiche.realise or []):
            if not debut.year <= r.annee <= fin.year:
                yield problem(
                    entry,
                    "realise",
                    index,
                    "annee",
                    message=f"dépense réalisée en {r.annee}, hors du calendrier de la fiche "
                    f"({debut.year}–{fin.year})",
                    context=f"annee={r.annee}",
                )
