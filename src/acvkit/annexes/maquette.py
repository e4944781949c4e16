"""Le contenu de la maquette financière (Annexe 5), calculé une fois pour tous les formats.

Ce que la page dit est vrai : un reste à charge n'est un nombre que s'il est connu (sinon « non
déterminable : ANAH sans montant »), chaque montant porte sa base (HT, TTC, « TTC, déduit du
coût », base non précisée), la part du maître d'ouvrage n'est pas un financement de partenaire,
et chaque total est la somme des lignes qu'il totalise, les exclusions étant dites.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from acvkit.costs.aggregate import Agregat, Groupe, Montants, aggregate_dataset
from acvkit.costs.fiche import BaseMontant, EtatCout, cout_fiche
from acvkit.costs.financement import ReadFinancement, financements, not_determinable, reste
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

    @classmethod
    def of(cls, m: Montants) -> MontantsBases:
        return cls(m.HT, m.TTC, m.non_precise)

    @classmethod
    def from_bases(cls, montants: dict[BaseMontant, Decimal]) -> MontantsBases:
        m = Montants()
        for base, valeur in montants.items():
            m.add(base, valeur)
        return cls.of(m)

    @property
    def lignes(self) -> list[tuple[str, str]]:
        """(« HT », « 120 500 € ») pour chaque base non nulle."""
        out = []
        for libelle, valeur in (
            ("HT", self.HT),
            ("TTC", self.TTC),
            ("base non précisée", self.non_precise),
        ):
            if valeur:
                out.append((libelle, format_euros(valeur)))
        return out

    @property
    def texte(self) -> str:
        """« 120 500 € HT + 22 000 € TTC » : jamais une somme de bases différentes."""
        lignes = self.lignes
        if not lignes:
            return "non renseigné"
        return " + ".join(
            f"{v} {b}" if b != "base non précisée" else f"{v} (base non précisée)"
            for b, v in lignes
        )

    @property
    def is_zero(self) -> bool:
        return not (self.HT or self.TTC or self.non_precise)


@dataclass(frozen=True)
class Bar:
    libelle: str
    valeur: Decimal
    texte: str


@dataclass(frozen=True)
class Chart:
    """Un graphique d'une seule base : jamais de HT empilé sur du TTC ; ce qui manque est dit."""

    titre: str
    barres: list[Bar]
    manquants: list[str]  # « Axe 5 : coût à déterminer (FA 61) »


@dataclass(frozen=True)
class FinancementCell:
    texte: str  # « 42 800 € HT (autofinancement) », « 22 000 € TTC, déduit du coût », « montant non précisé »
    montant: Decimal | None
    autofinancement: bool


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
        str  # « part du maître d'ouvrage (autofinancement) : 42 800 € HT », ou ""
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

    @property
    def non_compte(self) -> str:
        """« coût à déterminer : FA 44 ; coût partiel : FA 52 ; 3 fiches au reste non déterminable »."""
        parts = []
        if self.a_determiner:
            parts.append("coût à déterminer : " + numeros(self.a_determiner))
        if self.partiels:
            parts.append("coût partiel : " + numeros(self.partiels))
        if self.reste_exclus:
            n = len(self.reste_exclus)
            parts.append(f"{n} fiche{'s' if n > 1 else ''} au reste non déterminable")
        return " ; ".join(parts)


@dataclass(frozen=True)
class Financeur:
    id: str
    nom: str
    court: str  # sigle, ou nom


@dataclass(frozen=True)
class FinanceurRow:
    """Ce qu'un financeur s'engage à financer : ses fiches chiffrées, ses montants, ses fiches sans montant."""

    financeur: Financeur
    fiches: list[str]  # « FA 42 : 22 000 € TTC, déduit du coût »
    montants: MontantsBases
    sans_montant: list[int]
    autofinancement: list[int]  # fiches dont il est lui-même le maître d'ouvrage


@dataclass(frozen=True)
class Maquette:
    financeurs: list[Financeur]
    lignes: list[MaquetteRow]
    total_cout: MontantsBases  # somme de la colonne « Coût » (coûts chiffrés, partiels compris)
    total_financeurs: dict[str, MontantsBases]  # somme de chaque colonne de financeur
    total_reste: MontantsBases
    reste_exclus: list[tuple[int, str]]
    par_financeur: list[FinanceurRow]
    par_axe: list[TotalMaquette]
    par_collectivite: list[TotalMaquette]
    total: TotalMaquette
    graphiques: list[Chart]

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


def _montant_base(montant: Decimal, base_text: str) -> str:
    if base_text == "base non précisée":
        return format_euros(montant)
    return f"{format_euros(montant)} {base_text}"


def _total(libelle: str, groupe: Groupe) -> TotalMaquette:
    return TotalMaquette(
        libelle,
        len(groupe.fiches),
        MontantsBases.of(groupe.cout),
        MontantsBases.of(groupe.finance),
        MontantsBases.of(groupe.autofinancement),
        MontantsBases.of(groupe.reste_a_charge),
        sorted(groupe.undetermined_fiches),
        sorted(groupe.partial_fiches),
        list(groupe.reste_exclus),
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
        if f.montant is None:
            texte = "montant non précisé"
        else:
            texte = _montant_base(f.montant, f.base_text)
        if f.autofinancement:
            texte += " (autofinancement)"
        cellules[f.financeur] = FinancementCell(texte, f.montant, f.autofinancement)
    read_result = reste(fiche, court, read)
    if read_result.montant is not None:
        reste_texte = _montant_base(read_result.montant, _base(read_result.base))
    else:
        reste_texte = not_determinable(read_result.reason or "")
    auto = MontantsBases.from_bases(read_result.autofinancement)
    return MaquetteRow(
        numero=fiche.numero,
        titre=fiche.titre,
        collectivite=names(fiche.collectivite),
        axe=fiche.sous_axe,
        cout=cout.montant if cout.etat is not EtatCout.A_DETERMINER else None,
        base=cout.base.libelle if cout.base is not BaseMontant.UNSPECIFIED else "non précisée",
        etat=cout.etat.value,
        cout_texte=cout_texte(fiche),
        financements=cellules,
        reste=read_result.montant,
        reste_texte=reste_texte,
        autofinancement_texte=(
            "" if auto.is_zero else f"part du maître d'ouvrage (autofinancement) : {auto.texte}"
        ),
    )


def _base(base: BaseMontant) -> str:
    return "base non précisée" if base is BaseMontant.UNSPECIFIED else base.value


Parts = dict[str, list[tuple[Fiche, ReadFinancement]]]


def _parts(read: list[tuple[Fiche, list[ReadFinancement]]]) -> Parts:
    """Les financements de chaque financeur, dans l'ordre des fiches puis de leurs financements."""
    out: Parts = {}
    for fiche, items in read:
        for f in items:
            out.setdefault(f.financeur, []).append((fiche, f))
    return out


def _by_financeur(parts: Parts, financeurs: list[Financeur]) -> list[FinanceurRow]:
    out = []
    for financeur in financeurs:
        textes: list[str] = []
        montants = Montants()
        sans: list[int] = []
        auto: list[int] = []
        for fiche, f in parts.get(financeur.id, []):
            if f.autofinancement:
                auto.append(fiche.numero)
            if f.montant is None:
                sans.append(fiche.numero)
                continue
            montants.add(f.base, f.montant)
            texte = f"FA {fiche.numero} : {_montant_base(f.montant, f.base_text)}"
            textes.append(texte + (" (autofinancement)" if f.autofinancement else ""))
        out.append(FinanceurRow(financeur, textes, MontantsBases.of(montants), sans, auto))
    return out


def _charts(titre: str, agregat: Agregat) -> list[Chart]:
    """Un graphique par base présente ; chaque groupe sans montant dans cette base est dit manquant."""
    out = []
    for base, nom in (
        (BaseMontant.HT, "HT"),
        (BaseMontant.TTC, "TTC"),
        (BaseMontant.UNSPECIFIED, "de base non précisée"),
    ):
        if not any(g.cout.get(base) for g in agregat.groupes):
            continue
        barres = [
            Bar(g.libelle[0], g.cout.get(base), format_euros(g.cout.get(base)))
            for g in agregat.groupes
            if g.cout.get(base)
        ]
        manquants = []
        for g in agregat.groupes:
            unknown = sorted(g.undetermined_fiches)
            if not g.cout.get(base) and unknown and len(unknown) == len(g.fiches):
                fiches = ", ".join(f"FA {n}" for n in unknown)
                manquants.append(f"{g.libelle[0]} : coût à déterminer ({fiches})")
        out.append(Chart(f"Coût chiffré {nom}, {titre}", barres, manquants))
    return out


def build_maquette(
    data: Dataset, names: Names, court: Names, cout_texte: Callable[[Fiche], str]
) -> Maquette:
    fiches = [e.model for e in data.sorted_fiches()]
    ids = sorted(
        {f.financeur for fiche in fiches for f in fiche.financements or []},
        key=lambda i: names(i).casefold(),
    )
    financeurs = [Financeur(i, names(i), court(i)) for i in ids]
    # Les financements de chaque fiche, lus une fois pour toute la maquette.
    read = [(fiche, financements(fiche)) for fiche in fiches]
    parts = _parts(read)
    lignes = [_row(fiche, items, names, court, cout_texte) for fiche, items in read]
    par_axe = aggregate_dataset(data, ("axe",))
    par_collectivite = aggregate_dataset(data, ("collectivite",))
    total_financeurs = {}
    for financeur in financeurs:
        m = Montants()
        for _, f in parts.get(financeur.id, []):
            if f.montant is not None:
                m.add(f.base, f.montant)
        total_financeurs[financeur.id] = MontantsBases.of(m)
    total = par_axe.total
    graphiques = _charts("par axe", par_axe) + _charts(
        "par collectivité porteuse", par_collectivite
    )
    return Maquette(
        financeurs=financeurs,
        lignes=lignes,
        total_cout=MontantsBases.of(total.cout),
        total_financeurs=total_financeurs,
        total_reste=MontantsBases.of(total.reste_a_charge),
        reste_exclus=list(total.reste_exclus),
        par_financeur=_by_financeur(parts, financeurs),
        par_axe=[_total(g.libelle[0], g) for g in par_axe.groupes],
        par_collectivite=[_total(g.libelle[0], g) for g in par_collectivite.groupes],
        total=_total("Total", total),
        graphiques=graphiques,
    )
