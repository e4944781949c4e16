"""Les dépenses réalisées dépassent le coût de la fiche dans la même base.

Pourquoi : un réalisé au-delà du coût de l'avenant demande un avenant ou une explication ; le plus
souvent c'est un montant saisi deux fois ou en TTC au lieu de HT. Seuls les montants de la même
base que le coût sont additionnés (jamais HT avec TTC).

Exemple conforme :

    cout: {base: HT, total: 500000}
    realise:
      - {annee: 2024, montant: 200000}
      - {annee: 2025, montant: 250000}

Exemple fautif :

    cout: {base: HT, total: 500000}
    realise:
      - {annee: 2024, montant: 300000}
      - {annee: 2025, montant: 250000}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.costs.fiche import ZERO, BaseMontant, cout_fiche
from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.money import format_euros
from acvkit.rules.common.base import Problem, problem

CODE = "SUI010"
NAME = "realise-superieur-au-cout"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        cout = cout_fiche(fiche)
        if not cout.known or not fiche.realise:
            continue
        total = ZERO
        for index, r in sorted(enumerate(fiche.realise), key=lambda t: t[1].annee):
            base = BaseMontant.of(r.base) if r.base is not None else cout.base
            if base is not cout.base:
                continue
            total += r.montant
            if total > cout.montant:
                yield problem(
                    entry,
                    "realise",
                    index,
                    "montant",
                    message=f"dépenses réalisées de {format_euros(total)} à fin {r.annee}, plus "
                    f"que le coût de la fiche ({format_euros(cout.montant)} "
                    f"{cout.base.libelle})",
                    context=f"realise={total};cout={cout.montant}",
                )
                break
