"""Les graphiques de la maquette financière : un par base, jamais de HT empilé sur du TTC."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from acvkit.costs.aggregate import Agregat
from acvkit.costs.fiche import BaseMontant
from acvkit.money import format_euros


@dataclass(frozen=True)
class Bar:
    libelle: str
    valeur: Decimal
    texte: str


@dataclass(frozen=True)
class Chart:
    """Un graphique d'une seule base : jamais de HT empilé sur du TTC ; ce qui manque est dit."""

    titre: str
    barres: list[Bar]
    manquants: list[str]  # « Axe 5 : coût à déterminer (FA 61) »


def charts(titre: str, agregat: Agregat) -> list[Chart]:
    """Un graphique par base présente ; chaque groupe sans montant dans cette base est dit manquant."""
    out = []
    for base, nom in (
        (BaseMontant.HT, "HT"),
        (BaseMontant.TTC, "TTC"),
        (BaseMontant.UNSPECIFIED, "de base non précisée"),
    ):
        if not any(g.cout.get(base) for g in agregat.groupes):
            continue
        barres = [
            Bar(g.libelle[0], g.cout.get(base), format_euros(g.cout.get(base)))
            for g in agregat.groupes
            if g.cout.get(base)
        ]
        manquants = []
        for g in agregat.groupes:
            unknown = sorted(g.undetermined_fiches)
            if not g.cout.get(base) and unknown and len(unknown) == len(g.fiches):
                fiches = ", ".join(f"FA {n}" for n in unknown)
                manquants.append(f"{g.libelle[0]} : coût à déterminer ({fiches})")
        out.append(Chart(f"Coût chiffré {nom}, {titre}", barres, manquants))
    return out
