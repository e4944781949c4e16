"""Partagé par les règles de suivi : la date du rapport, où situer le journal, les financements
et leurs montants successifs (demandé, attribué, versé)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Fiche, Financement
from acvkit.money import format_euros
from acvkit.rules.base import Problem, problem
from acvkit.suivi.dates import date_rapport
from acvkit.yaml.positions import Loc


def jour_du_rapport(data: Dataset) -> date:
    """La date du rapport du jeu de données (--au), sinon SOURCE_DATE_EPOCH, sinon aujourd'hui."""
    return date_rapport(data.date_rapport)


def derniere_loc(entry: Entry[Fiche]) -> Loc:
    """La clé de la dernière entrée du journal (la plus récente), ou `suivi` s'il est vide."""
    entrees = entry.model.suivi or []
    if not entrees:
        return ("suivi",)
    index = max(range(len(entrees)), key=lambda i: (entrees[i].date, i))
    return ("suivi", index, "date")


def financements(data: Dataset) -> Iterator[tuple[Entry[Fiche], int, Financement]]:
    """Chaque financement de chaque fiche, avec sa fiche et son rang dans la liste."""
    for entry in data.fiches:
        for index, financement in enumerate(entry.model.financements or []):
            yield entry, index, financement


def montant_superieur(
    data: Dataset, cle: str, mot: str, cle_plafond: str, plafond: str
) -> Iterator[Problem]:
    """Les financements dont le montant `cle` (« versé ») dépasse le montant `cle_plafond`
    (« l'attribué ») ; rien à dire quand l'un des deux n'est pas connu."""
    for entry, index, f in financements(data):
        montant = getattr(f, cle)
        maximum = getattr(f, cle_plafond)
        if montant is None or maximum is None:
            continue
        if montant > maximum:
            yield problem(
                entry,
                "financements",
                index,
                cle,
                message=f"{f.financeur} : {mot} {format_euros(montant)}, plus que "
                f"{plafond} ({format_euros(maximum)})",
                context=f"financeur={f.financeur}",
            )
