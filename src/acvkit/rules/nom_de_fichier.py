"""Le nom du fichier d'une fiche ne correspond pas à son numéro ou à sa collectivité.

Pourquoi : les fichiers sont rangés en `fiches/<collectivite>/fa-<numero>-<titre>.yaml` pour qu'on
les retrouve d'un coup d'œil et qu'une revue de modification montre de quelle fiche il s'agit.

Exemple conforme (fiches/ville-sur-val/fa-62-places-hypercentre.yaml) :

    numero: 62
    collectivite: ville-sur-val

Exemple fautif (fiches/ville-sur-val/fa-26-places-hypercentre.yaml) :

    numero: 62
    collectivite: ville-sur-val
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "INT002"
NAME = "nom-de-fichier"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        path = PurePosixPath(entry.doc.path)
        prefix = f"fa-{fiche.numero}"
        if not (path.name.startswith(prefix + "-") or path.name.startswith(prefix + ".")):
            yield problem(
                entry,
                "numero",
                message=f"le fichier « {path.name} » devrait commencer par « fa-{fiche.numero}- »",
                context=f"fichier={path.name}",
            )
        if path.parent.name != fiche.collectivite:
            yield problem(
                entry,
                "collectivite",
                message=f"fiche de « {fiche.collectivite} » rangée dans le dossier "
                f"« {path.parent.name} » : déplacez-la dans fiches/{fiche.collectivite}/",
                context=f"dossier={path.parent.name}",
            )
