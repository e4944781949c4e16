"""Partagé par les règles de calendrier : où situer la fin d'une fiche."""

from __future__ import annotations

from acvkit.loading.dataset import Entry
from acvkit.models import Fiche
from acvkit.yaml.positions import Loc


def fin_loc(entry: Entry[Fiche]) -> Loc:
    """La clé qui porte la fin de la fiche : sa livraison, sinon le jalon qui finit le plus tard."""
    fiche = entry.model
    if fiche.livraison is not None and fiche.livraison.is_dated:
        return ("livraison",)
    best: tuple[Loc, object] = (("jalons",), None)
    for index, jalon in enumerate(fiche.jalons or []):
        for key in ("lancement", "livraison"):
            periode = getattr(jalon, key)
            if periode is not None and periode.is_dated and periode.fin == fiche.fin:
                best = (("jalons", index, key), periode)
    if best[1] is None and fiche.lancement is not None:
        return ("lancement",)
    return best[0]
