"""Une fiche mélange des montants HT et TTC.

Pourquoi : additionner du HT et du TTC fausse le total d'environ 20 % ; acvkit ne le fait jamais en
silence, et signale la fiche pour qu'on ramène ses montants à une seule base.

Exemple conforme :

    cout: {base: HT, total: 42800}
    financements:
      - {financeur: ville-sur-val, montant: 42800, base: HT}

Exemple fautif :

    cout: {base: TTC, total: 51360}
    financements:
      - {financeur: ville-sur-val, montant: 42800, base: HT}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.costs.fiche import written_bases
from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "MON003"
NAME = "ht-ttc-melanges"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        if len(written_bases(entry.model)) > 1:
            yield problem(
                entry,
                "cout" if entry.model.cout is not None else "financements",
                message="la fiche mélange des montants HT et TTC : ils ne peuvent pas "
                "s'additionner, ramenez-les à une seule base",
                context="bases=HT+TTC",
            )
