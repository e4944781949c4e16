"""Une fiche est dite livrée alors que sa période de livraison n'a pas commencé.

Pourquoi : à la date du rapport, une fiche livrée avant même sa période de livraison trahit un
statut saisi sur la mauvaise fiche, ou une date de livraison à mettre à jour.

Exemple conforme (rapport au 30/06/2025) :

    statut: livree
    livraison: T1 2025

Exemple fautif :

    statut: livree
    livraison: Fin 2026
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models import Statut
from acvkit.rules.common.base import Problem, problem
from acvkit.rules.common.suivi import report_day

CODE = "SUI003"
NAME = "livree-avant-sa-livraison"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    day = report_day(data)
    for entry in data.fiches:
        fiche = entry.model
        livraison = fiche.livraison
        if fiche.statut is not Statut.LIVREE or livraison is None or livraison.debut is None:
            continue
        if livraison.debut > day:
            yield problem(
                entry,
                "statut",
                message=f"fiche livrée au {day:%d/%m/%Y}, mais sa livraison « {livraison.texte} » "
                f"ne commence que le {livraison.debut:%d/%m/%Y}",
                context=f"livraison={livraison.debut.isoformat()}",
            )
