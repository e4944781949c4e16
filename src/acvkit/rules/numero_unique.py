"""Deux fiches action portent le même numéro.

Pourquoi : le numéro identifie la fiche dans tout l'avenant (plan d'action, annexes, tableau ANCT).
Un copier-coller de fichier oublie souvent de le changer, et deux projets se confondent.

Exemple conforme (fiches/ville-sur-val/fa-62-places.yaml et fiches/ville-sur-val/fa-63-poincare.yaml) :

    numero: 62
    ---
    numero: 63

Exemple fautif (la seconde fiche a gardé le numéro de la première) :

    numero: 62
    ---
    numero: 62
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "INT001"
NAME = "numero-unique"
SEVERITY = Severity.ERROR
# Les champs des fiches lus (la validation à froid ne transmet que ceux-là) et les chemins où ses
# problèmes sont situés.
CHAMPS = ("numero",)
LOCS = (("numero",),)


def check(data: Dataset) -> Iterator[Problem]:
    first_seen: dict[int, str] = {}
    for entry in sorted(data.fiches, key=lambda e: e.doc.path):
        numero = entry.model.numero
        if numero in first_seen:
            yield problem(
                entry,
                "numero",
                message=f"numéro {numero} déjà utilisé par {first_seen[numero]}",
                context=f"numero={numero}",
            )
        else:
            first_seen[numero] = entry.doc.path
