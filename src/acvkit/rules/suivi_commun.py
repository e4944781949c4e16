"""Partagé par les règles de suivi : la date du rapport et où situer le journal."""

from __future__ import annotations

from datetime import date

from acvkit.loading.dataset import Dataset, Entry
from acvkit.models import Fiche
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
