"""Une fiche n'a pas été mise à jour depuis plus de six mois, alors que le dossier tient un suivi.

Pourquoi : l'article 4 de l'avenant demande de mettre à jour la plateforme de l'ANCT « a minima
une fois par semestre ». La règle ne s'applique que si au moins une fiche du dossier a un journal
`suivi` ; une fiche livrée ou abandonnée n'a plus à être suivie. Le délai se règle dans acv.toml
(`suivi-delai-mois = 6`).

Exemple conforme (rapport au 30/06/2025) :

    suivi:
      - {date: 2025-06-15, statut: en_cours}

Exemple fautif :

    suivi:
      - {date: 2024-06-30, statut: en_cours}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.base import Problem, problem
from acvkit.rules.suivi_commun import derniere_loc, jour_du_rapport
from acvkit.suivi.etat import derniere_entree, limite_suivi, sans_suivi_recent, utilise_suivi

CODE = "SUI005"
NAME = "suivi-non-a-jour"
SEVERITY = Severity.WARNING
# Toutes les fiches (le dossier tient-il un suivi ?) : les champs lus, et les chemins (avec ce
# qu'ils contiennent) où ses problèmes sont situés.
CHAMPS = ("suivi", "statut")
LIEUX = (("numero",), ("suivi",))


def check(data: Dataset) -> Iterator[Problem]:
    if not utilise_suivi(data):
        return
    jour = jour_du_rapport(data)
    delai = data.suivi_delai_mois
    for entry in data.fiches:
        fiche = entry.model
        if not sans_suivi_recent(fiche, jour, delai):
            continue
        derniere = derniere_entree(fiche)
        if derniere is None:
            yield problem(
                entry,
                "numero",
                message=f"aucune entrée de suivi, alors que le dossier en tient un (mise à jour "
                f"attendue tous les {delai} mois)",
                context="suivi=aucun",
            )
        else:
            yield problem(
                entry,
                *derniere_loc(entry),
                message=f"dernière entrée de suivi le {derniere.date:%d/%m/%Y}, plus de {delai} "
                f"mois avant le {jour:%d/%m/%Y} (limite : {limite_suivi(jour, delai):%d/%m/%Y})",
                context=f"derniere={derniere.date.isoformat()}",
            )
