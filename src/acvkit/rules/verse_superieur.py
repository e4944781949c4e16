"""Un financeur a versé plus qu'il n'a attribué.

Pourquoi : le versé ne peut dépasser l'attribué (la délibération ou la convention) ; c'est une
faute de frappe ou un montant attribué à mettre à jour, et le bilan des financements serait faux.

Exemple conforme :

    financements:
      - {financeur: cc-du-val, montant: 225000, montant_attribue: 225000, montant_verse: 112500}

Exemple fautif :

    financements:
      - {financeur: cc-du-val, montant: 225000, montant_attribue: 225000, montant_verse: 252000}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem
from acvkit.rules.common.suivi import montant_exceeding

CODE = "SUI006"
NAME = "verse-superieur-a-l-attribue"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    return montant_exceeding(data, "montant_verse", "versé", "montant_attribue", "l'attribué")
