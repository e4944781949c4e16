"""Une fiche est terminée avant le début de la période de l'avenant.

Pourquoi : l'avenant programme les actions de sa période (ici du 1er janvier 2024 au 31 décembre
2026) ; une fiche achevée avant relève du bilan de la période précédente (Annexe 1), ou ses dates
n'ont pas été mises à jour.

Exemple conforme (programme.yaml : debut 2024-01-01) :

    lancement: T2 2024
    livraison: T4 2025

Exemple fautif :

    lancement: "2022"
    livraison: Eté 2023
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem
from acvkit.rules.common.periode_limits import fin_loc

CODE = "CAL002"
NAME = "livree-avant-periode"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    if data.programme is None:
        return
    debut = data.programme.model.debut
    document = (
        data.programme.model.structure().the_document
    )  # « l'avenant », « la convention-cadre »
    for entry in data.fiches:
        fin = entry.model.fin
        if fin is not None and fin < debut:
            yield problem(
                entry,
                *fin_loc(entry),
                message=f"fiche terminée au plus tard le {fin:%d/%m/%Y}, avant le début de "
                f"{document} ({debut:%d/%m/%Y})",
                context=f"fin={fin.isoformat()}",
            )
