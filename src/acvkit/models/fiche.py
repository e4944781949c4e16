"""Le modèle d'une fiche action (Annexe 2 de l'avenant), avec ses coûts, financements et dates."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from acvkit.models.common import (
    Base,
    CodeSousAxe,
    Entier,
    Modele,
    Montant,
    PeriodeFloue,
)
from acvkit.periods import Periode


class TypeFiche(StrEnum):
    ETUDE = "etude"
    ACTION = "action"

    @property
    def libelle(self) -> str:
        return "Étude" if self is TypeFiche.ETUDE else "Action"


class Statut(StrEnum):
    A_ENGAGER = "a_engager"
    EN_COURS = "en_cours"
    EN_COURS_FINANCE = "en_cours_finance"
    LIVREE = "livree"
    ABANDONNEE = "abandonnee"


class ItemDetaille(Modele):
    """Un élément de liste qui a des sous-éléments (« Immeuble livré : » suivi de détails)."""

    texte: str
    details: list[str] = Field(default_factory=list)


Item = str | ItemDetaille


def texte_item(item: Item) -> str:
    """Le texte d'un élément, sous-éléments compris, sur une ligne."""
    if isinstance(item, str):
        return item
    return " ".join([item.texte, *item.details])


class Poste(Modele):
    """Une ligne de coût ; un montant absent signifie « A définir »."""

    libelle: str
    montant: Montant | None = None
    base: Base | None = None
    note: str | None = None


class Cout(Modele):
    """Le coût total d'une fiche : base HT/TTC, postes éventuels, total éventuel."""

    base: Base | None = None
    postes: list[Poste] | None = None
    total: Montant | None = None
    note: str | None = None


class Financement(Modele):
    """Un financement prévisionnel : un financeur, avec ou sans montant."""

    financeur: str
    montant: Montant | None = None
    base: Base | None = None
    note: str | None = None


class Jalon(Modele):
    """Une phase de la fiche, avec ses propres dates."""

    libelle: str
    lancement: PeriodeFloue | None = None
    livraison: PeriodeFloue | None = None
    note: str | None = None


class Echeance(Modele):
    """Montant prévu pour une année (échéancier)."""

    annee: Entier
    montant: Montant
    base: Base | None = None


class Fiche(Modele):
    """Une fiche action de l'avenant."""

    numero: Entier = Field(gt=0)
    titre: str
    collectivite: str
    type: TypeFiche
    sous_axe: CodeSousAxe
    statut: Statut | None = None
    date_signature: PeriodeFloue | None = None
    date_signature_note: str | None = None
    description: str | None = None
    description_note: str | None = None
    objectifs_note: str | None = None
    objectifs: list[Item] | None = None
    maitre_ouvrage: str | None = None
    maitre_ouvrage_note: str | None = None
    partenaires: list[str] | None = None
    partenaires_note: str | None = None
    cout: Cout | None = None
    cout_note: str | None = None
    financements: list[Financement] | None = None
    financements_note: str | None = None
    lancement: PeriodeFloue | None = None
    lancement_note: str | None = None
    livraison: PeriodeFloue | None = None
    livraison_note: str | None = None
    jalons: list[Jalon] | None = None
    echeancier: list[Echeance] | None = None
    indicateurs_avancement_note: str | None = None
    indicateurs_avancement: list[Item] | None = None
    indicateurs_resultat_note: str | None = None
    indicateurs_resultat: list[Item] | None = None
    indicateurs_evaluation: list[str] | None = None

    @property
    def axe(self) -> str:
        """Le numéro d'axe, déduit du code de sous-axe (« 4.2 » → « 4 »)."""
        return self.sous_axe.split(".", 1)[0]

    def periodes(self) -> list[Periode]:
        """Toutes les périodes datées de la fiche : les siennes et celles de ses jalons."""
        candidates = [self.lancement, self.livraison]
        for jalon in self.jalons or []:
            candidates += [jalon.lancement, jalon.livraison]
        return [p for p in candidates if p is not None and p.datee]

    @property
    def debut(self) -> date | None:
        """Le début de la fiche : son lancement, ou le plus tôt de ses jalons."""
        if self.lancement is not None and self.lancement.datee:
            return self.lancement.debut
        dates = [p.debut for p in self.periodes() if p.debut is not None]
        return min(dates) if dates else None

    @property
    def fin(self) -> date | None:
        """La fin de la fiche : sa livraison, ou le plus tard de ses jalons."""
        if self.livraison is not None and self.livraison.datee:
            return self.livraison.fin
        dates = [p.fin for p in self.periodes() if p.fin is not None]
        return max(dates) if dates else None
