"""Une fiche n'a pas de description ou pas d'objectifs.

Pourquoi : la description et les objectifs sont ce que les partenaires lisent pour décider de
financer ; une fiche sans eux ne peut pas être instruite. Si le document dit pourquoi ils
manquent, écrivez-le dans `description_note` ou `objectifs_note`.

Exemple conforme :

    description: |
      Réalisation d'un diagnostic sur la commune ...
    objectifs:
      - Favoriser l'insertion des personnes en situation de handicap.

Exemple fautif :

    description: ""
    objectifs: []
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models import item_text
from acvkit.rules.common.base import Problem, problem

CODE = "CON001"
NAME = "contenu-vide"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        if not (fiche.description or "").strip() and not fiche.description_note:
            key = "description" if fiche.description is not None else "titre"
            yield problem(
                entry,
                key,
                key=key == "titre",
                message=f"FA {fiche.numero} n'a pas de description",
                context="description",
            )
        objectifs = [o for o in fiche.objectifs or [] if item_text(o).strip()]
        if not objectifs and not fiche.objectifs_note:
            key = "objectifs" if fiche.objectifs is not None else "titre"
            yield problem(
                entry,
                key,
                key=key == "titre",
                message=f"FA {fiche.numero} n'a pas d'objectifs",
                context="objectifs",
            )
