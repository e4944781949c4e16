"""Une fiche suivie n'est ni livrée ni abandonnée alors que sa période de livraison est passée.

Pourquoi : le comité de projet (article 3) doit voir les fiches en retard d'abord ; une fiche
sans statut reste « non renseignée » et n'est jamais dite en retard. C'est un avertissement : un
plan en cours doit pouvoir se valider et se construire.

Exemple conforme (rapport au 30/06/2025) :

    statut: livree
    livraison: T4 2024

Exemple fautif :

    statut: en_cours
    livraison: T4 2024
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem
from acvkit.rules.common.periode_limits import fin_loc
from acvkit.rules.common.suivi import report_day
from acvkit.suivi.etat import current_statut, en_retard

CODE = "SUI004"
NAME = "fiche-en-retard"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    day = report_day(data)
    for entry in data.fiches:
        fiche = entry.model
        if not en_retard(fiche, day):
            continue
        statut = current_statut(fiche)
        assert statut is not None and fiche.fin is not None
        yield problem(
            entry,
            *fin_loc(entry),
            message=f"fiche en retard : livraison prévue au plus tard le {fiche.fin:%d/%m/%Y}, "
            f"toujours « {statut.libelle.lower()} » au {day:%d/%m/%Y}",
            context=f"fin={fiche.fin.isoformat()};statut={statut.value}",
        )
