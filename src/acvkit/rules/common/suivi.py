"""Partagé par les règles de suivi : la date du rapport, où situer le journal, les financements
et leurs montants successifs (demandé, attribué, versé)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Fiche, Financement
from acvkit.money import format_euros
from acvkit.rules.common.base import Problem, problem
from acvkit.suivi.dates import date_rapport
from acvkit.yaml.positions import Loc


def report_day(data: Dataset) -> date:
    """La date du rapport du jeu de données (--date-rapport), sinon SOURCE_DATE_EPOCH, sinon aujourd'hui."""
    return date_rapport(data.date_rapport)


def last_entry_loc(entry: Entry[Fiche]) -> Loc:
    """La clé de la dernière entrée du journal (la plus récente), ou `suivi` s'il est vide."""
    entries = entry.model.suivi or []
    if not entries:
        return ("suivi",)
    index = max(range(len(entries)), key=lambda i: (entries[i].date, i))
    return ("suivi", index, "date")


def financements(data: Dataset) -> Iterator[tuple[Entry[Fiche], int, Financement]]:
    """Chaque financement de chaque fiche, avec sa fiche et son rang dans la liste."""
    for entry in data.fiches:
        for index, financement in enumerate(entry.model.financements or []):
            yield entry, index, financement


def montant_exceeding(
    data: Dataset, key: str, word: str, cap_key: str, ceiling: str
) -> Iterator[Problem]:
    """Les financements dont le montant `cle` (« versé ») dépasse le montant `cle_plafond`
    (« l'attribué ») ; rien à dire quand l'un des deux n'est pas connu."""
    for entry, index, f in financements(data):
        montant = getattr(f, key)
        maximum = getattr(f, cap_key)
        if montant is None or maximum is None:
            continue
        if montant > maximum:
            yield problem(
                entry,
                "financements",
                index,
                key,
                message=f"{f.financeur} : {word} {format_euros(montant)}, plus que "
                f"{ceiling} ({format_euros(maximum)})",
                context=f"financeur={f.financeur}",
            )
