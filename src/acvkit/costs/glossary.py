"""Les mots de l'argent, un sens chacun : leurs définitions et le classement de chaque financement.

Une seule source pour toutes les vues (annexes, tableur ANCT, `acv couts`, `acv suivi`,
`acv diff`, JSON) : les libellés, les définitions écrites dans les légendes et docs/format.md, et
la catégorie où compte chaque ligne de financement selon sa nature. Les montants se calculent dans
`acvkit.costs.financement` (une fiche) et `acvkit.costs.aggregate` (un groupe de fiches) à partir
de ce classement, jamais dans une vue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from acvkit.models import Fiche, NatureFinancement

# Les mots d'une valeur absente : jamais un nombre, jamais un tiret seul.
UNKNOWN_TEXT = "non renseigné"  # le document ne dit rien (clé absente)
UNDETERMINED_TEXT = "à déterminer"  # le document écrit « A déterminer »
NO_AMOUNT_TEXT = "montant non précisé"  # un financeur nommé sans montant
NO_BASE_TEXT = "base non précisée"  # ni HT ni TTC écrit


@dataclass(frozen=True)
class Term:
    """Un mot de l'argent : sa clé JSON, son libellé dans les documents, sa définition."""

    key: str
    libelle: str
    definition: str

    @property
    def legende(self) -> str:
        """« Reste à charge : coût chiffré moins … » : la ligne de légende d'un document."""
        return f"{self.libelle} : {self.definition}"


COUT_CHIFFRE = Term(
    "cout",
    "Coût chiffré",
    "le coût total écrit dans la fiche, sinon la somme de ses postes chiffrés (partiel quand un "
    "poste reste à définir) ; une fiche sans montant de coût n'y compte pas.",
)
FINANCEMENTS_PARTENAIRES = Term(
    "financements_partenaires",
    "Financements des partenaires",
    "les subventions annoncées par les partenaires, autres que le maître d'ouvrage ; c'est ce "
    "qui se déduit du coût.",
)
INVESTISSEMENTS_PRIVES = Term(
    "investissements_prives",
    "Investissements privés",
    "l'argent qu'un opérateur privé, autre que le maître d'ouvrage, met lui-même dans le projet ; "
    "ni subvention ni prêt, il se déduit aussi du coût.",
)
PRETS = Term(
    "prets",
    "Prêts et avances remboursables",
    "de l'argent prêté au maître d'ouvrage, qu'il rembourse : montré, jamais déduit du coût.",
)
AUTOFINANCEMENT = Term(
    "autofinancement",
    "Autofinancement",
    "la part que le maître d'ouvrage annonce payer lui-même (fonds propres) ; ce n'est pas un "
    "financement de partenaire.",
)
RESTE_A_CHARGE = Term(
    "reste_a_charge",
    "Reste à charge",
    "le coût chiffré moins les financements des partenaires et les investissements privés, dans "
    "la base du coût : ce que le maître d'ouvrage paie, autofinancement et prêts compris ; donné "
    "seulement quand il est connu (coût connu, chaque partenaire chiffré, même base).",
)

TERMS = (
    COUT_CHIFFRE,
    FINANCEMENTS_PARTENAIRES,
    INVESTISSEMENTS_PRIVES,
    PRETS,
    AUTOFINANCEMENT,
    RESTE_A_CHARGE,
)

UNKNOWN_WORDS = (
    f"« {UNKNOWN_TEXT} » : le document ne dit rien (jamais zéro ; 0 s'écrit 0 €)",
    f"« {UNDETERMINED_TEXT} » : le document l'écrit ainsi",
    f"« {NO_AMOUNT_TEXT} » : financeur nommé sans montant",
    f"« {NO_BASE_TEXT} » : ni HT ni TTC écrit",
)


class Categorie(StrEnum):
    """Où compte une ligne de financement : chaque nature est traitée pour ce qu'elle est."""

    PARTENAIRES = "financements_partenaires"
    PRIVES = "investissements_prives"
    PRETS = "prets"
    AUTOFINANCEMENT = "autofinancement"

    @property
    def term(self) -> Term:
        return TERM_OF[self]

    @property
    def is_deducted(self) -> bool:
        """Se déduit-elle du coût pour faire le reste à charge ?"""
        return self in DEDUCTED_KINDS


TERM_OF = {
    Categorie.PARTENAIRES: FINANCEMENTS_PARTENAIRES,
    Categorie.PRIVES: INVESTISSEMENTS_PRIVES,
    Categorie.PRETS: PRETS,
    Categorie.AUTOFINANCEMENT: AUTOFINANCEMENT,
}
DEDUCTED_KINDS = frozenset({Categorie.PARTENAIRES, Categorie.PRIVES})


def maitres_ouvrage(fiche: Fiche) -> frozenset[str]:
    """Les identifiants du (ou des) maître(s) d'ouvrage de la fiche."""
    mo: object = fiche.maitre_ouvrage
    if mo is None:
        return frozenset()
    if isinstance(mo, str):
        return frozenset({mo})
    if isinstance(mo, Iterable):
        return frozenset(str(m) for m in mo)
    return frozenset()


def nature_of(nature: NatureFinancement | None, own: bool) -> NatureFinancement:
    """La nature écrite, sinon fonds propres pour le maître d'ouvrage lui-même, subvention sinon."""
    if nature is not None:
        return nature
    return NatureFinancement.FONDS_PROPRES if own else NatureFinancement.SUBVENTION


def categorie(nature: NatureFinancement, own: bool) -> Categorie:
    """Un prêt reste un prêt ; l'argent du maître d'ouvrage lui-même est de l'autofinancement."""
    if nature in (NatureFinancement.PRET, NatureFinancement.AVANCE_REMBOURSABLE):
        return Categorie.PRETS
    if nature is NatureFinancement.FONDS_PROPRES or own:
        return Categorie.AUTOFINANCEMENT
    if nature is NatureFinancement.INVESTISSEMENT_PRIVE:
        return Categorie.PRIVES
    return Categorie.PARTENAIRES


JOINT = "+"  # l'identifiant d'un groupe de cofinanceurs : « etat+region »


def joint_id(financeurs: Iterable[str]) -> str:
    return JOINT.join(financeurs)


def joint_name(ident: str, names: Callable[[str], str]) -> str:
    """« État et Région (conjointement) » pour un groupe de cofinanceurs, le nom sinon."""
    parts = ident.split(JOINT)
    if len(parts) == 1:
        return names(ident)
    noms = [names(p) for p in parts]
    return ", ".join(noms[:-1]) + " et " + noms[-1] + " (conjointement)"


BASE_OF_COUT = "base : celle du coût"


def base_of_cout(base: str) -> str:
    """Un montant sans base écrite, compté dans celle du coût : « TTC (base : celle du coût) ».

    La base dite est celle que le coût écrit (HT ou TTC) : jamais « TTC » d'office, jamais
    « déduit », qu'on lirait « retranché du coût »."""
    return f"{base} ({BASE_OF_COUT})"


def legende(*terms: Term) -> list[str]:
    """Les lignes de légende d'un document : chaque terme qu'il emploie, défini une fois."""
    return [t.legende for t in terms or TERMS]
