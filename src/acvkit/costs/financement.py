"""Ce qu'on sait du financement d'une fiche : base de chaque montant, part du maître d'ouvrage, reste à charge.

Le reste à charge n'est un nombre que lorsqu'il est connu : coût connu, chaque partenaire nommé
chiffré, financements dans la base du coût. Sinon il est « non déterminable », avec la raison
(« ANAH sans montant », « coût à déterminer »…). Chaque ligne compte selon sa nature, dans la
catégorie que lui donne le glossaire (`acvkit.costs.glossary`) : un prêt est montré, jamais
déduit ; l'argent du maître d'ouvrage lui-même est de l'autofinancement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from acvkit.costs.fiche import ZERO, BaseMontant, CoutFiche, EtatCout, cout_fiche
from acvkit.costs.glossary import (
    AUTOFINANCEMENT,
    BASE_OF_COUT,
    COUT_CHIFFRE,
    DEDUCTED_KINDS,
    FINANCEMENTS_PARTENAIRES,
    INVESTISSEMENTS_PRIVES,
    NO_AMOUNT_TEXT,
    NO_BASE_TEXT,
    PRETS,
    RESTE_A_CHARGE,
    UNKNOWN_TEXT,
    Categorie,
    base_of_cout,
    categorie,
    joint_id,
    joint_name,
    maitres_ouvrage,
    nature_of,
)
from acvkit.models import Fiche, NatureFinancement
from acvkit.money import CENT, format_euros

Names = Callable[[str], str]


def _identity(ident: str) -> str:
    return ident


def base_text(base: BaseMontant, deduced: bool = False) -> str:
    """« HT », « TTC », « TTC (base : celle du coût) », « base non précisée »."""
    if base is BaseMontant.UNSPECIFIED:
        return NO_BASE_TEXT
    return base_of_cout(base.value) if deduced else base.value


def montant_base(montant: Decimal, base: BaseMontant, deduced: bool = False) -> str:
    """« 42 800 € HT », « 22 000 € TTC (base : celle du coût) », « 1 000 € » sans base écrite."""
    if base is BaseMontant.UNSPECIFIED:
        return format_euros(montant)
    return f"{format_euros(montant)} {base_text(base, deduced)}"


def taux_text(taux: Decimal) -> str:
    """« 60 % du coût », « 33,5 % du coût » : le taux tel qu'écrit."""
    digits = f"{taux.normalize():f}".replace(".", ",")
    return f"{digits}\u00a0% du coût"


@dataclass(frozen=True)
class ReadFinancement:
    """Un financement de la fiche : sa nature, sa catégorie, son montant et la base de ce montant."""

    financeur: str  # l'identifiant, « a+b » pour des cofinanceurs (glossary.joint_id)
    montant: Decimal | None  # écrit, sinon tiré du taux quand c'est exact ; None sinon
    base: BaseMontant
    deduced: bool  # base non écrite au financement : celle du coût
    nature: NatureFinancement
    categorie: Categorie
    note: str | None
    taux: Decimal | None = None
    from_taux: bool = False  # le montant est le taux appliqué au coût
    financeurs: tuple[str, ...] = ()

    @property
    def autofinancement(self) -> bool:
        return self.categorie is Categorie.AUTOFINANCEMENT

    @property
    def base_text(self) -> str:
        return base_text(self.base, self.deduced)

    @property
    def texte(self) -> str:
        """Ce que dit la ligne, dans chaque vue : montant et base, taux tel qu'écrit, nature si
        ce n'est pas une subvention (« 60 % du coût, soit 600 000 € HT », « 2 000 000 € HT, prêt »,
        « montant non précisé »)."""
        return self._texte(with_deduced_base=True)

    @property
    def as_written(self) -> str:
        """La ligne telle que la fiche l'écrit (sans la base qu'elle ne donne pas) : pour la fiche
        action elle-même ; « » pour un financeur nommé sans montant."""
        return self._texte(with_deduced_base=False)

    def _texte(self, with_deduced_base: bool) -> str:
        deduced = self.deduced and with_deduced_base
        base = self.base if with_deduced_base or not self.deduced else BaseMontant.UNSPECIFIED
        if self.taux is not None:
            texte = taux_text(self.taux)
            if self.montant is not None and with_deduced_base:
                texte += ", soit " + montant_base(self.montant, base, deduced)
        elif self.montant is not None:
            texte = montant_base(self.montant, base, deduced)
        else:
            texte = NO_AMOUNT_TEXT
        suffix = ""
        if self.categorie is Categorie.AUTOFINANCEMENT:
            suffix = AUTOFINANCEMENT.libelle.lower()
        elif self.nature is not NatureFinancement.SUBVENTION:
            suffix = self.nature.libelle
        if suffix:
            texte = f"{texte} ({suffix})" if texte else suffix
        return texte


def _from_taux(taux: Decimal, cout: CoutFiche) -> Decimal | None:
    """Le taux appliqué au coût, seulement si c'est exact : coût connu, résultat au centime."""
    if cout.etat is not EtatCout.KNOWN:
        return None
    montant = cout.montant * taux / 100
    return montant if montant == montant.quantize(CENT) else None


def financements(fiche: Fiche) -> list[ReadFinancement]:
    """Les financements de la fiche ; la base d'un montant sans base écrite est celle du coût, dite déduite."""
    base_cout = fiche.cout.base if fiche.cout else None
    cout = cout_fiche(fiche)
    mo = maitres_ouvrage(fiche)
    out = []
    for f in fiche.financements or []:
        ids = (f.financeur, *(f.cofinanceurs or []))
        montant, from_taux = f.montant, False
        if montant is None and f.taux is not None:
            montant = _from_taux(f.taux, cout)
            from_taux = montant is not None
        if f.base is not None:
            base, deduced = BaseMontant.of(f.base), False
        else:
            base = BaseMontant.of(base_cout)
            deduced = base_cout is not None and montant is not None and not from_taux
        own = bool(mo) and all(i in mo for i in ids)
        nature = nature_of(f.nature, own)
        out.append(
            ReadFinancement(
                joint_id(ids),
                montant,
                base,
                deduced,
                nature,
                categorie(nature, own),
                f.note,
                f.taux,
                from_taux,
                ids,
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
    prives: dict[BaseMontant, Decimal] = field(default_factory=dict)  # investissements privés
    prets: dict[BaseMontant, Decimal] = field(default_factory=dict)  # prêts et avances

    @property
    def known(self) -> bool:
        return self.montant is not None

    def of(self, cat: Categorie) -> dict[BaseMontant, Decimal]:
        return {
            Categorie.PARTENAIRES: self.partenaires,
            Categorie.PRIVES: self.prives,
            Categorie.PRETS: self.prets,
            Categorie.AUTOFINANCEMENT: self.autofinancement,
        }[cat]


def _add(montants: dict[BaseMontant, Decimal], base: BaseMontant, valeur: Decimal) -> None:
    montants[base] = montants.get(base, ZERO) + valeur


def reste(
    fiche: Fiche, names: Names = _identity, read: list[ReadFinancement] | None = None
) -> Reste:
    """Coût chiffré moins ce qui s'en déduit (glossary.RESTE_A_CHARGE), quand tout est connu.

    `read` : les `financements(fiche)` déjà lus (la maquette les lit une fois par fiche).
    """
    cout = cout_fiche(fiche)
    if read is None:
        read = financements(fiche)
    result = Reste(None, cout.base, None, {}, {}, {}, {})
    sans: list[str] = []
    for f in read:
        if f.montant is None:
            if f.categorie.is_deducted:
                sans.append(joint_name(f.financeur, names))
            continue
        _add(result.of(f.categorie), f.base, f.montant)
    deducted = [b for cat in DEDUCTED_KINDS for b in result.of(cat)]
    reason: str | None = None
    if fiche.cout is None and not fiche.cout_note:
        reason = f"coût {UNKNOWN_TEXT}"
    elif cout.etat is EtatCout.A_DETERMINER:
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
    elif any(b is not cout.base for b in deducted):
        reason = "financements et coût de bases différentes"
    montant = None
    if reason is None:
        montant = cout.montant - sum(
            (result.of(cat).get(cout.base, ZERO) for cat in DEDUCTED_KINDS), ZERO
        )
    return Reste(
        montant,
        cout.base,
        reason,
        result.partenaires,
        result.autofinancement,
        result.prives,
        result.prets,
    )


def not_determinable(reason: str) -> str:
    """Le texte de la cellule : « non déterminable : ANAH sans montant »."""
    return f"non déterminable : {reason}"


def legende(read: list[tuple[Fiche, list[ReadFinancement]]]) -> list[str]:
    """Les mots de la maquette, définis par le glossaire ; les bases déduites telles qu'elles sont."""
    items = [f for _, lines in read for f in lines]
    kinds = {f.categorie for f in items if f.montant is not None}
    terms = [COUT_CHIFFRE, FINANCEMENTS_PARTENAIRES]
    terms += [INVESTISSEMENTS_PRIVES] if Categorie.PRIVES in kinds else []
    terms += [PRETS] if Categorie.PRETS in kinds else []
    terms += [AUTOFINANCEMENT, RESTE_A_CHARGE]
    lignes = [t.legende for t in terms]
    deduced = sorted({f.base.value for f in items if f.deduced})
    if deduced:
        lignes.append(
            f"« ({BASE_OF_COUT}) » : montant dont la fiche ne donne pas la base, compté dans celle "
            f"de son coût, qui est ici {' ou '.join(deduced)}."
        )
    lignes.append(f"« {NO_AMOUNT_TEXT} » : financeur nommé sans montant.")
    if any(f.taux is not None for f in items):
        lignes.append(
            "« % du coût » : taux écrit dans la fiche ; le montant n'en est tiré (« soit … ») que "
            "lorsque le coût est connu et que le calcul tombe juste au centime."
        )
    if any(len(f.financeurs) > 1 for f in items):
        lignes.append(
            "« conjointement » : un montant ou un taux apporté ensemble par plusieurs financeurs, "
            "sans partage écrit entre eux ; il n'est compté dans le total d'aucun d'eux seul."
        )
    return lignes
