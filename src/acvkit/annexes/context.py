"""Le contenu des annexes : les structures que remplit assemble.py, textes prêts à afficher.

Les gabarits (HTML, Markdown) et le rendu DOCX ne font que mettre en page ces structures : aucun
chiffre n'y est recalculé.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from acvkit.annexes.attention import PointsAttention
from acvkit.annexes.evaluation_mesures import MesuresEvaluation
from acvkit.annexes.maquette import Maquette, MontantsBases, TotalMaquette
from acvkit.annexes.maquette_charts import Bar
from acvkit.models import Item
from acvkit.models.document import NATIONAL, Structure
from acvkit.money import format_euros

TO_BE_DETERMINED_TEXT = "À déterminer"
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def date_fr(day: date) -> str:
    """« 1er janvier 2024 », « 31 décembre 2026 »."""
    numero = "1er" if day.day == 1 else str(day.day)
    return f"{numero} {MONTHS[day.month - 1]} {day.year}"


def euros(montant: Decimal | None) -> str:
    return "" if montant is None else format_euros(montant)


# --- Éléments communs --------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemList:
    """Une liste telle que la fiche la donne : phrase d'introduction éventuelle, éléments et sous-éléments."""

    note: str | None
    items: list[tuple[str, list[str]]]

    @property
    def vide(self) -> bool:
        return not self.note and not self.items


def liste(items: list[Item] | None, note: str | None) -> ItemList:
    rendering = [(i, []) if isinstance(i, str) else (i.texte, list(i.details)) for i in items or []]
    return ItemList(note, rendering)


# --- Plan d'action global (article 7.1) ---------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    numero: int
    collectivite: str
    titre: str


@dataclass(frozen=True)
class SousAxePlan:
    code: str
    intitule: str
    fiches: list[PlanRow]


@dataclass(frozen=True)
class AxePlan:
    code: str
    titre: str  # « Axe 1 – De la réhabilitation … »
    sous_axes: list[SousAxePlan]


# --- Fiches action (Annexe 2) ------------------------------------------------------------------


@dataclass(frozen=True)
class MontantRow:
    libelle: str
    montant: str  # déjà écrit (« 250 000 € », « A définir … »)


@dataclass(frozen=True)
class FicheAnnexe:
    numero: int
    titre: str
    collectivite: str
    type: str
    axe: str  # « Axe 4 – Aménager … » (article 7.1)
    rattachement: list[str]  # la rubrique « Axe de rattachement » telle que la fiche l'écrit
    sous_axe: str  # « 4.2 – Requalification de l'espace public »
    date_signature: str
    description: list[str]  # paragraphes
    objectifs: ItemList
    maitre_ouvrage: str
    partenaires: list[str]
    partenaires_note: str | None
    cout_total: str  # « 1 712 934 € TTC », « A déterminer », « 20 000 € (partiel) »
    cout_note: str | None
    postes: list[MontantRow]
    financements: list[MontantRow]
    financements_note: str | None
    lancement: str
    livraison: str
    jalons: list[tuple[str, str, str, str]]  # libellé, lancement, livraison, note
    indicateurs_avancement: ItemList
    indicateurs_resultat: ItemList
    titre_plan: str | None = None  # l'intitulé de l'article 7.1, s'il diffère
    classement_fiche: str | None = None  # le classement que la fiche indique elle-même


@dataclass(frozen=True)
class GroupeFiches:
    collectivite_id: str
    collectivite: str
    fiches: list[FicheAnnexe]


# --- Récapitulatif (Annexe 4) -------------------------------------------------------------------


@dataclass(frozen=True)
class RecapRow:
    numero: int
    titre: str
    axe: str  # code de sous-axe
    type: str
    maitre_ouvrage: str
    cout: str
    financements: str
    calendrier: str


__all__ = ["Bar", "Maquette", "MontantsBases", "TotalMaquette"]


@dataclass(frozen=True)
class Recapitulatif:
    collectivite_id: str
    collectivite: str
    lignes: list[RecapRow]
    total_cout: MontantsBases
    total_finance: MontantsBases  # financements des partenaires (glossaire)
    a_determiner: list[int]
    partiels: list[int]
    # (libellé du glossaire, montants) : partenaires, puis investissements privés, prêts,
    # autofinancement quand il y en a ; jamais additionnés entre eux.
    totaux_financements: list[tuple[str, MontantsBases]] = field(default_factory=list)


# --- Programmation pluriannuelle (article 7.2) -------------------------------------------------


@dataclass(frozen=True)
class Segment:
    libelle: str
    debut: date
    fin: date
    texte: str  # dates telles qu'écrites


@dataclass(frozen=True)
class CalendrierRow:
    numero: int
    titre: str
    collectivite: str
    segments: list[Segment]
    annees: list[int]  # années couvertes par au moins un segment
    texte: str  # « T1 2025 → 2027-2029 »
    # Le calendrier propre de la fiche (lancement → livraison) quand elle a aussi des phases.
    cadre: Segment | None = None


@dataclass(frozen=True)
class Programmation:
    premiere_annee: int
    derniere_annee: int
    debut_avenant: date
    fin_avenant: date
    lignes: list[CalendrierRow]
    # « de l'avenant », « de la convention-cadre » : le document dont la période est ombrée.
    document_of: str = "de l'avenant"

    @property
    def annees(self) -> list[int]:
        return list(range(self.premiere_annee, self.derniere_annee + 1))


# --- Évaluation (article 8.3) ------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationRow:
    id: str
    critere: str
    intitule: str
    sources: list[str]
    perimetre: str


@dataclass(frozen=True)
class AxeEvaluation:
    titre: str
    lignes: list[EvaluationRow]


# --- L'ensemble -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entete:
    """Ce qui situe les annexes (programme, territoire, période, jour de production) : vite calculé."""

    titre_programme: str
    intitule: str
    territoire: str
    periode: str  # « du 1er janvier 2024 au 31 décembre 2026 »
    genere_le: str
    # Le document signé : nature, articles et annexes (models/document.py ; défaut national).
    document: Structure = NATIONAL


@dataclass(frozen=True)
class Annexes:
    titre_programme: str
    intitule: str
    territoire: str
    periode: str  # « du 1er janvier 2024 au 31 décembre 2026 »
    genere_le: str
    plan: list[AxePlan]
    programmation: Programmation
    evaluation: list[AxeEvaluation]
    fiches: list[GroupeFiches]
    recapitulatifs: list[Recapitulatif]
    maquette: Maquette
    fiche_count: int
    avertissements: list[str] = field(default_factory=list)
    # Le jour de production lui-même, pour les métadonnées fixes des fichiers (DOCX).
    date_generation: date | None = None
    # Les valeurs des indicateurs (graphiques de l'annexe 8.3) et les fiches qui les suivent.
    mesures: MesuresEvaluation = field(default_factory=lambda: MesuresEvaluation({}, False))

    @property
    def plan_par_sous_axe(self) -> bool:
        """Vrai si le plan d'action range des fiches par sous-axe (faux : axes sans sous-axe)."""
        return any(s.intitule for a in self.plan for s in a.sous_axes)

    @property
    def fiches_texte(self) -> str:
        """« aucune fiche action », « 1 fiche action », « 22 fiches action »."""
        n = self.fiche_count
        return "aucune fiche action" if n == 0 else f"{n} fiche{'s' if n > 1 else ''} action"

    # Annexe 4 : le total général, toutes collectivités, par base (sans lignes de fiches).
    total_recapitulatif: Recapitulatif | None = None
    # Index : ce que le relecteur doit voir d'abord.
    points_attention: PointsAttention = field(default_factory=PointsAttention)
    # Le document signé : nature, articles et annexes (models/document.py ; défaut national).
    document: Structure = NATIONAL
    # « Version à signer du 8 décembre 2026 » dans la copie à signer (acv build --a-signer), qui ne
    # porte aucun point d'attention ; vide dans une copie de relecture.
    version_a_signer: str = ""

    @property
    def entete(self) -> Entete:
        return Entete(
            self.titre_programme,
            self.intitule,
            self.territoire,
            self.periode,
            self.genere_le,
            self.document,
        )
