"""La livraison d'une fiche ou d'une phase tombe avant son lancement.

Pourquoi : deux dates inversées trahissent une faute de frappe (2024 pour 2025) ; le calendrier
pluriannuel (article 7.2) les dessinerait à l'envers. Les périodes floues sont comparées comme
intervalles : il y a faute quand la livraison finit avant que le lancement commence.

Exemple conforme :

    lancement: T1 2025
    livraison: 2027-2029

Exemple fautif :

    lancement: T1 2025
    livraison: Fin 2024
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.periods import Periode
from acvkit.rules.common.base import Problem, problem

CODE = "CAL001"
NAME = "livraison-avant-lancement"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def _inverted(lancement: Periode | None, livraison: Periode | None) -> bool:
    if lancement is None or livraison is None or not (lancement.is_dated and livraison.is_dated):
        return False
    assert lancement.debut is not None and livraison.fin is not None
    return livraison.fin < lancement.debut


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        if _inverted(fiche.lancement, fiche.livraison):
            yield problem(
                entry,
                "livraison",
                message=f"livraison « {fiche.livraison} » avant le lancement « {fiche.lancement} »",
                context=f"{fiche.lancement}>{fiche.livraison}",
            )
        for index, jalon in enumerate(fiche.jalons or []):
            if _inverted(jalon.lancement, jalon.livraison):
                yield problem(
                    entry,
                    "jalons",
                    index,
                    "livraison",
                    message=f"phase « {jalon.libelle} » : livraison « {jalon.livraison} » "
                    f"avant le lancement « {jalon.lancement} »",
                    context=f"jalon={jalon.libelle}",
                )
