"""Les financements chiffrés dépassent le coût de la fiche.

Pourquoi : des financeurs ne peuvent pas apporter plus que ce que coûte le projet ; c'est presque
toujours un montant recopié d'une autre fiche ou un zéro de trop.

Exemple conforme :

    cout: {base: TTC, total: 350752}
    financements:
      - {financeur: cc-du-val, montant: 225826}

Exemple fautif :

    cout: {base: TTC, total: 350752}
    financements:
      - {financeur: cc-du-val, montant: 2258260}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.costs.fiche import cout_fiche, quantified_financements
from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.money import format_euros
from acvkit.rules.common.base import Problem, problem

CODE = "MON002"
NAME = "financements-superieurs-au-cout"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        cout = cout_fiche(entry.model)
        finance = quantified_financements(entry.model)
        if cout.known and finance > cout.montant:
            yield problem(
                entry,
                "financements",
                message=f"les financements chiffrés font {format_euros(finance)}, plus que "
                f"le coût de la fiche ({format_euros(cout.montant)})",
                context=f"financements={finance};cout={cout.montant}",
            )
