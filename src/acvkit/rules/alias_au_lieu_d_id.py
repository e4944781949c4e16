"""Une graphie d'organisation (alias) est écrite là où l'identifiant est attendu.

Pourquoi : « Caisse des Dépôts », « CDC/BDT » et « Banque des Territoires » sont un seul financeur.
Écrire l'alias dans une fiche éclate les totaux par financeur ; l'identifiant les réunit.

Exemple conforme :

    financements:
      - financeur: banque-des-territoires

Exemple fautif :

    financements:
      - financeur: Caisse des Dépôts
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem
from acvkit.rules.common.references import iter_references

CODE = "INT005"
NAME = "alias-au-lieu-d-id"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    ids = data.partenaire_ids()
    aliases = data.alias_index()
    for ref in iter_references(data):
        if ref.value in ids:
            continue
        cible = aliases.get(ref.value.casefold())
        if cible is not None:
            yield Problem(
                ref.doc,
                ref.loc,
                f"« {ref.value} » est une graphie de « {cible} » : écrivez l'identifiant {cible}",
                context=f"{ref.role}={ref.value}",
            )
