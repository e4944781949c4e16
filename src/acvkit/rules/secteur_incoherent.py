"""Un secteur d'intervention cite une commune, une fiche ou un périmètre qui n'existe pas.

Pourquoi : l'annexe 3 liste, pour chaque secteur, sa commune, les fiches qui s'y situent et la
carte de son périmètre (fichier GeoJSON du dossier de données) ; une commune qui n'est pas un
partenaire, un numéro de fiche absent ou un fichier introuvable ferait une annexe fausse ou un
build en échec.

Exemple conforme (avenant/secteurs.yaml) :

    fiches: [1]

Exemple fautif (aucune fiche FA 99) :

    fiches: [99]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem, suggest

CODE = "AVE004"
NAME = "secteur-incoherent"
SEVERITY = Severity.ERROR
CHAMPS = ("numero",)


def check(data: Dataset) -> Iterator[Problem]:
    entry = data.secteurs
    if entry is None:
        return
    partenaires = data.partenaire_ids()
    numbers = {e.model.numero for e in data.fiches}
    root = Path(data.root).resolve()
    for index, secteur in enumerate(entry.model.secteurs):
        if secteur.commune not in partenaires:
            yield problem(
                entry,
                "secteurs",
                index,
                "commune",
                message=f"commune « {secteur.commune} » inconnue des partenaires"
                + suggest(secteur.commune, partenaires),
                context=f"commune={secteur.commune}",
            )
        for position, numero in enumerate(secteur.fiches):
            if numero not in numbers:
                yield problem(
                    entry,
                    "secteurs",
                    index,
                    "fiches",
                    position,
                    message=f"le secteur « {secteur.nom} » cite FA {numero}, absente des fiches",
                    context=f"fiche={numero}",
                )
        if secteur.perimetre:
            path = (root / secteur.perimetre).resolve()
            if not path.is_relative_to(root) or not path.is_file():
                yield problem(
                    entry,
                    "secteurs",
                    index,
                    "perimetre",
                    message=f"périmètre « {secteur.perimetre} » introuvable dans le dossier de "
                    "données (un fichier GeoJSON, chemin relatif au dossier)",
                    context=f"perimetre={secteur.perimetre}",
                )
