"""Agrégation des coûts et financements par axe, sous-axe, collectivité, financeur, année… (fonctions pures)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from acvkit.costs.fiche import ZERO, BaseMontant, EtatCout, cout_fiche
from acvkit.errors import DimensionError as DimensionError
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche

DIMENSIONS = ("axe", "sous-axe", "collectivite", "maitre-ouvrage", "financeur", "annee", "type")


@dataclass
class Montants:
    """Des montants séparés par base : HT, TTC et non précisé ne sont jamais additionnés entre eux."""

    HT: Decimal = ZERO
    TTC: Decimal = ZERO
    non_precise: Decimal = ZERO

    def add(self, base: BaseMontant, montant: Decimal) -> None:
        if base is BaseMontant.HT:
            self.HT += montant
        elif base is BaseMontant.TTC:
            self.TTC += montant
        else:
            self.non_precise += montant

    def get(self, base: BaseMontant) -> Decimal:
        return {BaseMontant.HT: self.HT, BaseMontant.TTC: self.TTC}.get(base, self.non_precise)

    def par_base(self) -> dict[BaseMontant, Decimal]:
        return {b: self.get(b) for b in BaseMontant}

    def toutes_bases(self) -> Decimal:
        """Somme de toutes les bases : à n'afficher qu'en disant qu'elle mélange HT et TTC."""
        return self.HT + self.TTC + self.non_precise

    @property
    def nul(self) -> bool:
        return self.toutes_bases() == ZERO


@dataclass(frozen=True)
class Contribution:
    """Ce qu'une fiche apporte à un groupe (une fiche peut contribuer à plusieurs groupes : années, financeurs)."""

    cle: tuple[str, ...]
    fiche: Fiche
    cout: Decimal
    base: BaseMontant
    etat: EtatCout
    finance: Decimal
    base_finance: BaseMontant
    sans_montant: tuple[str, ...]
    reste: Decimal | None
    note: str | None = None


@dataclass
class Groupe:
    cle: tuple[str, ...]
    libelle: tuple[str, ...]
    fiches: list[int] = field(default_factory=list)
    cout: Montants = field(default_factory=Montants)
    fiches_a_determiner: list[int] = field(default_factory=list)
    fiches_partielles: list[int] = field(default_factory=list)
    finance: Montants = field(default_factory=Montants)
    sans_montant: list[tuple[int, str]] = field(default_factory=list)
    reste_a_charge: Montants = field(default_factory=Montants)
    notes: list[str] = field(default_factory=list)
    # Les fiches déjà comptées : un ensemble, pour ne pas parcourir la liste à chaque ajout.
    _vues: set[int] = field(default_factory=set, repr=False, compare=False)

    def ajoute(self, c: Contribution) -> None:
        numero = c.fiche.numero
        if numero not in self._vues:
            self._vues.add(numero)
            self.fiches.append(numero)
            if c.etat is EtatCout.A_DETERMINER:
                self.fiches_a_determiner.append(numero)
            elif c.etat is EtatCout.PARTIEL:
                self.fiches_partielles.append(numero)
        self.cout.add(c.base, c.cout)
        self.finance.add(c.base_finance, c.finance)
        self.sans_montant += [(numero, f) for f in c.sans_montant]
        if c.reste is not None:
            self.reste_a_charge.add(c.base, c.reste)
        if c.note and c.note not in self.notes:
            self.notes.append(c.note)


@dataclass
class Agregat:
    dimensions: tuple[str, ...]
    groupes: list[Groupe]
    total: Groupe


@dataclass(frozen=True)
class Referentiel:
    """Les libellés dont l'agrégation a besoin (axes, sous-axes, organisations)."""

    axes: dict[str, str]
    sous_axes: dict[str, str]
    noms: dict[str, str]

    @classmethod
    def of(cls, data: Dataset) -> Referentiel:
        return cls(
            axes={a.model.code: a.model.intitule for a in data.axes},
            sous_axes=data.sous_axes(),
            noms={p.model.id: p.model.nom for p in data.partenaires},
        )


def base_financement(fiche: Fiche, base: BaseMontant | None = None) -> BaseMontant:
    return base if base is not None else BaseMontant.of(fiche.cout.base if fiche.cout else None)


def reste_a_charge(fiche: Fiche) -> Decimal | None:
    """Coût connu moins financements chiffrés, quand les deux sont dans la même base ; sinon None."""
    cout = cout_fiche(fiche)
    if not cout.connu:
        return None
    montant = ZERO
    for f in fiche.financements or []:
        if f.montant is None:
            continue
        if f.base is not None and BaseMontant.of(f.base) is not cout.base:
            return None  # HT et TTC : pas de soustraction silencieuse
        montant += f.montant
    return cout.montant - montant


def _contribution(
    fiche: Fiche,
    cle: tuple[str, ...],
    part: Decimal | None = None,
    note: str | None = None,
    avec_financement: bool = True,
) -> Contribution:
    cout = cout_fiche(fiche)
    finance = ZERO
    sans: list[str] = []
    base_fin = base_financement(fiche)
    if avec_financement:
        for f in fiche.financements or []:
            if f.montant is None:
                sans.append(f.financeur)
            else:
                finance += f.montant
                base_fin = base_financement(fiche, BaseMontant.of(f.base) if f.base else None)
    return Contribution(
        cle=cle,
        fiche=fiche,
        cout=cout.montant if part is None else part,
        base=cout.base,
        etat=cout.etat,
        finance=finance,
        base_finance=base_fin,
        sans_montant=tuple(sans),
        reste=reste_a_charge(fiche) if avec_financement else None,
        note=note,
    )


def _annees(fiche: Fiche) -> list[tuple[str, Decimal, str | None, bool]]:
    """(année, part du coût, note, porte les financements) : l'échéancier, sinon l'intervalle de livraison."""
    cout = cout_fiche(fiche)
    parts: list[tuple[str, Decimal, str | None, bool]] = []
    reparti = ZERO
    for echeance in sorted(fiche.echeancier or [], key=lambda e: e.annee):
        parts.append((str(echeance.annee), echeance.montant, None, not parts))
        reparti += echeance.montant
    reste = cout.montant - reparti
    if not parts or reste != ZERO:
        livraison = (
            fiche.livraison if fiche.livraison is not None and fiche.livraison.datee else None
        )
        fin = fiche.fin
        if livraison is not None and livraison.debut and livraison.fin:
            annees = (
                str(livraison.debut.year)
                if livraison.debut.year == livraison.fin.year
                else f"{livraison.debut.year}-{livraison.fin.year}"
            )
        elif fin is not None:
            annees = str(fin.year)
        else:
            annees = "non daté"
        parts.append(
            (annees, reste, "coût non réparti par année : placé à la livraison", not parts)
        )
    return parts


SPLITTING = ("annee", "financeur")


def valeur(fiche: Fiche, dimension: str) -> str:
    """La valeur d'une fiche pour une dimension où elle n'a qu'un seul groupe."""
    if dimension == "axe":
        return fiche.axe
    if dimension == "sous-axe":
        return fiche.sous_axe
    if dimension == "collectivite":
        return fiche.collectivite
    if dimension == "maitre-ouvrage":
        return fiche.maitre_ouvrage or "non renseigné"
    if dimension == "type":
        return fiche.type.value
    raise ValueError(f"dimension inconnue : {dimension}")


def contributions(fiche: Fiche, dimension: str | None) -> list[tuple[str, Contribution]]:
    """Les parts d'une fiche selon une dimension qui la partage (années, financeurs), ou la fiche entière."""
    if dimension == "annee":
        return [
            (a, _contribution(fiche, (a,), part, note, avec_financement=porte))
            for a, part, note, porte in _annees(fiche)
        ]
    if dimension == "financeur":
        return _par_financeur(fiche)
    return [("", _contribution(fiche, ()))]


def _par_financeur(fiche: Fiche) -> list[tuple[str, Contribution]]:
    cout = cout_fiche(fiche)
    out: list[tuple[str, Contribution]] = []
    if not fiche.financements:
        base = _contribution(fiche, ("aucun",))
        return [("aucun", base)]
    for f in fiche.financements:
        out.append(
            (
                f.financeur,
                Contribution(
                    cle=(f.financeur,),
                    fiche=fiche,
                    cout=cout.montant,
                    base=cout.base,
                    etat=cout.etat,
                    finance=f.montant if f.montant is not None else ZERO,
                    base_finance=base_financement(
                        fiche, BaseMontant.of(f.base) if f.base else None
                    ),
                    sans_montant=() if f.montant is not None else (f.financeur,),
                    reste=None,
                    note="le coût d'une fiche à plusieurs financeurs apparaît sous chacun",
                ),
            )
        )
    return out


def _sort_key(cle: str) -> tuple[int, ...] | tuple[int, str]:
    parties = cle.replace("-", ".").split(".")
    if all(p.isdigit() for p in parties):
        return tuple(int(p) for p in parties)
    return (10_000, cle)


def _libelle(dimension: str, cle: str, ref: Referentiel) -> str:
    if dimension == "axe":
        nom = "Axe transversal" if cle == "transversal" else f"Axe {cle}"
        return f"{nom} – {ref.axes[cle]}" if cle in ref.axes else nom
    if dimension == "sous-axe":
        return f"{cle} – {ref.sous_axes[cle]}" if cle in ref.sous_axes else cle
    if dimension in {"collectivite", "maitre-ouvrage", "financeur"}:
        if cle == "aucun":
            return "Aucun financeur nommé"
        return ref.noms.get(cle, cle)
    if dimension == "type":
        return "Étude" if cle == "etude" else "Action"
    if dimension == "annee":
        return cle if cle.isdigit() else f"{cle} (livraison)"
    return cle


def aggregate(fiches: Iterable[Fiche], dimensions: tuple[str, ...], ref: Referentiel) -> Agregat:
    """Regroupe les fiches selon une ou plusieurs dimensions (tableau croisé) ; total sur les fiches uniques."""
    inconnues = [d for d in dimensions if d not in DIMENSIONS]
    if inconnues:
        raise DimensionError(
            f"dimension inconnue « {inconnues[0]} » (possibles : {', '.join(DIMENSIONS)})"
        )
    partage = [d for d in dimensions if d in SPLITTING]
    if len(partage) > 1:
        raise DimensionError(
            "on ne peut croiser qu'une seule dimension qui partage une fiche (annee ou financeur)"
        )
    fiches = sorted(fiches, key=lambda f: f.numero)
    groupes: dict[tuple[str, ...], Groupe] = {}
    for fiche in fiches:
        simples = {d: valeur(fiche, d) for d in dimensions if d not in SPLITTING}
        for part, c in contributions(fiche, partage[0] if partage else None):
            cle = tuple(part if d in SPLITTING else simples[d] for d in dimensions)
            if cle not in groupes:
                libelle = tuple(_libelle(d, k, ref) for d, k in zip(dimensions, cle, strict=True))
                groupes[cle] = Groupe(cle=cle, libelle=libelle)
            groupes[cle].ajoute(c)
    total = Groupe(cle=(), libelle=("Total",))
    for fiche in fiches:
        total.ajoute(_contribution(fiche, ()))
    ordre = sorted(groupes, key=lambda k: tuple(_sort_key(p) for p in k))
    return Agregat(dimensions, [groupes[k] for k in ordre], total)


Filtre = Callable[[Fiche], bool]


def aggregate_dataset(
    data: Dataset, dimensions: tuple[str, ...], keep: Filtre | None = None
) -> Agregat:
    fiches = [e.model for e in data.fiches if keep is None or keep(e.model)]
    return aggregate(fiches, dimensions, Referentiel.of(data))
