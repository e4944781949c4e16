"""La somme des postes de coût ne fait pas le total déclaré.

Pourquoi : les postes et le total sont souvent tapés séparément dans Word ; quand l'un est corrigé
et pas l'autre, l'annexe financière se contredit. Le calcul est exact, au centime.

Exemple conforme :

    cout:
      postes:
        - {libelle: Travaux, montant: 800000}
        - {libelle: Frais d'études, montant: 70000}
      total: 870000

Exemple fautif :

    cout:
      postes:
        - {libelle: Travaux, montant: 800000}
        - {libelle: Frais d'études, montant: 70000}
      total: 880000
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.money import format_euros
from acvkit.rules.common.base import Problem, problem

CODE = "MON001"
NAME = "postes-total"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        cout = entry.model.cout
        if cout is None or cout.total is None or not cout.postes:
            continue
        montants = [p.montant for p in cout.postes]
        if any(m is None for m in montants):
            continue  # règle MON006
        sum_total = sum((m for m in montants if m is not None), Decimal(0))
        if sum_total != cout.total:
            yield problem(
                entry,
                "cout",
                "total",
                message=f"les postes font {format_euros(sum_total)}, le total déclaré est "
                f"{format_euros(cout.total)} (écart {format_euros(abs(sum_total - cout.total))})",
                context=f"postes={sum_total};total={cout.total}",
            )
