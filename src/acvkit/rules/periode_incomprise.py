"""Une date n'est pas comprise comme une période.

Pourquoi : acvkit garde chaque date telle qu'écrite et la comprend comme un intervalle, pour
placer l'action sur le calendrier et la comparer à la période de l'avenant. Une forme inconnue
(« courant 2025 », « 2O25 ») en sort silencieusement. Formes comprises : « 2024 », « 2027-2029 »,
« Septembre 2022 », « T1 2025 », « T1-T2 2024 », « S1 2025 », « Eté 2023 », « Début 2025 »,
« Fin 2026 », « 2024-05-01 », « A déterminer ». Une phrase qui n'est pas une date va dans
`lancement_note` ou `livraison_note`.

Exemple conforme :

    lancement: T1 2025

Exemple fautif :

    lancement: courant 2025
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.periods import EtatPeriode, Periode
from acvkit.rules.common.base import Problem, problem

CODE = "CAL005"
NAME = "periode-incomprise"
SEVERITY = Severity.WARNING
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)


def check(data: Dataset) -> Iterator[Problem]:
    for entry in data.fiches:
        fiche = entry.model
        champs: list[tuple[tuple[str | int, ...], Periode | None]] = [
            (("date_signature",), fiche.date_signature),
            (("lancement",), fiche.lancement),
            (("livraison",), fiche.livraison),
        ]
        for index, jalon in enumerate(fiche.jalons or []):
            champs += [
                (("jalons", index, "lancement"), jalon.lancement),
                (("jalons", index, "livraison"), jalon.livraison),
            ]
        for loc, periode in champs:
            if periode is not None and periode.etat is EtatPeriode.UNRECOGNIZED:
                yield problem(
                    entry,
                    *loc,
                    message=f"période « {periode.texte} » non comprise : écrivez par exemple "
                    "« T1 2025 », « Fin 2026 » ou « 2027-2029 »",
                    context=f"periode={periode.texte}",
                )
