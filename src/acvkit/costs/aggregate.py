"""Agrégation des coûts et financements par axe, sous-axe, collectivité, financeur, année… (fonctions pures)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from acvkit.costs.fiche import ZERO, BaseMontant, EtatCout, cout_fiche
from acvkit.costs.financement import Names, financements, reste
from acvkit.costs.glossary import Categorie, joint_name
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
    # Les bases où un montant a été compté, zéro compris : « 0 € TTC » n'est pas « non renseigné ».
    seen: set[BaseMontant] = field(default_factory=set, compare=False)

    def add(self, base: BaseMontant, montant: Decimal) -> None:
        self.seen.add(base)
        if base is BaseMontant.HT:
            self.HT += montant
        elif base is BaseMontant.TTC:
            self.TTC += montant
        else:
            self.non_precise += montant

    def get(self, base: BaseMontant) -> Decimal:
        return {BaseMontant.HT: self.HT, BaseMontant.TTC: self.TTC}.get(base, self.non_precise)

    def by_base(self) -> dict[BaseMontant, Decimal]:
        return {b: self.get(b) for b in BaseMontant}

    def all_bases(self) -> Decimal:
        """Somme de toutes les bases : à n'afficher qu'en disant qu'elle mélange HT et TTC."""
        return self.HT + self.TTC + self.non_precise

    @property
    def is_zero(self) -> bool:
        return self.all_bases() == ZERO


@dataclass(frozen=True)
class Contribution:
    """Ce qu'une fiche apporte à un groupe (une fiche peut contribuer à plusieurs groupes : années, financeurs)."""

    key: tuple[str, ...]
    fiche: Fiche
    cout: Decimal
    base: BaseMontant
    etat: EtatCout
    # (catégorie du glossaire, base, montant) de chaque financement chiffré compté ici.
    montants: tuple[tuple[Categorie, BaseMontant, Decimal], ...]
    named_only: tuple[str, ...]
    reste: Decimal | None
    note: str | None = None
    # Pourquoi le reste à charge n'est pas compté (None : il l'est, ou la part ne le porte pas).
    reste_a_charge_reason: str | None = None
    # Les financeurs dont la base du montant est celle du coût, faute d'être écrite.
    deduced_financeurs: tuple[str, ...] = ()


@dataclass
class Groupe:
    key: tuple[str, ...]
    libelle: tuple[str, ...]
    fiches: list[int] = field(default_factory=list)
    cout: Montants = field(default_factory=Montants)
    undetermined_fiches: list[int] = field(default_factory=list)
    partial_fiches: list[int] = field(default_factory=list)
    # Les fiches sans coût du tout (« non renseigné ») : ni chiffrées ni « à déterminer ».
    unfilled_fiches: list[int] = field(default_factory=list)
    finance: Montants = field(default_factory=Montants)  # financements des partenaires
    named_only: list[tuple[int, str]] = field(default_factory=list)
    reste_a_charge: Montants = field(default_factory=Montants)
    notes: list[str] = field(default_factory=list)
    autofinancement: Montants = field(default_factory=Montants)
    prives: Montants = field(default_factory=Montants)  # investissements privés
    prets: Montants = field(default_factory=Montants)  # prêts et avances remboursables
    # (fiche, raison) : les fiches dont le reste à charge n'est pas déterminable, hors des totaux.
    reste_exclus: list[tuple[int, str]] = field(default_factory=list)
    # (fiche, financeur, « TTC ») : montants sans base écrite, comptés dans la base du coût.
    deduced_bases: list[tuple[int, str, str]] = field(default_factory=list)
    # Les fiches déjà comptées : un ensemble, pour ne pas parcourir la liste à chaque ajout.
    _seen: set[int] = field(default_factory=set, repr=False, compare=False)

    def of(self, cat: Categorie) -> Montants:
        """Les montants d'une catégorie du glossaire."""
        return {
            Categorie.PARTENAIRES: self.finance,
            Categorie.PRIVES: self.prives,
            Categorie.PRETS: self.prets,
            Categorie.AUTOFINANCEMENT: self.autofinancement,
        }[cat]

    def add_contribution(self, c: Contribution) -> None:
        numero = c.fiche.numero
        if numero not in self._seen:
            self._seen.add(numero)
            self.fiches.append(numero)
            if c.etat is EtatCout.A_DETERMINER:
                self.undetermined_fiches.append(numero)
            elif c.etat is EtatCout.PARTIAL:
                self.partial_fiches.append(numero)
            elif c.etat is EtatCout.NON_RENSEIGNE:
                self.unfilled_fiches.append(numero)
        if c.etat in (EtatCout.KNOWN, EtatCout.PARTIAL):
            self.cout.add(c.base, c.cout)
        for cat, base, montant in c.montants:
            self.of(cat).add(base, montant)
        self.named_only += [(numero, f) for f in c.named_only]
        self.deduced_bases += [(numero, f, c.base.libelle) for f in c.deduced_financeurs]
        if c.reste is not None:
            self.reste_a_charge.add(c.base, c.reste)
        elif c.reste_a_charge_reason is not None:
            self.reste_exclus.append((numero, c.reste_a_charge_reason))
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
    names: dict[str, str]
    sigles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, data: Dataset) -> Referentiel:
        return cls(
            axes={a.model.code: a.model.intitule for a in data.axes},
            sous_axes=data.sous_axes(),
            names={p.model.id: p.model.nom for p in data.partenaires},
            sigles={p.model.id: p.model.sigle for p in data.partenaires if p.model.sigle},
        )

    def court(self, ident: str) -> str:
        """Le sigle de l'organisation, sinon son nom, sinon son identifiant."""
        return self.sigles.get(ident) or self.names.get(ident, ident)


def base_financement(fiche: Fiche, base: BaseMontant | None = None) -> BaseMontant:
    return base if base is not None else BaseMontant.of(fiche.cout.base if fiche.cout else None)


def reste_a_charge(fiche: Fiche) -> Decimal | None:
    """Coût moins financements des partenaires, quand tout est connu dans la même base ; sinon None."""
    return reste(fiche).montant


def _contribution(
    fiche: Fiche,
    key: tuple[str, ...],
    part: Decimal | None = None,
    note: str | None = None,
    with_financement: bool = True,
    names: Names | None = None,
) -> Contribution:
    cout = cout_fiche(fiche)
    sans: list[str] = []
    montants: list[tuple[Categorie, BaseMontant, Decimal]] = []
    deduced_financeurs: list[str] = []
    read = financements(fiche)
    if with_financement:
        for f in read:
            if f.montant is None:
                sans.append(f.financeur)
                continue
            if f.deduced:
                deduced_financeurs.append(f.financeur)
            montants.append((f.categorie, f.base, f.montant))
    reste_fiche = reste(fiche, names, read) if names is not None else reste(fiche, read=read)
    return Contribution(
        key=key,
        fiche=fiche,
        cout=cout.montant if part is None else part,
        base=cout.base,
        etat=cout.etat,
        montants=tuple(montants),
        named_only=tuple(sans),
        reste=reste_fiche.montant if with_financement else None,
        note=note,
        reste_a_charge_reason=reste_fiche.reason if with_financement else None,
        deduced_financeurs=tuple(deduced_financeurs),
    )


def _annees(fiche: Fiche) -> list[tuple[str, Decimal, str | None, bool]]:
    """(année, part du coût, note, porte les financements) : l'échéancier, sinon l'intervalle de livraison."""
    cout = cout_fiche(fiche)
    parts: list[tuple[str, Decimal, str | None, bool]] = []
    distributed = ZERO
    for echeance in sorted(fiche.echeancier or [], key=lambda e: e.annee):
        parts.append((str(echeance.annee), echeance.montant, None, not parts))
        distributed += echeance.montant
    reste = cout.montant - distributed
    if not parts or reste != ZERO:
        livraison = (
            fiche.livraison if fiche.livraison is not None and fiche.livraison.is_dated else None
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
        # Plusieurs maîtres d'ouvrage : un seul groupe, celui de l'ouvrage partagé (jamais compté deux fois).
        return " + ".join(fiche.maitres_ouvrage) or "non renseigné"
    if dimension == "type":
        return fiche.type.value
    raise ValueError(f"dimension inconnue : {dimension}")


def contributions(
    fiche: Fiche, dimension: str | None, names: Names | None = None
) -> list[tuple[str, Contribution]]:
    """Les parts d'une fiche selon une dimension qui la partage (années, financeurs), ou la fiche entière."""
    if dimension == "annee":
        return [
            (
                a,
                _contribution(
                    fiche, (a,), part, note, with_financement=carries_financement, names=names
                ),
            )
            for a, part, note, carries_financement in _annees(fiche)
        ]
    if dimension == "financeur":
        return _by_financeur(fiche)
    return [("", _contribution(fiche, (), names=names))]


def _by_financeur(fiche: Fiche) -> list[tuple[str, Contribution]]:
    """Une part par financeur nommé (ou groupe de cofinanceurs) : son montant, sans reste à charge
    (il n'est pas à lui)."""
    cout = cout_fiche(fiche)
    out: list[tuple[str, Contribution]] = []
    if not fiche.financements:
        sans = _contribution(fiche, ("aucun",), with_financement=False)
        return [("aucun", sans)]
    for f in financements(fiche):
        out.append(
            (
                f.financeur,
                Contribution(
                    key=(f.financeur,),
                    fiche=fiche,
                    cout=cout.montant,
                    base=cout.base,
                    etat=cout.etat,
                    montants=((f.categorie, f.base, f.montant),) if f.montant is not None else (),
                    named_only=() if f.montant is not None else (f.financeur,),
                    reste=None,
                    note="le coût d'une fiche à plusieurs financeurs apparaît sous chacun",
                    deduced_financeurs=(f.financeur,) if f.deduced else (),
                ),
            )
        )
    return out


def sort_key(key: str) -> tuple[int, ...] | tuple[int, str]:
    parts = key.replace("-", ".").split(".")
    if all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts)
    return (10_000, key)


def _libelle(dimension: str, key: str, ref: Referentiel) -> str:
    if dimension == "axe":
        nom = "Axe transversal" if key == "transversal" else f"Axe {key}"
        return f"{nom} – {ref.axes[key]}" if key in ref.axes else nom
    if dimension == "sous-axe":
        return f"{key} – {ref.sous_axes[key]}" if key in ref.sous_axes else key
    if dimension in {"collectivite", "maitre-ouvrage", "financeur"}:
        if key == "aucun":
            return "Aucun financeur nommé"
        return joint_name(key, lambda i: ref.names.get(i, i))
    if dimension == "type":
        return "Étude" if key == "etude" else "Action"
    if dimension == "annee":
        return key if key.isdigit() else f"{key} (livraison)"
    return key


def aggregate(fiches: Iterable[Fiche], dimensions: tuple[str, ...], ref: Referentiel) -> Agregat:
    """Regroupe les fiches selon une ou plusieurs dimensions (tableau croisé) ; total sur les fiches uniques."""
    unknown = [d for d in dimensions if d not in DIMENSIONS]
    if unknown:
        raise DimensionError(
            f"dimension inconnue « {unknown[0]} » (possibles : {', '.join(DIMENSIONS)})"
        )
    splitting = [d for d in dimensions if d in SPLITTING]
    if len(splitting) > 1:
        raise DimensionError(
            "on ne peut croiser qu'une seule dimension qui partage une fiche (annee ou financeur)"
        )
    fiches = sorted(fiches, key=lambda f: f.numero)
    groupes: dict[tuple[str, ...], Groupe] = {}
    for fiche in fiches:
        simple = {d: valeur(fiche, d) for d in dimensions if d not in SPLITTING}
        for part, c in contributions(fiche, splitting[0] if splitting else None, ref.court):
            key = tuple(part if d in SPLITTING else simple[d] for d in dimensions)
            if key not in groupes:
                libelle = tuple(_libelle(d, k, ref) for d, k in zip(dimensions, key, strict=True))
                groupes[key] = Groupe(key=key, libelle=libelle)
            groupes[key].add_contribution(c)
    total = Groupe(key=(), libelle=("Total",))
    for fiche in fiches:
        total.add_contribution(_contribution(fiche, (), names=ref.court))
    order = sorted(groupes, key=lambda k: tuple(sort_key(p) for p in k))
    return Agregat(dimensions, [groupes[k] for k in order], total)


FicheFilter = Callable[[Fiche], bool]


def aggregate_dataset(
    data: Dataset, dimensions: tuple[str, ...], keep: FicheFilter | None = None
) -> Agregat:
    fiches = [e.model for e in data.fiches if keep is None or keep(e.model)]
    return aggregate(fiches, dimensions, Referentiel.of(data))
