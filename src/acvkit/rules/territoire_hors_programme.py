"""Une valeur observée désigne un territoire qui n'est pas une collectivité du programme.

Pourquoi : les valeurs se rapportent aux communes et à l'EPCI de `programme.yaml` ; un autre
identifiant (faute de frappe, partenaire financeur) rend la valeur impossible à rattacher.

Exemple conforme (programme.yaml : communes ville-sur-val et ville-voisine, EPCI cc-du-val) :

    valeurs:
      - {annee: 2024, valeur: 47.1, territoire: ville-sur-val}

Exemple fautif :

    valeurs:
      - {annee: 2024, valeur: 47.1, territoire: region}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem, suggest

CODE = "IND006"
NAME = "territoire-hors-programme"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def collectivites(data: Dataset) -> list[str]:
    """Les collectivités du programme : les communes, puis l'EPCI."""
    if data.programme is None:
        return []
    territoire = data.programme.model.territoire
    return [c.collectivite for c in territoire.communes] + [territoire.epci.collectivite]


def check(data: Dataset) -> Iterator[Problem]:
    allowed = collectivites(data)
    if not allowed:
        return
    for entry in data.indicateurs:
        for index, mesure in enumerate(entry.model.valeurs):
            if mesure.territoire is not None and mesure.territoire not in allowed:
                yield problem(
                    entry,
                    "valeurs",
                    index,
                    "territoire",
                    message=f"territoire « {mesure.territoire} » : ce n'est pas une collectivité "
                    f"du programme ({', '.join(allowed)}){suggest(mesure.territoire, allowed)}",
                    context=f"annee={mesure.annee},territoire={mesure.territoire}",
                )
