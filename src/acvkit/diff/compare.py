"""La comparaison de deux côtés validés : fiches, référentiel, totaux et diagnostics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from acvkit.costs.aggregate import Referentiel
from acvkit.costs.fiche import EtatCout, cout_fiche
from acvkit.diagnostics import Diagnostic
from acvkit.diff.fields import Changement, comparer_fiches, comparer_modeles, montant
from acvkit.diff.matching import apparier
from acvkit.diff.sides import Cote
from acvkit.diff.totals import LigneTotal, totaux
from acvkit.linting.engine import LintReport
from acvkit.loading.dataset import Dataset
from acvkit.loading.discovery import display_prefix
from acvkit.models import Fiche

VERSION = 1


@dataclass(frozen=True)
class FicheModifiee:
    numero: int
    titre: str
    changements: list[Changement]
    numero_avant: int | None = None  # une fiche renumérotée : son ancien numéro


@dataclass(frozen=True)
class ObjetModifie:
    """Un axe, un indicateur, un partenaire ou le programme : ajouté, supprimé ou modifié."""

    genre: str  # « axes », « indicateurs », « partenaires », « programme »
    cle: str
    etat: str  # « ajoute », « supprime », « modifie »
    changements: list[Changement] = field(default_factory=list)


@dataclass
class Difference:
    avant: Cote
    apres: Cote
    ajoutees: list[Fiche]
    supprimees: list[Fiche]
    renumerotees: list[tuple[Fiche, Fiche, int]]
    modifiees: list[FicheModifiee]
    referentiel: list[ObjetModifie]
    totaux: dict[str, list[LigneTotal]]
    nouveaux: list[Diagnostic]
    resolus: list[Diagnostic]
    noms_avant: dict[str, str]
    noms_apres: dict[str, str]
    erreurs: tuple[int, int] = (0, 0)
    # Une fiche dont le fichier est toujours là de l'autre côté, mais illisible (erreur) : elle
    # n'est ni supprimée ni ajoutée, elle ne peut pas être comparée. (côté illisible, fiche lue)
    illisibles: list[tuple[str, Fiche]] = field(default_factory=list)

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
            or self.nouveaux
            or self.resolus
        )

    def nom(self, ident: str) -> str:
        return self.noms_apres.get(ident) or self.noms_avant.get(ident) or ident


def resume_fiche(fiche: Fiche) -> dict[str, Any]:
    """Ce qu'on dit d'une fiche ajoutée ou supprimée : numéro, titre, collectivité, coût."""
    cout = cout_fiche(fiche)
    return {
        "numero": fiche.numero,
        "titre": fiche.titre,
        "collectivite": fiche.collectivite,
        "sous_axe": fiche.sous_axe,
        "cout": None if cout.etat is EtatCout.A_DETERMINER else montant(cout.montant, cout.base),
    }


def _cles(data: Dataset) -> dict[str, dict[str, BaseModel]]:
    out: dict[str, dict[str, BaseModel]] = {
        "axes": {a.model.code: a.model for a in data.axes},
        "indicateurs": {i.model.id: i.model for i in data.indicateurs},
        "partenaires": {p.model.id: p.model for p in data.partenaires},
        "programme": {"programme": data.programme.model} if data.programme else {},
    }
    return out


def _referentiel(avant: Dataset, apres: Dataset) -> list[ObjetModifie]:
    out: list[ObjetModifie] = []
    ca, cb = _cles(avant), _cles(apres)
    for genre in ("programme", "axes", "indicateurs", "partenaires"):
        a, b = ca[genre], cb[genre]
        for cle in sorted(
            set(a) | set(b), key=lambda k: (len(k), k) if genre == "axes" else (0, k)
        ):
            if cle not in b:
                out.append(ObjetModifie(genre, cle, "supprime"))
            elif cle not in a:
                out.append(ObjetModifie(genre, cle, "ajoute"))
            elif changements := comparer_modeles(a[cle], b[cle]):
                out.append(ObjetModifie(genre, cle, "modifie", changements))
    return out


def _relatif(d: Diagnostic, prefixe: str) -> str:
    return d.path[len(prefixe) :] if d.path.startswith(prefixe) else d.path


def _propres(
    seuls: list[Diagnostic], autres: list[Diagnostic], dossier: str, dossier_autre: str
) -> list[Diagnostic]:
    """Les diagnostics de `seuls` qui n'ont pas leur pareil de l'autre côté (sans les lignes)."""

    def cle(d: Diagnostic, prefixe: str) -> tuple[str, str, str]:
        return (_relatif(d, prefixe), d.code, d.context or d.message)

    restants = Counter(cle(d, display_prefix(dossier_autre)) for d in autres)
    out = []
    prefixe = display_prefix(dossier)
    for d in seuls:
        k = cle(d, prefixe)
        if restants[k]:
            restants[k] -= 1
        else:
            out.append(d)
    return out


def comparer(
    avant: Cote, rapport_avant: LintReport, apres: Cote, rapport_apres: LintReport
) -> Difference:
    da, db = rapport_avant.dataset, rapport_apres.dataset
    fiches_a = [e.model for e in da.fiches]
    fiches_b = [e.model for e in db.fiches]
    app = apparier(fiches_a, fiches_b)
    modifiees: list[FicheModifiee] = []
    for a, b in app.paires:
        if changements := comparer_fiches(a, b):
            modifiees.append(FicheModifiee(b.numero, b.titre, changements))
    for a, b, _score in app.renumerotees:
        if changements := comparer_fiches(a, b):
            modifiees.append(FicheModifiee(b.numero, b.titre, changements, a.numero))
    modifiees.sort(key=lambda m: m.numero)
    ref_a, ref_b = Referentiel.of(da), Referentiel.of(db)
    illisibles: list[tuple[str, Fiche]] = []
    lus_a, lus_b = _chemins(da, avant.dossier), _chemins(db, apres.dossier)
    supprimees = []
    for f in app.supprimees:
        chemin = lus_a.get(f.numero)
        if chemin is not None and chemin in apres.fichiers and chemin not in lus_b.values():
            illisibles.append(("apres", f))
        else:
            supprimees.append(f)
    ajoutees = []
    for f in app.ajoutees:
        chemin = lus_b.get(f.numero)
        if chemin is not None and chemin in avant.fichiers and chemin not in lus_a.values():
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
        referentiel=_referentiel(da, db),
        totaux=totaux(fiches_a, fiches_b, ref_a, ref_b),
        nouveaux=_propres(
            rapport_apres.diagnostics, rapport_avant.diagnostics, apres.dossier, avant.dossier
        ),
        resolus=_propres(
            rapport_avant.diagnostics, rapport_apres.diagnostics, avant.dossier, apres.dossier
        ),
        noms_avant=ref_a.noms,
        noms_apres=ref_b.noms,
        erreurs=(len(rapport_avant.errors), len(rapport_apres.errors)),
        illisibles=sorted(illisibles, key=lambda i: i[1].numero),
    )


def _chemins(data: Dataset, dossier: str) -> dict[int, str]:
    """Numéro de fiche → chemin de son fichier, relatif au dossier de données."""
    prefixe = display_prefix(dossier)
    return {
        e.model.numero: e.doc.path[len(prefixe) :] if e.doc.path.startswith(prefixe) else e.doc.path
        for e in data.fiches
    }
