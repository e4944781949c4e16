"""Le contenu de la maquette financière (Annexe 5), calculé une fois pour tous les formats.

Ce que la page dit est vrai : un reste à charge n'est un nombre que s'il est connu (sinon « non
déterminable : ANAH sans montant »), chaque montant porte sa base (HT, TTC, « TTC, déduit du
coût », base non précisée), la part du maître d'ouvrage n'est pas un financement de partenaire,
et chaque total est la somme des lignes qu'il totalise, les exclusions étant dites.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from acvkit.annexes.maquette_charts import Chart, charts
from acvkit.costs.aggregate import Groupe, Montants, aggregate_dataset
from acvkit.costs.engagements import Engagement, engagements
from acvkit.costs.fiche import BaseMontant, cout_fiche
from acvkit.costs.financement import (
    ReadFinancement,
    financements,
    legende,
    montant_base,
    not_determinable,
    reste,
)
from acvkit.costs.glossary import (
    NO_AMOUNT_TEXT,
    NO_BASE_TEXT,
    UNKNOWN_TEXT,
    Categorie,
    joint_name,
)
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche
from acvkit.money import format_euros

Names = Callable[[str], str]


@dataclass(frozen=True)
class MontantsBases:
    """Des montants par base, avec leur écriture française (HT, TTC, non précisé)."""

    HT: Decimal
    TTC: Decimal
    non_precise: Decimal
    seen: frozenset[str] = frozenset()  # les bases où un montant est compté, zéro compris

    @classmethod
    def from_montants(cls, m: Montants) -> MontantsBases:
        return cls(m.HT, m.TTC, m.non_precise, frozenset(b.value for b in m.seen))

    @classmethod
    def from_bases(cls, montants: dict[BaseMontant, Decimal]) -> MontantsBases:
        m = Montants()
        for base, valeur in montants.items():
            m.add(base, valeur)
        return cls.from_montants(m)

    @property
    def lignes(self) -> list[tuple[str, str]]:
        """(« HT », « 120 500 € ») pour chaque base non nulle."""
        out = []
        for libelle, key, valeur in (
            ("HT", BaseMontant.HT.value, self.HT),
            ("TTC", BaseMontant.TTC.value, self.TTC),
            (NO_BASE_TEXT, BaseMontant.UNSPECIFIED.value, self.non_precise),
        ):
            if valeur or key in self.seen:
                out.append((libelle, format_euros(valeur)))
        return out

    @property
    def texte(self) -> str:
        """« 120 500 € HT + 22 000 € TTC » : jamais une somme de bases différentes."""
        lignes = self.lignes
        if not lignes:
            return UNKNOWN_TEXT
        return " + ".join(
            f"{v} {b}" if b != NO_BASE_TEXT else f"{v} ({NO_BASE_TEXT})" for b, v in lignes
        )

    @property
    def texte_zero(self) -> str:
        """Comme `texte`, mais un total connu et nul s'écrit « 0 € » (jamais « non renseigné »)."""
        return self.texte if self.lignes else format_euros(Decimal(0))

    @property
    def is_zero(self) -> bool:
        return not (self.HT or self.TTC or self.non_precise)


@dataclass(frozen=True)
class FinancementCell:
    texte: str  # « 42 800 € HT (autofinancement) », « 22 000 € (base : celle du coût, TTC) », « montant non précisé »
    montant: Decimal | None
    autofinancement: bool
    categorie: str = Categorie.PARTENAIRES.value  # la catégorie du glossaire


@dataclass(frozen=True)
class MaquetteRow:
    numero: int
    titre: str
    collectivite: str
    axe: str  # code du sous-axe
    cout: Decimal | None
    base: str  # « HT », « TTC », « non précisée »
    etat: str  # connu | partiel | a_determiner
    cout_texte: str
    financements: dict[str, FinancementCell]  # id financeur → cellule
    reste: Decimal | None
    reste_texte: str  # « 42 800 € HT », « non déterminable : ANAH sans montant »
    autofinancement_texte: (
        str  # « Autofinancement : 42 800 € HT ; Prêts et avances remboursables : … », ou ""
    )


@dataclass(frozen=True)
class TotalMaquette:
    libelle: str
    fiches: int
    cout: MontantsBases
    finance: MontantsBases  # financements des partenaires
    autofinancement: MontantsBases  # part du maître d'ouvrage
    reste: MontantsBases  # sur les fiches où il est déterminable
    a_determiner: list[int]
    partiels: list[int]
    reste_exclus: list[tuple[int, str]]  # (fiche, raison)
    prives: MontantsBases = MontantsBases(Decimal(0), Decimal(0), Decimal(0))
    prets: MontantsBases = MontantsBases(Decimal(0), Decimal(0), Decimal(0))
    unfilled: tuple[int, ...] = ()  # fiches sans coût du tout

    @property
    def reste_texte(self) -> str:
        """Le reste à charge du groupe ; « non déterminable » quand aucune fiche n'en a un."""
        return self.reste.texte if self.reste.lignes else "non déterminable"

    @property
    def non_compte(self) -> str:
        """« coût à déterminer : FA 44 ; coût partiel : FA 52 ; 3 fiches au reste non déterminable »."""
        parts = []
        if self.a_determiner:
            parts.append("coût à déterminer : " + numeros(self.a_determiner))
        if self.partiels:
            parts.append("coût partiel : " + numeros(self.partiels))
        if self.unfilled:
            parts.append(f"coût {UNKNOWN_TEXT} : " + numeros(list(self.unfilled)))
        if self.reste_exclus:
            n = len(self.reste_exclus)
            parts.append(f"{n} fiche{'s' if n > 1 else ''} au reste non déterminable")
        # Rien hors des totaux : « aucune », les mêmes mots dans chaque format.
        return " ; ".join(parts) or "aucune fiche"


@dataclass(frozen=True)
class Financeur:
    id: str
    nom: str
    court: str  # sigle, ou nom


@dataclass(frozen=True)
class FinanceurRow:
    """Ce qu'un financeur s'engage à financer : ses fiches chiffrées, ses montants, ses fiches sans montant."""

    financeur: Financeur
    fiches: list[str]  # « FA 42 : 22 000 € (base : celle du coût, TTC) »
    montants: MontantsBases
    named_only: list[int]  # fiches où il est nommé sans montant
    autofinancement: list[int]  # fiches dont il est lui-même le maître d'ouvrage
    categorie: str = Categorie.PARTENAIRES.value  # la catégorie du glossaire de la ligne

    @property
    def montants_texte(self) -> str:
        """Les montants chiffrés par base ; « montant non précisé » quand il n'en a aucun."""
        return self.montants.texte if self.montants.lignes else NO_AMOUNT_TEXT

    @property
    def without_amount_texte(self) -> str:
        """« FA 51, FA 57 », ou « aucune » : les mêmes mots dans chaque format."""
        return numeros(self.named_only) or "aucune"


@dataclass(frozen=True)
class Maquette:
    financeurs: list[Financeur]
    lignes: list[MaquetteRow]
    total_cout: MontantsBases  # somme de la colonne « Coût » (coûts chiffrés, partiels compris)
    total_financeurs: dict[str, ColumnTotal]  # somme de chaque colonne, par catégorie
    total_reste: MontantsBases
    reste_exclus: list[tuple[int, str]]
    par_financeur: list[FinanceurRow]
    par_axe: list[TotalMaquette]
    par_collectivite: list[TotalMaquette]
    total: TotalMaquette
    graphiques: list[Chart]
    # Les définitions des mots employés (glossaire), une ligne de légende chacune.
    legende: list[str] = field(default_factory=list)
    avec_prives: bool = False  # une colonne « Investissements privés » dans les totaux
    avec_prets: bool = False  # une colonne « Prêts et avances remboursables »

    @property
    def exclusions(self) -> str:
        return exclusions(self.reste_exclus)

    @property
    def legende_financeurs(self) -> list[tuple[str, str]]:
        """(sigle, nom) des financeurs dont la colonne porte le nom court."""
        return [(f.court, f.nom) for f in self.financeurs if f.court != f.nom]


def numeros(liste: list[int]) -> str:
    return ", ".join(f"FA {n}" for n in liste)


def exclusions(excluded: list[tuple[int, str]]) -> str:
    """« FA 1 (ANAH sans montant) ; FA 44 (coût à déterminer) »."""
    return " ; ".join(f"FA {n} ({reason})" for n, reason in excluded)


def _total(libelle: str, groupe: Groupe) -> TotalMaquette:
    return TotalMaquette(
        libelle,
        len(groupe.fiches),
        MontantsBases.from_montants(groupe.cout),
        MontantsBases.from_montants(groupe.finance),
        MontantsBases.from_montants(groupe.autofinancement),
        MontantsBases.from_montants(groupe.reste_a_charge),
        sorted(groupe.undetermined_fiches),
        sorted(groupe.partial_fiches),
        list(groupe.reste_exclus),
        MontantsBases.from_montants(groupe.prives),
        MontantsBases.from_montants(groupe.prets),
        tuple(sorted(groupe.unfilled_fiches)),
    )


def _row(
    fiche: Fiche,
    read: list[ReadFinancement],
    names: Names,
    court: Names,
    cout_texte: Callable[[Fiche], str],
) -> MaquetteRow:
    cout = cout_fiche(fiche)
    cellules = {}
    for f in read:
        cellules[f.financeur] = FinancementCell(
            f.texte, f.montant, f.autofinancement, f.categorie.value
        )
    reste_fiche = reste(fiche, court, read)
    if reste_fiche.montant is not None:
        reste_texte = _montant(reste_fiche.montant, reste_fiche.base)
    else:
        reste_texte = not_determinable(reste_fiche.reason or "")
    details = []
    for cat in (Categorie.AUTOFINANCEMENT, Categorie.PRETS):
        montants = MontantsBases.from_bases(reste_fiche.of(cat))
        if not montants.is_zero:
            details.append(f"dont {cat.term.libelle.lower()} : {montants.texte}")
    return MaquetteRow(
        numero=fiche.numero,
        titre=fiche.titre,
        collectivite=names(fiche.collectivite),
        axe=fiche.sous_axe,
        cout=cout.montant if cout.quantified else None,
        base=cout.base.libelle if cout.base is not BaseMontant.UNSPECIFIED else "non précisée",
        etat=cout.etat.value,
        cout_texte=cout_texte(fiche),
        financements=cellules,
        reste=reste_fiche.montant,
        reste_texte=reste_texte,
        autofinancement_texte=" ; ".join(details),
    )


def _montant(montant: Decimal, base: BaseMontant) -> str:
    """« 42 800 € HT », « 10 000 € » quand la base n'est pas précisée (comme dans le coût)."""
    return montant_base(montant, base)


@dataclass(frozen=True)
class ColumnTotal:
    """Le total d'une colonne de financeur : une somme par catégorie du glossaire, jamais un prêt
    ajouté à une subvention."""

    texte: str


def _by_financeur(
    engagements: list[Engagement], financeurs: dict[str, Financeur]
) -> list[FinanceurRow]:
    """Une ligne par financeur et par catégorie (calculées par costs.aggregate.engagements)."""
    out = []
    for e in engagements:
        financeur = financeurs[e.financeur]
        if e.categorie is not Categorie.PARTENAIRES:
            suffix = f" – {e.categorie.term.libelle.lower()}"
            # Le nom court (sigle) reste tel quel ; sans sigle, il suit le nom.
            court = financeur.court if financeur.court != financeur.nom else financeur.nom + suffix
            financeur = Financeur(financeur.id, financeur.nom + suffix, court)
        out.append(
            FinanceurRow(
                financeur,
                [f"FA {n} : {texte}" for n, texte in e.fiches],
                MontantsBases.from_montants(e.montants),
                e.named_only,
                e.numeros if e.categorie is Categorie.AUTOFINANCEMENT else [],
                e.categorie.value,
            )
        )
    return out


def _totals_by_column(engagements: list[Engagement]) -> dict[str, ColumnTotal]:
    parts: dict[str, list[str]] = {}
    for e in engagements:
        montants = MontantsBases.from_montants(e.montants)
        if not montants.lignes:
            continue
        texte = montants.texte
        if e.categorie is not Categorie.PARTENAIRES:
            texte += f" ({e.categorie.term.libelle.lower()})"
        parts.setdefault(e.financeur, []).append(texte)
    return {
        e.financeur: ColumnTotal(" ; ".join(parts.get(e.financeur, [])) or NO_AMOUNT_TEXT)
        for e in engagements
    }


def build_maquette(
    data: Dataset, names: Names, court: Names, cout_texte: Callable[[Fiche], str]
) -> Maquette:
    fiches = [e.model for e in data.sorted_fiches()]
    # Les financements de chaque fiche, lus une fois pour toute la maquette.
    read = [(fiche, financements(fiche)) for fiche in fiches]
    ids = sorted(
        {f.financeur for _, items in read for f in items},
        key=lambda i: joint_name(i, names).casefold(),
    )
    financeurs = [Financeur(i, joint_name(i, names), joint_name(i, court)) for i in ids]
    lignes = [_row(fiche, items, names, court, cout_texte) for fiche, items in read]
    par_axe = aggregate_dataset(data, ("axe",))
    par_collectivite = aggregate_dataset(data, ("collectivite",))
    all_engagements = engagements(fiches, names)
    total_financeurs = _totals_by_column(all_engagements)
    total = par_axe.total
    graphiques = charts("par axe", par_axe) + charts("par collectivité porteuse", par_collectivite)
    return Maquette(
        financeurs=financeurs,
        lignes=lignes,
        total_cout=MontantsBases.from_montants(total.cout),
        total_financeurs=total_financeurs,
        total_reste=MontantsBases.from_montants(total.reste_a_charge),
        reste_exclus=list(total.reste_exclus),
        par_financeur=_by_financeur(all_engagements, {f.id: f for f in financeurs}),
        par_axe=[_total(g.libelle[0], g) for g in par_axe.groupes],
        par_collectivite=[_total(g.libelle[0], g) for g in par_collectivite.groupes],
        total=_total("Total", total),
        graphiques=graphiques,
        legende=legende(read),
        avec_prives=not total.prives.is_zero,
        avec_prets=not total.prets.is_zero,
    )
