"""Une phase (jalon) sort des dates de sa fiche.

Pourquoi : quand une fiche donne à la fois ses propres dates et celles de ses phases, les phases
doivent tenir dedans ; sinon l'une des deux séries de dates est périmée.

Exemple conforme :

    lancement: "2024"
    livraison: "2026"
    jalons:
      - {libelle: Études, lancement: T1 2024, livraison: T4 2024}

Exemple fautif :

    lancement: "2024"
    livraison: "2026"
    jalons:
      - {libelle: Travaux, lancement: "2025", livraison: "2028"}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "CAL004"
NAME = "jalon-hors-fiche"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        lancement, livraison = fiche.lancement, fiche.livraison
        if (
            lancement is None
            or livraison is None
            or not (lancement.is_dated and livraison.is_dated)
        ):
            continue
        for index, jalon in enumerate(fiche.jalons or []):
            for key in ("lancement", "livraison"):
                periode = getattr(jalon, key)
                if periode is None or not periode.is_dated:
                    continue
                if periode.debut < lancement.debut or periode.fin > livraison.fin:
                    yield problem(
                        entry,
                        "jalons",
                        index,
                        key,
                        message=f"phase « {jalon.libelle} » ({key} « {periode} ») hors des dates "
                        f"de la fiche ({lancement} – {livraison})",
                        context=f"jalon={jalon.libelle};{key}",
                    )
