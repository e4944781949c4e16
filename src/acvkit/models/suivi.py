"""Le suivi d'une fiche après la signature : statut, journal daté, vie des financements, réalisé.

Tout est facultatif : les données de l'avenant tel que signé n'en ont pas. Les montants se lisent
comme les autres (Decimal exact, au centime, jamais négatifs).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from acvkit.models.common import Base, Integer, Montant, StrictModel


class Statut(StrEnum):
    """Avancement de la fiche."""

    A_ENGAGER = "a_engager"
    EN_COURS = "en_cours"
    EN_COURS_FINANCE = "en_cours_finance"
    LIVREE = "livree"
    ABANDONNEE = "abandonnee"

    @property
    def libelle(self) -> str:
        return LIBELLES_STATUT[self]


LIBELLES_STATUT = {
    Statut.A_ENGAGER: "À engager",
    Statut.EN_COURS: "En cours",
    Statut.EN_COURS_FINANCE: "En cours – financée",
    Statut.LIVREE: "Livrée",
    Statut.ABANDONNEE: "Abandonnée",
}

# L'ordre du bilan (Annexe 1 de l'avenant) : livrées, en cours – financées, en cours, abandonnées,
# à engager.
BILAN_ORDER = [
    Statut.LIVREE,
    Statut.EN_COURS_FINANCE,
    Statut.EN_COURS,
    Statut.ABANDONNEE,
    Statut.A_ENGAGER,
]


class StatutFinancement(StrEnum):
    """Où en est un financement : prévu à l'avenant, demandé, attribué, refusé ou versé."""

    PREVU = "prevu"
    DEMANDE = "demande"
    ATTRIBUE = "attribue"
    REFUSE = "refuse"
    VERSE = "verse"


class SuiviEntry(StrictModel):
    """Une entrée datée du journal de suivi d'une fiche."""

    date: dt.date = Field(
        title="Date", description="Date du point de suivi, écrite AAAA-MM-JJ (2025-06-30)."
    )
    statut: Statut = Field(
        title="Statut",
        description="Avancement à cette date : a_engager, en_cours, en_cours_finance, livree ou "
        "abandonnee.",
    )
    note: str | None = Field(
        None,
        title="Note",
        description="Ce qui s'est passé (« Marché de maîtrise d'œuvre attribué »).",
    )
    vigilance: list[str] | None = Field(
        None,
        title="Points de vigilance",
        description="Un point de vigilance par élément de liste (« Retard du diagnostic amiante »).",
    )


class Realisation(StrictModel):
    """Dépense réalisée une année (à côté de l'échéancier, qui dit le prévu)."""

    annee: Integer = Field(title="Année", description="Année de la dépense, par exemple 2024.")
    montant: Montant = Field(
        title="Montant", description="Montant réellement dépensé cette année-là, en euros."
    )
    base: Base | None = Field(
        None, title="Base", description="HT ou TTC de ce montant, s'il diffère de celle du coût."
    )
