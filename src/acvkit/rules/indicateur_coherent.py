"""Un indicateur est mal rangé : identifiant en double, fichier mal nommé, axe inconnu ou contredit.

Pourquoi : l'identifiant `ind-<axe>-<nn>` porte l'axe de l'indicateur et nomme son fichier ; s'ils
se contredisent, l'indicateur apparaît sous le mauvais axe dans l'annexe d'évaluation.

Exemple conforme (indicateurs/ind-3-04.yaml) :

    id: ind-3-04
    axe: "3"

Exemple fautif (indicateurs/ind-3-04.yaml) :

    id: ind-3-05
    axe: "2"
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "IND003"
NAME = "indicateur-coherent"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    seen: set[str] = set()
    axes = data.axe_codes()
    for entry in sorted(data.indicateurs, key=lambda e: e.doc.path):
        indicateur = entry.model
        if indicateur.id in seen:
            yield problem(
                entry,
                "id",
                message=f"indicateur « {indicateur.id} » déclaré deux fois",
                context=f"id={indicateur.id}",
            )
        seen.add(indicateur.id)
        stem = PurePosixPath(entry.doc.path).stem
        if stem != indicateur.id:
            yield problem(
                entry,
                "id",
                message=f"le fichier devrait s'appeler « {indicateur.id}.yaml »",
                context=f"fichier={stem}",
            )
        axe_id = indicateur.id.split("-")[1]
        expected = "transversal" if axe_id == "t" else axe_id
        if indicateur.axe != expected:
            yield problem(
                entry,
                "axe",
                message=f"l'identifiant « {indicateur.id} » désigne l'axe {expected}, "
                f"mais « axe » vaut {indicateur.axe}",
                context=f"axe={indicateur.axe}",
            )
        elif axes and indicateur.axe not in axes:
            yield problem(
                entry,
                "axe",
                message=f"axe « {indicateur.axe} » inconnu dans axes/",
                context=f"axe={indicateur.axe}",
            )
