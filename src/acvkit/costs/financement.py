"""Ce qu'on sait du financement d'une fiche : base de chaque montant, part du maître d'ouvrage, reste à charge.

Le reste à charge n'est un nombre que lorsqu'il est connu : coût connu, chaque partenaire nommé
chiffré, financements dans la base du coût. Sinon il est « non déterminable », avec la raison
(« ANAH sans montant », « coût à déterminer »…). L'argent du maître d'ouvrage lui-même n'est pas
un financement extérieur : il est mis à part (*part du maître d'ouvrage, autofinancement*).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from acvkit.costs.fiche import ZERO, BaseMontant, EtatCout, cout_fiche
from acvkit.models import Fiche

Names = Callable[[str], str]

DEDUCED_FROM_COUT = "déduit du coût"


def _identity(ident: str) -> str:
    return ident


def base_text(base: BaseMontant, deduced: bool = False) -> str:
    """« HT », « TTC », « TTC, déduit du coût », « base non précisée »."""
    if base is BaseMontant.UNSPECIFIED:
        return "base non précisée"
    return f"{base.value}, {DEDUCED_FROM_COUT}" if deduced else base.value


@dataclass(frozen=True)
class ReadFinancement:
    """Un financement de la fiche, avec la base de son montant et ce qui la fonde."""

    financeur: str
    montant: Decimal | None
    base: BaseMontant
    deduced: bool  # base non écrite au financement : celle du coût
    autofinancement: bool  # le financeur est le maître d'ouvrage de la fiche
    note: str | None

    @property
    def base_text(self) -> str:
        return base_text(self.base, self.deduced)


def financements(fiche: Fiche) -> list[ReadFinancement]:
    """Les financements de la fiche ; la base d'un montant sans base écrite est celle du coût, dite déduite."""
    base_cout = fiche.cout.base if fiche.cout else None
    out = []
    for f in fiche.financements or []:
        if f.base is not None:
            base, deduced = BaseMontant.of(f.base), False
        else:
            base = BaseMontant.of(base_cout)
            deduced = base_cout is not None and f.montant is not None
        out.append(
            ReadFinancement(
                f.financeur,
                f.montant,
                base,
                deduced,
                f.financeur in fiche.maitres_ouvrage,
                f.note,
            )
        )
    return out


@dataclass(frozen=True)
class Reste:
    """Le reste à charge d'une fiche : un montant dans la base du coût, ou la raison de son absence."""

    montant: Decimal | None
    base: BaseMontant
    reason: str | None  # « ANAH sans montant », « coût à déterminer »… quand montant est None
    partenaires: dict[BaseMontant, Decimal]  # financements des partenaires chiffrés, par base
    autofinancement: dict[BaseMontant, Decimal]  # part du maître d'ouvrage annoncée, par base

    @property
    def known(self) -> bool:
        return self.montant is not None


def _add(montants: dict[BaseMontant, Decimal], base: BaseMontant, valeur: Decimal) -> None:
    montants[base] = montants.get(base, ZERO) + valeur


def reste(
    fiche: Fiche, names: Names = _identity, read: list[ReadFinancement] | None = None
) -> Reste:
    """Coût moins financements des partenaires, quand tout est connu et dans la même base.

    `read` : les `financements(fiche)` déjà lus (la maquette les lit une fois par fiche).
    """
    cout = cout_fiche(fiche)
    if read is None:
        read = financements(fiche)
    partenaires: dict[BaseMontant, Decimal] = {}
    auto: dict[BaseMontant, Decimal] = {}
    sans: list[str] = []
    for f in read:
        if f.montant is None:
            if not f.autofinancement:
                sans.append(names(f.financeur))
            continue
        _add(auto if f.autofinancement else partenaires, f.base, f.montant)
    reason: str | None = None
    if cout.etat is EtatCout.A_DETERMINER:
        reason = "coût à déterminer"
    elif cout.etat is EtatCout.PARTIAL:
        reason = "coût partiel"
    elif sans:
        reason = ", ".join(sans) + " sans montant"
    elif not read and fiche.financements_note:
        note = fiche.financements_note.strip()
        if note.casefold().startswith("a déterminer"):
            note = "à déterminer" + note[len("a déterminer") :]
        reason = f"financements {note[:1].lower()}{note[1:]}"
    elif any(b is not cout.base for b in partenaires):
        reason = "financements et coût de bases différentes"
    montant = None if reason else cout.montant - partenaires.get(cout.base, ZERO)
    return Reste(montant, cout.base, reason, partenaires, auto)


def not_determinable(reason: str) -> str:
    """Le texte de la cellule : « non déterminable : ANAH sans montant »."""
    return f"non déterminable : {reason}"
