"""Le modèle d'une fiche action (Annexe 2 de l'avenant), avec ses coûts, financements et dates."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from acvkit.models.common import (
    Annee,
    Base,
    Classement,
    FuzzyPeriode,
    Integer,
    Montant,
    StrictModel,
)
from acvkit.models.financement import Financement
from acvkit.models.suivi import Realisation, Statut, SuiviEntry
from acvkit.periods import Periode


class TypeFiche(StrEnum):
    """Type de projet : etude (une étude) ou action (une réalisation)."""

    ETUDE = "etude"
    ACTION = "action"

    @property
    def libelle(self) -> str:
        return "Étude" if self is TypeFiche.ETUDE else "Action"


class DetailedItem(StrictModel):
    """Un élément de liste qui a des sous-éléments (« Immeuble livré : » suivi de détails)."""

    texte: str = Field(
        title="Texte", description="L'élément de liste, par exemple « Immeuble livré : »."
    )
    details: list[str] = Field(
        default_factory=list, title="Détails", description="Les sous-éléments de cet élément."
    )


Item = str | DetailedItem


def item_text(item: Item) -> str:
    """Le texte d'un élément, sous-éléments compris, sur une ligne."""
    if isinstance(item, str):
        return item
    return " ".join([item.texte, *item.details])


class Poste(StrictModel):
    """Une ligne de coût ; un montant absent signifie « A définir »."""

    libelle: str = Field(
        title="Libellé", description="Ce que couvre la ligne de coût (« Place Clémenceau »)."
    )
    montant: Montant | None = Field(
        None, title="Montant", description="Montant en euros ; absent ou null si « A définir »."
    )
    base: Base | None = Field(
        None, title="Base", description="HT ou TTC, si elle diffère de celle du coût."
    )
    note: str | None = Field(
        None,
        title="Note",
        description="Précision écrite à côté du montant (« A définir selon les scénarii retenus »).",
    )


class Cout(StrictModel):
    """Le coût total d'une fiche : base HT/TTC, postes éventuels, total éventuel."""

    base: Base | None = Field(
        None, title="Base", description="HT, TTC, ou null quand le document ne le dit pas."
    )
    postes: list[Poste] | None = Field(
        None,
        title="Postes",
        description="Lignes de coût ; le montant d'un poste peut être inconnu.",
    )
    total: Montant | None = Field(
        None,
        title="Coût total",
        description="Total déclaré en euros ; facultatif si tous les postes sont chiffrés.",
    )
    note: str | None = Field(
        None,
        title="Note",
        description="Qualificatif du total (« estimé », « enveloppe disponible »).",
    )


class Jalon(StrictModel):
    """Une phase de la fiche, avec ses propres dates."""

    libelle: str = Field(title="Phase", description="Nom de la phase (« Enquête publique »).")
    lancement: FuzzyPeriode | None = Field(
        None, title="Lancement", description="Date de lancement de la phase, telle qu'écrite."
    )
    livraison: FuzzyPeriode | None = Field(
        None, title="Livraison", description="Date de livraison de la phase, telle qu'écrite."
    )
    note: str | None = Field(
        None, title="Note", description="Précision sur la phase (« durée entre 18 et 24 mois »)."
    )


class Echeance(StrictModel):
    """Montant prévu pour une année (échéancier)."""

    annee: Annee = Field(title="Année", description="Année de la dépense, par exemple 2025.")
    montant: Montant = Field(title="Montant", description="Montant prévu cette année-là, en euros.")
    base: Base | None = Field(None, title="Base", description="HT ou TTC de ce montant.")


class Fiche(StrictModel):
    """Une fiche action de l'avenant."""

    numero: Integer = Field(
        gt=0,
        title="Numéro",
        description="Numéro de la fiche, unique dans tout l'avenant (FA 62 → 62).",
    )
    titre: str = Field(
        title="Titre du projet", description="Le titre de la fiche tel qu'écrit dans l'Annexe 2."
    )
    titre_plan: str | None = Field(
        None,
        title="Titre dans le plan d'action",
        description="Le titre tel qu'écrit dans l'article 7.1, quand il diffère de celui de l'Annexe 2.",
    )
    collectivite: str = Field(
        title="Collectivité",
        description="Identifiant de la collectivité bénéficiaire qui porte la fiche.",
    )
    type: TypeFiche = Field(title="Type de projet", description="etude ou action.")
    classement_fiche: str | None = Field(
        None,
        title="Classement écrit dans la fiche",
        description="L'axe et le sous-axe que la fiche indique elle-même, quand l'article 7.1 la classe ailleurs.",
    )
    axe_rattachement: str | None = Field(
        None,
        title="Axe de rattachement",
        description="La rubrique « Axe de rattachement » de la fiche telle qu'écrite dans l'Annexe 2 :"
        " l'axe, puis le sous-axe s'il y est, une ligne chacun.",
    )
    rang: Integer | None = Field(
        None,
        gt=0,
        title="Rang dans l'Annexe 2",
        description="La place de la fiche dans l'Annexe 2, quand l'avenant ne range pas les fiches"
        " de sa collectivité par numéro (1 pour la première).",
    )
    sous_axe: Classement = Field(
        title="Sous-axe",
        description='Classement au plan d\'action global, entre guillemets : le sous-axe "4.2", '
        "l'axe seul \"4\" quand le programme n'a pas de sous-axe, ou transversal.",
    )
    statut: Statut | None = Field(
        None,
        title="Statut",
        description="Avancement : a_engager, en_cours, en_cours_finance, livree ou abandonnee.",
    )
    suivi: list[SuiviEntry] | None = Field(
        None,
        title="Suivi",
        description="Journal de suivi, du plus ancien au plus récent : date, statut, note, vigilance.",
    )
    date_signature: FuzzyPeriode | None = Field(
        None, title="Date de signature", description="Date de signature, telle qu'écrite."
    )
    date_signature_note: str | None = Field(
        None,
        title="Date de signature (note)",
        description="Phrase écrite à la place de la date (« Convention NPNRU »).",
    )
    description: str | None = Field(
        None,
        title="Description générale",
        description="Le texte de la description ; paragraphes séparés par une ligne vide.",
    )
    description_note: str | None = Field(
        None,
        title="Description (note)",
        description="Phrase écrite à la place de la description, ou à côté d'elle.",
    )
    objectifs_note: str | None = Field(
        None,
        title="Objectifs (introduction)",
        description="Phrase qui introduit les objectifs, ou qui les remplace.",
    )
    objectifs: list[Item] | None = Field(
        None, title="Objectifs", description="Un objectif par élément de liste."
    )
    maitre_ouvrage: str | list[str] | None = Field(
        None,
        title="Maître d'ouvrage",
        description="Identifiant du maître d'ouvrage, ou la liste de plusieurs : [ville, epci].",
    )
    maitre_ouvrage_note: str | None = Field(
        None,
        title="Maître d'ouvrage (note)",
        description="Phrase écrite à la place du maître d'ouvrage, ou à côté de lui.",
    )
    partenaires: list[str] | None = Field(
        None,
        title="Partenaires locaux",
        description="Identifiants des partenaires, dans l'ordre du document.",
    )
    partenaires_note: str | None = Field(
        None,
        title="Partenaires (note)",
        description="Phrase écrite à la place des partenaires (« A déterminer ») ou à côté d'eux.",
    )
    cout: Cout | None = Field(None, title="Coût total", description="Base HT/TTC, postes et total.")
    cout_note: str | None = Field(
        None,
        title="Coût (note)",
        description="Phrase écrite à la place du coût (« A déterminer »).",
    )
    financements: list[Financement] | None = Field(
        None, title="Financements prévisionnels", description="Financeurs, avec ou sans montant."
    )
    financements_note: str | None = Field(
        None,
        title="Financements (note)",
        description="Phrase écrite à la place des financements (« A déterminer »).",
    )
    lancement: FuzzyPeriode | None = Field(
        None,
        title="Date de lancement",
        description="Période floue telle qu'écrite : « T1 2025 », « 2024 », « Eté 2023 ».",
    )
    lancement_note: str | None = Field(
        None,
        title="Lancement (note)",
        description="Phrase écrite à la place de la date de lancement, ou à côté d'elle.",
    )
    livraison: FuzzyPeriode | None = Field(
        None,
        title="Date de livraison",
        description="Période floue telle qu'écrite : « Fin 2026 », « 2027-2029 ».",
    )
    livraison_note: str | None = Field(
        None,
        title="Livraison (note)",
        description="Phrase écrite à la place de la date de livraison, ou à côté d'elle.",
    )
    jalons: list[Jalon] | None = Field(
        None,
        title="Phases",
        description="Phases avec leurs propres dates ; la fiche court alors de la première à la dernière.",
    )
    echeancier: list[Echeance] | None = Field(
        None,
        title="Échéancier",
        description="Montants prévus par année, pour répartir le coût dans le temps.",
    )
    realise: list[Realisation] | None = Field(
        None,
        title="Réalisé",
        description="Dépenses réalisées par année ; base : celle du coût sauf `base` contraire.",
    )
    indicateurs_avancement_note: str | None = Field(
        None,
        title="Indicateurs d'avancement (introduction)",
        description="Phrase qui introduit les indicateurs d'avancement.",
    )
    indicateurs_avancement: list[Item] | None = Field(
        None, title="Indicateurs d'avancement", description="Un indicateur par élément de liste."
    )
    indicateurs_resultat_note: str | None = Field(
        None,
        title="Indicateurs de résultat (introduction)",
        description="Phrase qui introduit les indicateurs de résultat.",
    )
    indicateurs_resultat: list[Item] | None = Field(
        None, title="Indicateurs de résultat", description="Un indicateur par élément de liste."
    )
    indicateurs_evaluation: list[str] | None = Field(
        None,
        title="Indicateurs d'évaluation",
        description="Identifiants des indicateurs de l'article 8.3 suivis par la fiche (ind-3-04).",
    )

    @property
    def axe(self) -> str:
        """Le numéro d'axe, déduit du code de sous-axe (« 4.2 » → « 4 », « 4 » → « 4 »)."""
        return self.sous_axe.split(".", 1)[0]

    @property
    def maitres_ouvrage(self) -> list[str]:
        """Les maîtres d'ouvrage, un ou plusieurs (« Mairie et communauté d'agglomération »)."""
        if self.maitre_ouvrage is None:
            return []
        if isinstance(self.maitre_ouvrage, str):
            return [self.maitre_ouvrage]
        return list(self.maitre_ouvrage)

    @property
    def axe_only(self) -> bool:
        """Vrai quand la fiche est rattachée à l'axe lui-même (« 4 », « transversal »)."""
        return "." not in self.sous_axe

    def periodes(self) -> list[Periode]:
        """Toutes les périodes datées de la fiche : les siennes et celles de ses jalons."""
        candidates = [self.lancement, self.livraison]
        for jalon in self.jalons or []:
            candidates += [jalon.lancement, jalon.livraison]
        return [p for p in candidates if p is not None and p.is_dated]

    @property
    def debut(self) -> date | None:
        """Le début de la fiche : son lancement, ou le plus tôt de ses jalons."""
        if self.lancement is not None and self.lancement.is_dated:
            return self.lancement.debut
        dates = [p.debut for p in self.periodes() if p.debut is not None]
        return min(dates) if dates else None

    @property
    def fin(self) -> date | None:
        """La fin de la fiche : sa livraison, ou le plus tard de ses jalons."""
        if self.livraison is not None and self.livraison.is_dated:
            return self.livraison.fin
        dates = [p.fin for p in self.periodes() if p.fin is not None]
        return max(dates) if dates else None
