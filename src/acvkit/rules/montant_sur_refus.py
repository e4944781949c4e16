"""Un financement refusé porte un montant attribué ou versé.

Pourquoi : un refus n'attribue ni ne verse rien ; un montant là est soit un statut à corriger
(attribue, verse), soit un montant à retirer, sinon les totaux attribués et versés seraient faux.

Exemple conforme :

    financements:
      - {financeur: ademe, statut: refuse, montant_demande: 50000}

Exemple fautif :

    financements:
      - {financeur: ademe, statut: refuse, montant_demande: 50000, montant_attribue: 50000}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models import StatutFinancement
from acvkit.money import format_euros
from acvkit.rules.common.base import Problem, problem
from acvkit.rules.common.suivi import financements

CODE = "SUI008"
NAME = "montant-sur-un-refus"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry, index, f in financements(data):
        if f.statut is not StatutFinancement.REFUSE:
            continue
        for key, montant, word in (
            ("montant_attribue", f.montant_attribue, "attribué"),
            ("montant_verse", f.montant_verse, "versé"),
        ):
            if montant:
                yield problem(
                    entry,
                    "financements",
                    index,
                    key,
                    message=f"{f.financeur} : financement refusé, mais {format_euros(montant)} "
                    f"{word}",
                    context=f"financeur={f.financeur};{key}",
                )
