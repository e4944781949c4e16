"""Un poste de coût « A définir » côtoie un total déclaré.

Pourquoi : si un poste n'est pas chiffré, le total ne peut pas l'inclure ; soit le total est
provisoire et doit le dire, soit le poste est en réalité connu.

Exemple conforme :

    cout:
      postes:
        - {libelle: Coût de l'étude, montant: 20000}
        - {libelle: Installations, montant: null, note: A définir selon les scénarii retenus}

Exemple fautif :

    cout:
      postes:
        - {libelle: Coût de l'étude, montant: 20000}
        - {libelle: Installations, montant: null}
      total: 20000
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "MON006"
NAME = "poste-inconnu-avec-total"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        cout = entry.model.cout
        if cout is None or cout.total is None:
            continue
        for index, poste in enumerate(cout.postes or []):
            if poste.montant is None:
                yield problem(
                    entry,
                    "cout",
                    "postes",
                    index,
                    message=f"le poste « {poste.libelle} » n'est pas chiffré alors que le "
                    "total l'est : le total est-il provisoire ?",
                    context=f"poste={poste.libelle}",
                )
