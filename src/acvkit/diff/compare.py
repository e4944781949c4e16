"""La comparaison de deux côtés validés : fiches, référentiel, totaux et diagnostics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from acvkit.costs.aggregate import Referentiel
from acvkit.costs.fiche import cout_fiche
from acvkit.diagnostics import Diagnostic
from acvkit.diff.events import fiche_events, indicateur_events
from acvkit.diff.fields import Change, compare_fiches, compare_models, financement_values, montant
from acvkit.diff.matching import match_fiches
from acvkit.diff.sides import Side
from acvkit.diff.totals import CycleRow, TotalRow, cycles, totaux
from acvkit.linting.engine import LintReport
from acvkit.loading.dataset import Dataset
from acvkit.loading.discovery import display_prefix
from acvkit.models import Fiche

VERSION = 1


@dataclass(frozen=True)
class ModifiedFiche:
    numero: int
    titre: str
    changes: list[Change]
    former_numero: int | None = None  # une fiche renumérotée : son ancien numéro
    # Les événements du suivi en phrases (journal, vie des financements, réalisé).
    evenements: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ModifiedObject:
    """Un axe, un indicateur, un partenaire ou le programme : ajouté, supprimé ou modifié."""

    genre: str  # « axes », « indicateurs », « partenaires », « programme »
    key: str
    etat: str  # « ajoute », « supprime », « modifie »
    changes: list[Change] = field(default_factory=list)
    evenements: list[str] = field(default_factory=list)  # les mesures d'un indicateur
    unite: str | None = None  # l'unité d'un indicateur, pour écrire ses valeurs


@dataclass
class Difference:
    avant: Side
    apres: Side
    ajoutees: list[Fiche]
    supprimees: list[Fiche]
    renumerotees: list[tuple[Fiche, Fiche, int]]
    modifiees: list[ModifiedFiche]
    referentiel: list[ModifiedObject]
    totaux: dict[str, list[TotalRow]]
    new_items: list[Diagnostic]
    resolved_items: list[Diagnostic]
    before_names: dict[str, str]
    after_names: dict[str, str]
    errors: tuple[int, int] = (0, 0)
    # Une fiche dont le fichier est toujours là de l'autre côté, mais illisible (erreur) : elle
    # n'est ni supprimée ni ajoutée, elle ne peut pas être comparée. (côté illisible, fiche lue)
    illisibles: list[tuple[str, Fiche]] = field(default_factory=list)
    # Demandé, attribué, versé, refusé à côté du prévu : par financeur dont le suivi change, et le plan.
    financements_suivi: list[CycleRow] = field(default_factory=list)

    @property
    def vide(self) -> bool:
        return not (
            self.ajoutees
            or self.supprimees
            or self.illisibles
            or self.renumerotees
            or self.modifiees
            or self.referentiel
            or any(self.totaux.values())
            or self.new_items
            or self.resolved_items
        )

    def nom(self, ident: str) -> str:
        return self.after_names.get(ident) or self.before_names.get(ident) or ident


def resume_fiche(fiche: Fiche) -> dict[str, Any]:
    """Ce qu'on dit d'une fiche ajoutée ou supprimée : numéro, titre, collectivité, coût."""
    cout = cout_fiche(fiche)
    return {
        "numero": fiche.numero,
        "titre": fiche.titre,
        "collectivite": fiche.collectivite,
        "sous_axe": fiche.sous_axe,
        "cout": montant(cout.montant, cout.base) if cout.quantified else None,
    }


def _keyed_models(data: Dataset) -> dict[str, dict[str, BaseModel]]:
    out: dict[str, dict[str, BaseModel]] = {
        "axes": {a.model.code: a.model for a in data.axes},
        "indicateurs": {i.model.id: i.model for i in data.indicateurs},
        "partenaires": {p.model.id: p.model for p in data.partenaires},
        "programme": {"programme": data.programme.model} if data.programme else {},
    }
    return out


def _referentiel(avant: Dataset, apres: Dataset, names: dict[str, str]) -> list[ModifiedObject]:
    out: list[ModifiedObject] = []
    ca, cb = _keyed_models(avant), _keyed_models(apres)
    for genre in ("programme", "axes", "indicateurs", "partenaires"):
        a, b = ca[genre], cb[genre]
        for key in sorted(
            set(a) | set(b), key=lambda k: (len(k), k) if genre == "axes" else (0, k)
        ):
            if key not in b:
                out.append(ModifiedObject(genre, key, "supprime"))
            elif key not in a:
                out.append(ModifiedObject(genre, key, "ajoute"))
            elif changes := compare_models(a[key], b[key]):
                unite = getattr(b[key], "unite", None)
                evenements = (
                    indicateur_events(changes, unite, names) if genre == "indicateurs" else []
                )
                out.append(ModifiedObject(genre, key, "modifie", changes, evenements, unite))
    return out


def _modified(
    a: Fiche, b: Fiche, names: dict[str, str], former: int | None = None
) -> ModifiedFiche | None:
    changes = compare_fiches(a, b)
    if not changes:
        return None
    return ModifiedFiche(
        b.numero, b.titre, changes, former, fiche_events(changes, financement_values(a, b), names)
    )


def _relative(d: Diagnostic, prefix: str) -> str:
    return d.path[len(prefix) :] if d.path.startswith(prefix) else d.path


def _unmatched(
    own: list[Diagnostic], autres: list[Diagnostic], folder: str, other_folder: str
) -> list[Diagnostic]:
    """Les diagnostics de `seuls` qui n'ont pas leur pareil de l'autre côté (sans les lignes)."""

    def key(d: Diagnostic, prefix: str) -> tuple[str, str, str]:
        return (_relative(d, prefix), d.code, d.context or d.message)

    remaining = Counter(key(d, display_prefix(other_folder)) for d in autres)
    out = []
    prefix = display_prefix(folder)
    for d in own:
        k = key(d, prefix)
        if remaining[k]:
            remaining[k] -= 1
        else:
            out.append(d)
    return out


def compare(
    avant: Side, before_report: LintReport, apres: Side, after_report: LintReport
) -> Difference:
    da, db = before_report.dataset, after_report.dataset
    fiches_a = [e.model for e in da.fiches]
    fiches_b = [e.model for e in db.fiches]
    app = match_fiches(fiches_a, fiches_b)
    ref_a, ref_b = Referentiel.of(da), Referentiel.of(db)
    names = {**ref_a.names, **ref_b.names}
    modifiees: list[ModifiedFiche] = []
    for a, b in app.pairs:
        if (m := _modified(a, b, names)) is not None:
            modifiees.append(m)
    for a, b, _score in app.renumerotees:
        if (m := _modified(a, b, names, a.numero)) is not None:
            modifiees.append(m)
    modifiees.sort(key=lambda m: m.numero)
    illisibles: list[tuple[str, Fiche]] = []
    read_a, read_b = _fiche_paths(da, avant.folder), _fiche_paths(db, apres.folder)
    supprimees = []
    for f in app.supprimees:
        path = read_a.get(f.numero)
        if path is not None and path in apres.files and path not in read_b.values():
            illisibles.append(("apres", f))
        else:
            supprimees.append(f)
    ajoutees = []
    for f in app.ajoutees:
        path = read_b.get(f.numero)
        if path is not None and path in avant.files and path not in read_a.values():
            illisibles.append(("avant", f))
        else:
            ajoutees.append(f)
    return Difference(
        avant=avant,
        apres=apres,
        ajoutees=ajoutees,
        supprimees=supprimees,
        renumerotees=app.renumerotees,
        modifiees=modifiees,
        referentiel=_referentiel(da, db, names),
        totaux=totaux(fiches_a, fiches_b, ref_a, ref_b),
        new_items=_unmatched(
            after_report.diagnostics, before_report.diagnostics, apres.folder, avant.folder
        ),
        resolved_items=_unmatched(
            before_report.diagnostics, after_report.diagnostics, avant.folder, apres.folder
        ),
        before_names=ref_a.names,
        after_names=ref_b.names,
        errors=(len(before_report.errors), len(after_report.errors)),
        illisibles=sorted(illisibles, key=lambda i: i[1].numero),
        financements_suivi=cycles(fiches_a, fiches_b, names),
    )


def _fiche_paths(data: Dataset, folder: str) -> dict[int, str]:
    """Numéro de fiche → chemin de son fichier, relatif au dossier de données."""
    prefix = display_prefix(folder)
    return {
        e.model.numero: e.doc.path[len(prefix) :] if e.doc.path.startswith(prefix) else e.doc.path
        for e in data.fiches
    }
