"""Une ligne de financement d'une fiche : financeur (et cofinanceurs), nature, montant ou taux,
et sa vie après la signature."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from acvkit.models.common import Base, Montant, StrictModel, Taux
from acvkit.models.suivi import StatutFinancement


class NatureFinancement(StrEnum):
    """Ce qu'est l'argent d'une ligne de financement (le glossaire, acvkit.costs.glossary, dit
    comment chaque nature compte dans les totaux)."""

    SUBVENTION = "subvention"
    PRET = "pret"
    AVANCE_REMBOURSABLE = "avance_remboursable"
    FONDS_PROPRES = "fonds_propres"
    INVESTISSEMENT_PRIVE = "investissement_prive"

    @property
    def libelle(self) -> str:
        return LIBELLES_NATURE[self]


LIBELLES_NATURE = {
    NatureFinancement.SUBVENTION: "subvention",
    NatureFinancement.PRET: "prêt",
    NatureFinancement.AVANCE_REMBOURSABLE: "avance remboursable",
    NatureFinancement.FONDS_PROPRES: "fonds propres",
    NatureFinancement.INVESTISSEMENT_PRIVE: "investissement privé",
}


class Financement(StrictModel):
    """Un financement prévisionnel : un financeur, avec ou sans montant."""

    financeur: str = Field(
        title="Financeur", description="Identifiant du financeur dans partenaires.yaml."
    )
    cofinanceurs: list[str] | None = Field(
        None,
        title="Cofinanceurs",
        description="Les autres financeurs qui apportent ce montant (ou ce taux) conjointement "
        "avec `financeur`, sans partage écrit entre eux.",
    )
    nature: NatureFinancement | None = Field(
        None,
        title="Nature",
        description="subvention, pret, avance_remboursable, fonds_propres ou investissement_prive ; "
        "absente : fonds_propres pour le maître d'ouvrage lui-même, subvention sinon.",
    )
    montant: Montant | None = Field(
        None,
        title="Montant",
        description="Montant en euros ; absent si le financeur est nommé sans montant.",
    )
    taux: Taux | None = Field(
        None,
        title="Taux",
        description="Part du coût en pourcentage, telle qu'écrite (60 pour « 60 % du coût »).",
    )
    base: Base | None = Field(
        None, title="Base", description="HT ou TTC de ce montant, s'il le précise."
    )
    note: str | None = Field(None, title="Note", description="Précision écrite à côté du montant.")
    # Le suivi du financement après la signature (facultatif ; `montant` reste le prévu).
    statut: StatutFinancement | None = Field(
        None,
        title="Statut du financement",
        description="Où en est le financement : prevu, demande, attribue, refuse ou verse.",
    )
    montant_demande: Montant | None = Field(
        None, title="Montant demandé", description="Montant demandé au financeur, en euros."
    )
    montant_attribue: Montant | None = Field(
        None,
        title="Montant attribué",
        description="Montant attribué (notifié, conventionné) par le financeur, en euros.",
    )
    montant_verse: Montant | None = Field(
        None, title="Montant versé", description="Montant déjà versé par le financeur, en euros."
    )
    date_attribution: date | None = Field(
        None,
        title="Date d'attribution",
        description="Date de la décision d'attribution, écrite AAAA-MM-JJ.",
    )
    reference: str | None = Field(
        None,
        title="Référence",
        description="N° de délibération, de dossier ou de convention (« DEL-2024-112 »).",
    )
