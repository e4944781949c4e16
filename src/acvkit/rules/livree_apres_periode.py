"""Une fiche est livrée après la fin de la période de l'avenant.

Pourquoi : l'avenant couvre une période fixée (ici jusqu'au 31 décembre 2026) ; une action livrée
après doit être prolongée dans le prochain avenant, et les financeurs doivent le savoir.

Exemple conforme (programme.yaml : fin 2026-12-31) :

    livraison: Fin 2026

Exemple fautif :

    livraison: 2027-2029
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem
from acvkit.rules.common.periode_limits import fin_loc

CODE = "CAL003"
NAME = "livree-apres-periode"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    if data.programme is None:
        return
    fin_avenant = data.programme.model.fin
    document = (
        data.programme.model.structure().the_document
    )  # « l'avenant », « la convention-cadre »
    for entry in data.fiches:
        fin = entry.model.fin
        if fin is not None and fin > fin_avenant:
            yield problem(
                entry,
                *fin_loc(entry),
                message=f"calendrier qui s'étend jusqu'au {fin:%d/%m/%Y}, au-delà de la fin de {document} "
                f"({fin_avenant:%d/%m/%Y})",
                context=f"fin={fin.isoformat()}",
            )
