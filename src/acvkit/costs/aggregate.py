"""Agrégation des coûts et financements par axe, sous-axe, collectivité, financeur, année… (fonctions pures)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from acvkit.costs.fiche import ZERO, BaseMontant, EtatCout, cout_fiche
from acvkit.costs.financement import Noms, base_texte, financements, reste
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
    finance: Decimal  # financements des partenaires chiffrés
    base_finance: BaseMontant
    sans_montant: tuple[str, ...]
    reste: Decimal | None
    note: str | None = None
    # Part du maître d'ouvrage annoncée (autofinancement), par base.
    autofinance: tuple[tuple[BaseMontant, Decimal], ...] = ()
    # Pourquoi le reste à charge n'est pas compté (None : il l'est, ou la part ne le porte pas).
    raison_reste: str | None = None
    # Les financeurs dont la base du montant est déduite de celle du coût.
    deduites: tuple[str, ...] = ()


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
    autofinancement: Montants = field(default_factory=Montants)
    # (fiche, raison) : les fiches dont le reste à charge n'est pas déterminable, hors des totaux.
    reste_exclus: list[tuple[int, str]] = field(default_factory=list)
    # (fiche, financeur, « TTC, déduit du coût ») : montants comptés dans la base du coût.
    bases_deduites: list[tuple[int, str, str]] = field(default_factory=list)
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
        for base, montant in c.autofinance:
            self.autofinancement.add(base, montant)
        self.bases_deduites += [(numero, f, base_texte(c.base, True)) for f in c.deduites]
        if c.reste is not None:
            self.reste_a_charge.add(c.base, c.reste)
        elif c.raison_reste is not None:
            self.reste_exclus.append((numero, c.raison_reste))
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
    sigles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, data: Dataset) -> Referentiel:
        return cls(
            axes={a.model.code: a.model.intitule for a in data.axes},
            sous_axes=data.sous_axes(),
            noms={p.model.id: p.model.nom for p in data.partenaires},
            sigles={p.model.id: p.model.sigle for p in data.partenaires if p.model.sigle},
        )

    def court(self, ident: str) -> str:
        """Le sigle de l'organisation, sinon son nom, sinon son identifiant."""
        return self.sigles.get(ident) or self.noms.get(ident, ident)


def base_financement(fiche: Fiche, base: BaseMontant | None = None) -> BaseMontant:
    return base if base is not None else BaseMontant.of(fiche.cout.base if fiche.cout else None)


def reste_a_charge(fiche: Fiche) -> Decimal | None:
    """Coût moins financements des partenaires, quand tout est connu dans la même base ; sinon None."""
    return reste(fiche).montant


def _contribution(
    fiche: Fiche,
    cle: tuple[str, ...],
    part: Decimal | None = None,
    note: str | None = None,
    avec_financement: bool = True,
    noms: Noms | None = None,
) -> Contribution:
    cout = cout_fiche(fiche)
    finance = ZERO
    sans: list[str] = []
    auto: dict[BaseMontant, Decimal] = {}
    deduites: list[str] = []
    base_fin = base_financement(fiche)
    if avec_financement:
        for f in financements(fiche):
            if f.montant is None:
                sans.append(f.financeur)
                continue
            if f.deduite:
                deduites.append(f.financeur)
            if f.autofinancement:
                auto[f.base] = auto.get(f.base, ZERO) + f.montant
            else:
                finance += f.montant
                base_fin = f.base
    lu = reste(fiche, noms) if noms is not None else reste(fiche)
    return Contribution(
        cle=cle,
        fiche=fiche,
        cout=cout.montant if part is None else part,
        base=cout.base,
        etat=cout.etat,
        finance=finance,
        base_finance=base_fin,
        sans_montant=tuple(sans),
        reste=lu.montant if avec_financement else None,
        note=note,
        autofinance=tuple(sorted(auto.items())),
        raison_reste=lu.raison if avec_financement else None,
        deduites=tuple(deduites),
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


def contributions(
    fiche: Fiche, dimension: str | None, noms: Noms | None = None
) -> list[tuple[str, Contribution]]:
    """Les parts d'une fiche selon une dimension qui la partage (années, financeurs), ou la fiche entière."""
    if dimension == "annee":
        return [
            (a, _contribution(fiche, (a,), part, note, avec_financement=porte, noms=noms))
            for a, part, note, porte in _annees(fiche)
        ]
    if dimension == "financeur":
        return _par_financeur(fiche)
    return [("", _contribution(fiche, (), noms=noms))]


def _par_financeur(fiche: Fiche) -> list[tuple[str, Contribution]]:
    """Une part par financeur nommé : son montant, sans reste à charge (il n'est pas à lui)."""
    cout = cout_fiche(fiche)
    out: list[tuple[str, Contribution]] = []
    if not fiche.financements:
        sans = _contribution(fiche, ("aucun",), avec_financement=False)
        return [("aucun", sans)]
    for f in financements(fiche):
        montant = f.montant if f.montant is not None else ZERO
        out.append(
            (
                f.financeur,
                Contribution(
                    cle=(f.financeur,),
                    fiche=fiche,
                    cout=cout.montant,
                    base=cout.base,
                    etat=cout.etat,
                    finance=ZERO if f.autofinancement else montant,
                    base_finance=f.base,
                    sans_montant=() if f.montant is not None else (f.financeur,),
                    reste=None,
                    note="le coût d'une fiche à plusieurs financeurs apparaît sous chacun",
                    autofinance=((f.base, montant),) if f.autofinancement and f.montant else (),
                    deduites=(f.financeur,) if f.deduite else (),
                ),
            )
        )
    return out


def sort_key(cle: str) -> tuple[int, ...] | tuple[int, str]:
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
        for part, c in contributions(fiche, partage[0] if partage else None, ref.court):
            cle = tuple(part if d in SPLITTING else simples[d] for d in dimensions)
            if cle not in groupes:
                libelle = tuple(_libelle(d, k, ref) for d, k in zip(dimensions, cle, strict=True))
                groupes[cle] = Groupe(cle=cle, libelle=libelle)
            groupes[cle].ajoute(c)
    total = Groupe(cle=(), libelle=("Total",))
    for fiche in fiches:
        total.ajoute(_contribution(fiche, (), noms=ref.court))
    ordre = sorted(groupes, key=lambda k: tuple(sort_key(p) for p in k))
    return Agregat(dimensions, [groupes[k] for k in ordre], total)


Filtre = Callable[[Fiche], bool]


def aggregate_dataset(
    data: Dataset, dimensions: tuple[str, ...], keep: Filtre | None = None
) -> Agregat:
    fiches = [e.model for e in data.fiches if keep is None or keep(e.model)]
    return aggregate(fiches, dimensions, Referentiel.of(data))
