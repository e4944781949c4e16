"""Une fiche n'a pas été mise à jour depuis plus de six mois, alors que le dossier tient un suivi.

Pourquoi : l'article 4 de l'avenant demande de mettre à jour la plateforme de l'ANCT « a minima
une fois par semestre ». La règle ne s'applique que si au moins une fiche du dossier a un journal
`suivi` ; une fiche livrée ou abandonnée n'a plus à être suivie. Une fiche qui n'a encore
aucune entrée n'est signalée qu'une fois le suivi du dossier commencé (sa toute première entrée)
depuis plus que le délai : commencer le suivi par quelques fiches ne met pas les autres en défaut
le jour même (`acv suivi` les liste à part, « aucune entrée de suivi »). Le délai se règle dans
acv.toml (`suivi-delai-mois = 6`).

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
from acvkit.rules.common.base import Problem, problem
from acvkit.rules.common.suivi import last_entry_loc, report_day
from acvkit.suivi.etat import (
    follow_up_start,
    last_entry,
    needs_update,
    suivi_cutoff,
    uses_suivi,
)

CODE = "SUI005"
NAME = "suivi-non-a-jour"
SEVERITY = Severity.WARNING
# Toutes les fiches (le dossier tient-il un suivi ?) : les champs lus, et les chemins (avec ce
# qu'ils contiennent) où ses problèmes sont situés.
CHAMPS = ("suivi", "statut")
LOCS = (("numero",), ("suivi",))


def check(data: Dataset) -> Iterator[Problem]:
    if not uses_suivi(data):
        return
    day = report_day(data)
    delay = data.suivi_delay_months
    started = follow_up_start(data)
    for entry in data.fiches:
        fiche = entry.model
        if not needs_update(fiche, day, delay, started):
            continue
        last = last_entry(fiche)
        if last is None:
            yield problem(
                entry,
                "numero",
                message=f"aucune entrée de suivi, alors que le dossier en tient un (mise à jour "
                f"attendue tous les {delay} mois)",
                context="suivi=aucun",
            )
        else:
            yield problem(
                entry,
                *last_entry_loc(entry),
                message=f"dernière entrée de suivi le {last.date:%d/%m/%Y}, plus de {delay} "
                f"mois avant le {day:%d/%m/%Y} (limite : {suivi_cutoff(day, delay):%d/%m/%Y})",
                context=f"derniere={last.date.isoformat()}",
            )
