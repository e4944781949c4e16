"""Le coût d'une fiche tel que les données le disent : connu, partiel, à déterminer — en Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from acvkit.models import Base, Fiche

ZERO = Decimal("0")


class EtatCout(StrEnum):
    KNOWN = "connu"  # un total, ou des postes tous chiffrés
    PARTIAL = "partiel"  # des postes dont certains restent « A définir »
    A_DETERMINER = "a_determiner"  # aucun montant, le document dit « A déterminer » ou ne donne que des postes sans montant
    NON_RENSEIGNE = "non_renseigne"  # pas de coût du tout : le document laisse la rubrique vide

    @property
    def libelle(self) -> str:
        return {
            EtatCout.KNOWN: "connu",
            EtatCout.PARTIAL: "partiel",
            EtatCout.A_DETERMINER: "à déterminer",
            EtatCout.NON_RENSEIGNE: "non renseigné",
        }[self]


class BaseMontant(StrEnum):
    """La base d'un montant agrégé : HT, TTC, ou non précisée par le document."""

    HT = "HT"
    TTC = "TTC"
    UNSPECIFIED = "non_precise"

    @classmethod
    def of(cls, base: Base | None) -> BaseMontant:
        return cls.UNSPECIFIED if base is None else cls(base.value)

    @property
    def libelle(self) -> str:
        return "non précisé" if self is BaseMontant.UNSPECIFIED else self.value


@dataclass(frozen=True)
class CoutFiche:
    """Ce qu'on sait du coût d'une fiche : montant chiffré (éventuellement partiel) et sa base."""

    montant: Decimal
    base: BaseMontant
    etat: EtatCout

    @property
    def known(self) -> bool:
        return self.etat is EtatCout.KNOWN

    @property
    def quantified(self) -> bool:
        """Un montant est-il donné (connu ou partiel) ?"""
        return self.etat in (EtatCout.KNOWN, EtatCout.PARTIAL)


def cout_fiche(fiche: Fiche) -> CoutFiche:
    """Le total déclaré s'il existe ; sinon la somme des postes chiffrés (partielle si un poste manque)."""
    cout = fiche.cout
    if cout is None:
        # Absent n'est pas « à déterminer » : seule une note écrite le dit.
        etat = EtatCout.A_DETERMINER if fiche.cout_note else EtatCout.NON_RENSEIGNE
        return CoutFiche(ZERO, BaseMontant.UNSPECIFIED, etat)
    base = BaseMontant.of(cout.base)
    if cout.total is not None:
        return CoutFiche(cout.total, base, EtatCout.KNOWN)
    postes = cout.postes or []
    quantified = [p.montant for p in postes if p.montant is not None]
    if not quantified:
        return CoutFiche(ZERO, base, EtatCout.A_DETERMINER)
    etat = EtatCout.KNOWN if len(quantified) == len(postes) else EtatCout.PARTIAL
    return CoutFiche(sum(quantified, ZERO), base, etat)


def quantified_financements(fiche: Fiche) -> Decimal:
    """La somme des montants écrits, toutes natures comprises (pour comparer au coût, FIN001)."""
    return sum((f.montant for f in fiche.financements or [] if f.montant is not None), ZERO)


def written_bases(fiche: Fiche) -> set[Base]:
    """Toutes les bases HT/TTC écrites dans la fiche (coût, postes, financements, échéancier)."""
    bases: set[Base | None] = set()
    if fiche.cout is not None:
        bases.add(fiche.cout.base)
        bases.update(p.base for p in fiche.cout.postes or [])
    bases.update(f.base for f in fiche.financements or [])
    bases.update(e.base for e in fiche.echeancier or [])
    return {b for b in bases if b is not None}
