"""Le contenu des annexes de suivi, calculé une fois depuis l'état du plan (acvkit.suivi.etat).

- `bilan` : le bilan de la réalisation du programme, rangé comme l'Annexe 1 de l'avenant (actions
  livrées, en cours – financées, en cours, abandonnées, à engager), par collectivité ;
- `rapport-suivi` : le rapport semestriel du comité de projet (retards et fiches non mises à jour
  d'abord, puis chaque fiche, les financements par financeur et le réalisé par année).

Les gabarits (HTML, Markdown) et le rendu DOCX ne font que mettre en page ces structures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from acvkit.annexes.context import Bar, MontantsBases, date_fr
from acvkit.costs.aggregate import Montants
from acvkit.costs.fiche import BaseMontant
from acvkit.loading.dataset import Dataset
from acvkit.money import format_euros
from acvkit.suivi.etat import NOT_GIVEN, STAGES, EtatSuivi, etat_suivi, libelle_statut
from acvkit.views.text import cout_texte

# Les annexes de suivi, produites quand au moins une fiche a un statut ou un journal.
ANNEXES_SUIVI: list[tuple[str, str]] = [
    ("bilan", "Bilan de la réalisation du programme"),
    ("rapport-suivi", "Rapport de suivi du comité de projet"),
]
LIBELLES_BILAN = {
    "livree": "Actions livrées",
    "en_cours_finance": "Actions en cours – financées",
    "en_cours": "Actions en cours",
    "abandonnee": "Actions abandonnées",
    "a_engager": "Actions à engager",
    NOT_GIVEN: "Actions sans statut renseigné",
}
STAGE_LABELS = {"prevu": "Prévu", "demande": "Demandé", "attribue": "Attribué", "verse": "Versé"}
LIBELLES_BASES = {
    BaseMontant.HT: "en euros HT",
    BaseMontant.TTC: "en euros TTC",
    BaseMontant.UNSPECIFIED: "en euros, base HT/TTC non précisée",
}


@dataclass(frozen=True)
class BilanRow:
    numero: int
    titre: str
    cout: str  # « 1 712 934 € TTC », « A déterminer »
    note: str  # la dernière note du journal, ou « »


@dataclass(frozen=True)
class BilanCategory:
    statut: str
    libelle: str  # « Actions livrées »
    lignes: list[BilanRow]
    total: MontantsBases


@dataclass(frozen=True)
class BilanCollectivite:
    collectivite_id: str
    collectivite: str
    categories: list[BilanCategory]  # seulement celles qui ont des fiches


@dataclass(frozen=True)
class SyntheseBilan:
    libelle: str
    nombre: int
    total: MontantsBases


@dataclass(frozen=True)
class FicheRapport:
    numero: int
    titre: str
    collectivite: str
    statut: str  # libellé
    date: str  # de la dernière entrée, « 20 juin 2025 », ou « »
    note: str
    vigilance: list[str]
    en_retard: bool


@dataclass(frozen=True)
class FinanceurRow:
    nom: str
    montants: list[str]  # prévu, demandé, attribué, versé, écrits par base
    refuses: list[int]


@dataclass(frozen=True)
class AnneeRow:
    annee: int
    prevu: str
    realise: str


@dataclass(frozen=True)
class Chart:
    titre: str
    barres: list[Bar]


@dataclass(frozen=True)
class AnnexesSuivi:
    date: str  # « 30 juin 2025 »
    a_suivi: bool
    delai_mois: int
    synthese: list[SyntheseBilan]
    bilan: list[BilanCollectivite]
    en_retard: list[FicheRapport]
    fiches: list[FicheRapport]
    etapes: list[str]  # en-têtes : Prévu, Demandé, Attribué, Versé
    financeurs: list[FinanceurRow]
    graphiques_financements: list[Chart]
    annees: list[AnneeRow]
    graphiques_realise: list[Chart]
    # Les fiches sans suivi récent, partagées : aucune entrée encore, ou une dernière trop ancienne.
    jamais_suivies: list[FicheRapport] = field(default_factory=list)
    suivi_ancien: list[FicheRapport] = field(default_factory=list)


def should_produce(data: Dataset) -> bool:
    """Les annexes de suivi ne sont produites que si le dossier a un suivi (statut ou journal)."""
    return any(e.model.statut is not None or e.model.suivi for e in data.fiches)


def _bases(m: Montants) -> MontantsBases:
    return MontantsBases.from_montants(m)


def _charts(series: list[tuple[str, Montants]], subject: str) -> list[Chart]:
    """Un graphique par base présente : jamais de barre qui additionne HT et TTC."""
    out = []
    for base, libelle in LIBELLES_BASES.items():
        if not any(m.get(base) for _, m in series):
            continue
        # Une série sans montant dans cette base n'a pas de barre (ni de ligne vide à lire).
        barres = [
            Bar(nom, m.get(base), format_euros(m.get(base))) for nom, m in series if m.get(base)
        ]
        out.append(Chart(f"{subject} ({libelle})", barres))
    return out


def build_suivi(data: Dataset) -> AnnexesSuivi:
    etat = etat_suivi(data)
    return contenu(etat, data)


def contenu(etat: EtatSuivi, data: Dataset) -> AnnexesSuivi:
    fiches = {e.model.numero: e.model for e in data.fiches}
    by_numero = {f.numero: f for f in etat.fiches}
    names = {p.model.id: p.model.nom for p in data.partenaires}

    def rapport(numero: int) -> FicheRapport:
        f = by_numero[numero]
        return FicheRapport(
            numero=f.numero,
            titre=f.titre,
            collectivite=names.get(f.collectivite, f.collectivite),
            statut=libelle_statut(f.statut),
            date=date_fr(f.date) if f.date else "",
            note=f.note or "",
            vigilance=list(f.vigilance),
            en_retard=f.en_retard,
        )

    bilan = []
    for cid, nom, groupes in etat.par_collectivite:
        categories = [
            BilanCategory(
                g.statut,
                LIBELLES_BILAN[g.statut],
                [
                    BilanRow(n, fiches[n].titre, cout_texte(fiches[n]), by_numero[n].note or "")
                    for n in g.fiches
                ],
                _bases(g.cout),
            )
            for g in groupes
            if g.fiches
        ]
        bilan.append(BilanCollectivite(cid, nom, categories))
    synthese = [
        SyntheseBilan(LIBELLES_BILAN[g.statut], len(g.fiches), _bases(g.cout))
        for g in etat.by_statut
        if g.fiches or g.statut != NOT_GIVEN
    ]
    financeurs = [
        FinanceurRow(c.nom, [_bases(c.montants[e]).texte for e in STAGES], list(c.refuses))
        for c in etat.financements
    ]
    series_fin = [
        (f"{c.nom} – {STAGE_LABELS[e].lower()}", c.montants[e])
        for c in etat.financements
        if any(not c.montants[e].is_zero for e in STAGES)
        for e in STAGES
    ]
    realise_series = [
        (f"{a.annee} – {kind}", m)
        for a in etat.realise
        for kind, m in (("prévu", a.prevu), ("réalisé", a.realise))
    ]
    return AnnexesSuivi(
        date=date_fr(etat.date),
        a_suivi=etat.a_suivi,
        delai_mois=etat.delai_mois,
        synthese=synthese,
        bilan=bilan,
        en_retard=[rapport(n) for n in etat.en_retard],
        jamais_suivies=[rapport(n) for n in etat.never_followed],
        suivi_ancien=[rapport(f.numero) for f in etat.stale],
        fiches=[rapport(f.numero) for f in etat.fiches],
        etapes=[STAGE_LABELS[e] for e in STAGES],
        financeurs=financeurs,
        graphiques_financements=_charts(series_fin, "Financements par financeur et par étape"),
        annees=[
            AnneeRow(a.annee, _bases(a.prevu).texte, _bases(a.realise).texte) for a in etat.realise
        ],
        graphiques_realise=_charts(realise_series, "Dépenses prévues et réalisées par année"),
    )


def suivi_of(inp: object) -> AnnexesSuivi | None:
    """Le contenu des annexes de suivi d'un rendu (RenderInput), ou None s'il n'y a pas de suivi.

    Calculé une fois par rendu et gardé sur l'objet (les formats d'un même build le partagent).
    """
    data = getattr(inp, "data", None)
    if not isinstance(data, Dataset) or not should_produce(data):
        return None
    existing = getattr(inp, "_suivi", None)
    if isinstance(existing, AnnexesSuivi):
        return existing
    computed = build_suivi(data)
    setattr(inp, "_suivi", computed)  # noqa: B010 (RenderInput n'a pas ce champ : cache local)
    return computed
