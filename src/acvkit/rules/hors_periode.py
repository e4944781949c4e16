"""Partagé par les règles de calendrier : où situer la fin d'une fiche."""

from __future__ import annotations

from acvkit.loading.dataset import Entry
from acvkit.models import Fiche
from acvkit.yaml.positions import Loc


def fin_loc(entry: Entry[Fiche]) -> Loc:
    """La clé qui porte la fin de la fiche : sa livraison, sinon le jalon qui finit le plus tard."""
    fiche = entry.model
    if fiche.livraison is not None and fiche.livraison.datee:
        return ("livraison",)
    meilleur: tuple[Loc, object] = (("jalons",), None)
    for index, jalon in enumerate(fiche.jalons or []):
        for cle in ("lancement", "livraison"):
            periode = getattr(jalon, cle)
            if periode is not None and periode.datee and periode.fin == fiche.fin:
                meilleur = (("jalons", index, cle), periode)
    if meilleur[1] is None and fiche.lancement is not None:
        return ("lancement",)
    return meilleur[0]
