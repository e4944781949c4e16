"""L'état du plan à une date : fiches par statut, vie des financements, réalisé, retards (fonctions pures).

Les montants restent séparés par base (HT, TTC, non précisée), comme dans `acv couts` ; la base
d'un financement ou d'une dépense réalisée est la sienne, sinon celle du coût de la fiche.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from acvkit.costs.aggregate import Montants, base_financement
from acvkit.costs.fiche import BaseMontant, cout_fiche
from acvkit.costs.financement import financements
from acvkit.costs.glossary import Categorie, joint_name
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, Statut, SuiviEntry
from acvkit.models.suivi import BILAN_ORDER
from acvkit.suivi.dates import date_rapport, months_before

NOT_GIVEN = "non_renseigne"
NOT_GIVEN_LIBELLE = "Non renseigné"
FINISHED_STATUTS = {Statut.LIVREE, Statut.ABANDONNEE}
STAGES = ("prevu", "demande", "attribue", "verse")


def libelle_statut(statut: str) -> str:
    return NOT_GIVEN_LIBELLE if statut == NOT_GIVEN else Statut(statut).libelle


def last_entry(fiche: Fiche) -> SuiviEntry | None:
    """La plus récente entrée du journal (la dernière écrite à date égale)."""
    entries = fiche.suivi or []
    if not entries:
        return None
    return max(reversed(entries), key=lambda e: e.date)


def current_statut(fiche: Fiche) -> Statut | None:
    """Le statut écrit, sinon celui de la dernière entrée du journal, sinon aucun (non renseigné)."""
    if fiche.statut is not None:
        return fiche.statut
    last = last_entry(fiche)
    return last.statut if last is not None else None


def uses_suivi(data: Dataset) -> bool:
    """Le dossier tient-il un journal de suivi (au moins une entrée dans une fiche) ?"""
    return any(e.model.suivi for e in data.fiches)


def en_retard(fiche: Fiche, au: date) -> bool:
    """Un statut renseigné, une livraison finie avant la date du rapport, ni livrée ni abandonnée."""
    statut = current_statut(fiche)
    fin = fiche.fin
    return statut is not None and statut not in FINISHED_STATUTS and fin is not None and fin < au


def suivi_cutoff(au: date, delai_mois: int) -> date:
    """Une fiche dont la dernière entrée est antérieure à cette date n'est pas à jour."""
    return months_before(au, delai_mois)


def follow_up_start(data: Dataset) -> date | None:
    """La date de la toute première entrée de suivi du dossier (None : aucun suivi)."""
    dates = [e.date for f in data.fiches for e in f.model.suivi or []]
    return min(dates) if dates else None


def needs_update(fiche: Fiche, au: date, delai_mois: int, started: date | None = None) -> bool:
    """Ni livrée ni abandonnée, et aucune entrée depuis `delai_mois` mois (ou aucune entrée).

    Une fiche sans aucune entrée n'est en défaut qu'une fois le suivi du dossier commencé depuis
    plus de `delai_mois` mois (`started` : sa première entrée) : commencer le suivi par quelques
    fiches ne met pas toutes les autres en défaut le jour même.
    """
    if current_statut(fiche) in FINISHED_STATUTS:
        return False
    last = last_entry(fiche)
    cutoff = suivi_cutoff(au, delai_mois)
    if last is None:
        return started is None or started < cutoff
    return last.date < cutoff


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
    # La catégorie du glossaire (un prêt n'est pas suivi avec les subventions du même financeur).
    categorie: Categorie = Categorie.PARTENAIRES
    montants: dict[str, Montants] = field(default_factory=lambda: {e: Montants() for e in STAGES})
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
    needs_update: bool  # sans suivi récent (SUI005)


@dataclass
class EtatSuivi:
    date: date
    a_suivi: bool
    delai_mois: int
    by_statut: list[GroupeStatut]
    par_collectivite: list[tuple[str, str, list[GroupeStatut]]]  # (id, nom, groupes)
    par_axe: list[tuple[str, list[GroupeStatut]]]
    financements: list[CycleFinanceur]
    realise: list[AnneeRealise]
    fiches: list[FicheSuivi]

    @property
    def en_retard(self) -> list[int]:
        return [f.numero for f in self.fiches if f.en_retard]

    @property
    def needs_update(self) -> list[int]:
        """Les fiches sans suivi récent (SUI005) : JSON « sans_suivi_recent »."""
        return [f.numero for f in self.fiches if f.needs_update]

    @property
    def never_followed(self) -> list[int]:
        """Les fiches ni livrées ni abandonnées qui n'ont encore aucune entrée de journal."""
        finished = {s.value for s in FINISHED_STATUTS}
        return [
            f.numero
            for f in self.fiches
            if self.a_suivi and f.date is None and f.statut not in finished
        ]

    @property
    def stale(self) -> list[FicheSuivi]:
        """Les fiches sans suivi récent dont la dernière entrée est trop ancienne."""
        return [f for f in self.fiches if f.needs_update and f.date is not None]

    @property
    def vigilances(self) -> list[FicheSuivi]:
        """Les fiches dont la dernière entrée porte des points de vigilance."""
        return [f for f in self.fiches if f.vigilance]

    @property
    def refusals(self) -> list[CycleFinanceur]:
        """Les financeurs qui ont refusé au moins une demande."""
        return [c for c in self.financements if c.refuses]


def _groupes() -> dict[str, GroupeStatut]:
    keys = [s.value for s in BILAN_ORDER] + [NOT_GIVEN]
    return {c: GroupeStatut(c) for c in keys}


def _add(groupes: dict[str, GroupeStatut], statut: str, fiche: Fiche) -> None:
    cout = cout_fiche(fiche)
    groupe = groupes[statut]
    groupe.fiches.append(fiche.numero)
    if cout.quantified:
        groupe.cout.add(cout.base, cout.montant)


def _base_of(fiche: Fiche, base: object) -> BaseMontant:
    from acvkit.models import Base

    return base_financement(fiche, BaseMontant.of(base) if isinstance(base, Base) else None)


def etat_suivi(data: Dataset, au: date | None = None, delai_mois: int | None = None) -> EtatSuivi:
    """L'état du plan à la date du rapport (par défaut celle du jeu de données, sinon date_rapport())."""
    day = date_rapport(au if au is not None else data.date_rapport)
    delay = delai_mois if delai_mois is not None else data.suivi_delay_months
    a_suivi = uses_suivi(data)
    started = follow_up_start(data)
    names = {p.model.id: p.model.nom for p in data.partenaires}
    overall = _groupes()
    by_collectivite: dict[str, dict[str, GroupeStatut]] = {}
    par_axe: dict[str, dict[str, GroupeStatut]] = {}
    cycles: dict[tuple[str, Categorie], CycleFinanceur] = {}
    annees: dict[int, AnneeRealise] = {}
    fiches: list[FicheSuivi] = []
    for entry in data.sorted_fiches():
        fiche = entry.model
        statut = current_statut(fiche)
        key = statut.value if statut is not None else NOT_GIVEN
        for groupes in (
            overall,
            by_collectivite.setdefault(fiche.collectivite, _groupes()),
            par_axe.setdefault(fiche.axe, _groupes()),
        ):
            _add(groupes, key, fiche)
        for f, read in zip(fiche.financements or [], financements(fiche), strict=True):
            nom = joint_name(read.financeur, lambda i: names.get(i, i))
            if read.categorie is not Categorie.PARTENAIRES:
                nom += f" – {read.categorie.term.libelle.lower()}"
            cycle = cycles.setdefault(
                (read.financeur, read.categorie),
                CycleFinanceur(read.financeur, nom, read.categorie),
            )
            base = read.base
            for step, montant in (
                ("prevu", read.montant),
                ("demande", f.montant_demande),
                ("attribue", f.montant_attribue),
                ("verse", f.montant_verse),
            ):
                if montant is not None:
                    cycle.montants[step].add(base, montant)
            if f.statut is not None and f.statut.value == "refuse":
                cycle.refuses.append(fiche.numero)
        for e in fiche.echeancier or []:
            annees.setdefault(e.annee, AnneeRealise(e.annee)).prevu.add(
                _base_of(fiche, e.base), e.montant
            )
        for r in fiche.realise or []:
            annees.setdefault(r.annee, AnneeRealise(r.annee)).realise.add(
                _base_of(fiche, r.base), r.montant
            )
        last = last_entry(fiche)
        fiches.append(
            FicheSuivi(
                numero=fiche.numero,
                titre=fiche.titre,
                collectivite=fiche.collectivite,
                axe=fiche.axe,
                statut=key,
                date=last.date if last else None,
                note=last.note if last else None,
                vigilance=list(last.vigilance or []) if last else [],
                en_retard=en_retard(fiche, day),
                needs_update=a_suivi and needs_update(fiche, day, delay, started),
            )
        )
    return EtatSuivi(
        date=day,
        a_suivi=a_suivi,
        delai_mois=delay,
        by_statut=list(overall.values()),
        par_collectivite=[
            (c, names.get(c, c), list(g.values())) for c, g in by_collectivite.items()
        ],
        par_axe=[
            (a, list(g.values()))
            for a, g in sorted(par_axe.items(), key=lambda kv: _axe_order(kv[0]))
        ],
        financements=sorted(
            cycles.values(), key=lambda c: (c.financeur, list(Categorie).index(c.categorie))
        ),
        realise=[annees[a] for a in sorted(annees)],
        fiches=fiches,
    )


def _axe_order(code: str) -> tuple[int, str]:
    return (int(code), "") if code.isdigit() else (99, code)
