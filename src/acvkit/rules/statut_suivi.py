"""Le statut de la fiche n'est pas celui de la dernière entrée de son journal de suivi.

Pourquoi : `statut` dit où en est la fiche aujourd'hui, le journal `suivi` raconte comment elle y
est arrivée ; quand ils divergent, l'un des deux n'a pas été mis à jour et les bilans (acv suivi,
annexe bilan, tableur ANCT) ne savent pas lequel croire.

Exemple conforme :

    statut: en_cours_finance
    suivi:
      - {date: 2024-06-30, statut: en_cours}
      - {date: 2024-12-31, statut: en_cours_finance}

Exemple fautif :

    statut: en_cours
    suivi:
      - {date: 2024-06-30, statut: en_cours}
      - {date: 2024-12-31, statut: en_cours_finance}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem
from acvkit.suivi.etat import last_entry

CODE = "SUI001"
NAME = "statut-different-du-suivi"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        last = last_entry(fiche)
        if fiche.statut is None or last is None or last.statut is fiche.statut:
            continue
        yield problem(
            entry,
            "statut",
            message=f"statut « {fiche.statut.value} », mais la dernière entrée du suivi "
            f"({last.date:%d/%m/%Y}) dit « {last.statut.value} »",
            context=f"statut={fiche.statut.value};suivi={last.statut.value}",
        )
