"""L'état du plan à une date : fiches par statut, vie des financements, réalisé, retards (fonctions pures).

Les montants restent séparés par base (HT, TTC, non précisée), comme dans `acv costs` ; la base
d'un financement ou d'une dépense réalisée est la sienne, sinon celle du coût de la fiche.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from acvkit.costs.aggregate import Montants, base_financement
from acvkit.costs.fiche import BaseMontant, cout_fiche
from acvkit.loading.dataset import Dataset
from acvkit.models import EntreeSuivi, Fiche, Statut
from acvkit.models.suivi import ORDRE_BILAN
from acvkit.suivi.dates import date_rapport, mois_avant

NON_RENSEIGNE = "non_renseigne"
LIBELLE_NON_RENSEIGNE = "Non renseigné"
TERMINES = {Statut.LIVREE, Statut.ABANDONNEE}
ETAPES = ("prevu", "demande", "attribue", "verse")


def libelle_statut(statut: str) -> str:
    return LIBELLE_NON_RENSEIGNE if statut == NON_RENSEIGNE else Statut(statut).libelle


def derniere_entree(fiche: Fiche) -> EntreeSuivi | None:
    """La plus récente entrée du journal (la dernière écrite à date égale)."""
    entrees = fiche.suivi or []
    if not entrees:
        return None
    return max(reversed(entrees), key=lambda e: e.date)


def statut_courant(fiche: Fiche) -> Statut | None:
    """Le statut écrit, sinon celui de la dernière entrée du journal, sinon aucun (non renseigné)."""
    if fiche.statut is not None:
        return fiche.statut
    derniere = derniere_entree(fiche)
    return derniere.statut if derniere is not None else None


def utilise_suivi(data: Dataset) -> bool:
    """Le dossier tient-il un journal de suivi (au moins une entrée dans une fiche) ?"""
    return any(e.model.suivi for e in data.fiches)


def en_retard(fiche: Fiche, au: date) -> bool:
    """Un statut renseigné, une livraison finie avant la date du rapport, ni livrée ni abandonnée."""
    statut = statut_courant(fiche)
    fin = fiche.fin
    return statut is not None and statut not in TERMINES and fin is not None and fin < au


def limite_suivi(au: date, delai_mois: int) -> date:
    """Une fiche dont la dernière entrée est antérieure à cette date n'est pas à jour."""
    return mois_avant(au, delai_mois)


def sans_suivi_recent(fiche: Fiche, au: date, delai_mois: int) -> bool:
    """Ni livrée ni abandonnée, et aucune entrée depuis `delai_mois` mois (ou aucune entrée)."""
    if statut_courant(fiche) in TERMINES:
        return False
    derniere = derniere_entree(fiche)
    return derniere is None or derniere.date < limite_suivi(au, delai_mois)


@dataclass
class GroupeStatut:
    statut: str  # une valeur de Statut, ou NON_RENSEIGNE
    fiches: list[int] = field(default_factory=list)
    cout: Montants = field(default_factory=Montants)

    @property
    def libelle(self) -> str:
        return libelle_statut(self.statut)


@dataclass
class CycleFinanceur:
    financeur: str
    nom: str
    montants: dict[str, Montants] = field(default_factory=lambda: {e: Montants() for e in ETAPES})
    refuses: list[int] = field(default_factory=list)  # fiches où ce financeur a refusé


@dataclass
class AnneeRealise:
    annee: int
    prevu: Montants = field(default_factory=Montants)
    realise: Montants = field(default_factory=Montants)


@dataclass(frozen=True)
class FicheSuivi:
    numero: int
    titre: str
    collectivite: str
    axe: str
    statut: str
    date: date | None  # de la dernière entrée
    note: str | None
    vigilance: list[str]
    en_retard: bool
    sans_suivi_recent: bool


@dataclass
class EtatSuivi:
    date: date
    a_suivi: bool
    delai_mois: int
    par_statut: list[GroupeStatut]
    par_collectivite: list[tuple[str, str, list[GroupeStatut]]]  # (id, nom, groupes)
    par_axe: list[tuple[str, list[GroupeStatut]]]
    financements: list[CycleFinanceur]
    realise: list[AnneeRealise]
    fiches: list[FicheSuivi]

    @property
    def en_retard(self) -> list[int]:
        return [f.numero for f in self.fiches if f.en_retard]

    @property
    def sans_suivi_recent(self) -> list[int]:
        return [f.numero for f in self.fiches if f.sans_suivi_recent]


def _groupes() -> dict[str, GroupeStatut]:
    cles = [s.value for s in ORDRE_BILAN] + [NON_RENSEIGNE]
    return {c: GroupeStatut(c) for c in cles}


def _ajoute(groupes: dict[str, GroupeStatut], statut: str, fiche: Fiche) -> None:
    cout = cout_fiche(fiche)
    groupe = groupes[statut]
    groupe.fiches.append(fiche.numero)
    groupe.cout.add(cout.base, cout.montant)


def _base_de(fiche: Fiche, base: object) -> BaseMontant:
    from acvkit.models import Base

    return base_financement(fiche, BaseMontant.of(base) if isinstance(base, Base) else None)


def etat_suivi(data: Dataset, au: date | None = None, delai_mois: int | None = None) -> EtatSuivi:
    """L'état du plan à la date du rapport (par défaut celle du jeu de données, sinon date_rapport())."""
    jour = date_rapport(au if au is not None else data.date_rapport)
    delai = delai_mois if delai_mois is not None else data.suivi_delai_mois
    a_suivi = utilise_suivi(data)
    noms = {p.model.id: p.model.nom for p in data.partenaires}
    tous = _groupes()
    par_coll: dict[str, dict[str, GroupeStatut]] = {}
    par_axe: dict[str, dict[str, GroupeStatut]] = {}
    cycles: dict[str, CycleFinanceur] = {}
    annees: dict[int, AnneeRealise] = {}
    fiches: list[FicheSuivi] = []
    for entry in data.fiches_triees():
        fiche = entry.model
        statut = statut_courant(fiche)
        cle = statut.value if statut is not None else NON_RENSEIGNE
        for groupes in (
            tous,
            par_coll.setdefault(fiche.collectivite, _groupes()),
            par_axe.setdefault(fiche.axe, _groupes()),
        ):
            _ajoute(groupes, cle, fiche)
        for f in fiche.financements or []:
            cycle = cycles.setdefault(
                f.financeur, CycleFinanceur(f.financeur, noms.get(f.financeur, f.financeur))
            )
            base = _base_de(fiche, f.base)
            for etape, montant in (
                ("prevu", f.montant),
                ("demande", f.montant_demande),
                ("attribue", f.montant_attribue),
                ("verse", f.montant_verse),
            ):
                if montant is not None:
                    cycle.montants[etape].add(base, montant)
            if f.statut is not None and f.statut.value == "refuse":
                cycle.refuses.append(fiche.numero)
        for e in fiche.echeancier or []:
            annees.setdefault(e.annee, AnneeRealise(e.annee)).prevu.add(
                _base_de(fiche, e.base), e.montant
            )
        for r in fiche.realise or []:
            annees.setdefault(r.annee, AnneeRealise(r.annee)).realise.add(
                _base_de(fiche, r.base), r.montant
            )
        derniere = derniere_entree(fiche)
        fiches.append(
            FicheSuivi(
                numero=fiche.numero,
                titre=fiche.titre,
                collectivite=fiche.collectivite,
                axe=fiche.axe,
                statut=cle,
                date=derniere.date if derniere else None,
                note=derniere.note if derniere else None,
                vigilance=list(derniere.vigilance or []) if derniere else [],
                en_retard=en_retard(fiche, jour),
                sans_suivi_recent=a_suivi and sans_suivi_recent(fiche, jour, delai),
            )
        )
    return EtatSuivi(
        date=jour,
        a_suivi=a_suivi,
        delai_mois=delai,
        par_statut=list(tous.values()),
        par_collectivite=[(c, noms.get(c, c), list(g.values())) for c, g in par_coll.items()],
        par_axe=[
            (a, list(g.values()))
            for a, g in sorted(par_axe.items(), key=lambda kv: _ordre_axe(kv[0]))
        ],
        financements=sorted(cycles.values(), key=lambda c: c.financeur),
        realise=[annees[a] for a in sorted(annees)],
        fiches=fiches,
    )


def _ordre_axe(code: str) -> tuple[int, str]:
    return (int(code), "") if code.isdigit() else (99, code)
