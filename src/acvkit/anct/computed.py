"""Les valeurs calculées du tableur ANCT (champ: calcul.<nom>) et le contexte qu'elles lisent hors de la fiche.

Chaque valeur calculée dit la nature de ce qu'elle rend (texte, entier, montant, date, liste) :
columns.py vérifie à la lecture de templates/anct/colonnes.yaml qu'elle peut remplir sa colonne.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from acvkit.anct.suivi import last_suivi, realise_text
from acvkit.costs.aggregate import reste_a_charge
from acvkit.costs.fiche import BaseMontant, EtatCout, cout_fiche
from acvkit.costs.financement import financements, reste
from acvkit.costs.glossary import Categorie, joint_name
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, Programme, Statut, TypeFiche
from acvkit.periods import Periode
from acvkit.views.text import maitre_ouvrage_text

# Les statuts en toutes lettres, tels que la liste déroulante « Statut » les propose : le libellé
# unique de chaque statut (models.suivi.LIBELLES_STATUT), le même dans chaque sortie.
STATUTS: dict[Statut, str] = {s: s.libelle for s in Statut}

COUT_STATE_LABELS: dict[EtatCout, str] = {e: e.libelle for e in EtatCout}


# --- Le contexte d'une fiche : ce que les valeurs calculées lisent hors de la fiche -------------


@dataclass(frozen=True)
class Context:
    programme: Programme | None
    names: dict[str, str]  # id → nom de l'organisation
    axes: dict[str, str]  # code d'axe → intitulé
    sous_axes: dict[str, str]  # code de sous-axe → intitulé
    codes: dict[str, str]  # collectivité → code INSEE (commune) ou SIREN (EPCI)

    @classmethod
    def of(cls, data: Dataset) -> Context:
        programme = data.programme.model if data.programme is not None else None
        codes = {p.model.id: p.model.siren for p in data.partenaires if p.model.siren}
        if programme is not None:
            territoire = programme.territoire
            codes[territoire.epci.collectivite] = territoire.epci.siren
            codes.update({c.collectivite: c.insee for c in territoire.communes})
        return cls(
            programme=programme,
            names={p.model.id: p.model.nom for p in data.partenaires},
            axes={a.model.code: a.model.intitule for a in data.axes},
            sous_axes=data.sous_axes(),
            codes=codes,
        )

    def nom(self, ident: str) -> str:
        return self.names.get(ident, ident)


# --- Les valeurs calculées (champ: calcul.<nom>) ------------------------------------------------


@dataclass(frozen=True)
class ComputedValue:
    fonction: Callable[[Fiche, Context], object]
    nature: str  # texte | entier | montant | date | liste : ce que la fonction rend


def _axe(fiche: Fiche, ctx: Context) -> str:
    nom = "Axe transversal" if fiche.axe == "transversal" else f"Axe {fiche.axe}"
    intitule = ctx.axes.get(fiche.axe)
    return f"{nom} – {intitule}" if intitule else nom


def _description(fiche: Fiche, ctx: Context) -> str | None:
    if fiche.description and fiche.description.strip():
        return fiche.description.strip()
    return fiche.description_note


def _objectifs(fiche: Fiche, ctx: Context) -> list[object]:
    note: list[object] = [fiche.objectifs_note] if fiche.objectifs_note else []
    return note + list(fiche.objectifs or [])


def _maitre_ouvrage(fiche: Fiche, ctx: Context) -> str | None:
    return maitre_ouvrage_text(fiche, ctx.nom) or None


def _partenaires(fiche: Fiche, ctx: Context) -> list[str]:
    if fiche.partenaires:
        return [ctx.nom(p) for p in fiche.partenaires]
    return [fiche.partenaires_note] if fiche.partenaires_note else []


def _cout_total(fiche: Fiche, ctx: Context) -> Decimal | None:
    cout = cout_fiche(fiche)
    return cout.montant if cout.quantified else None


def _base_cout(fiche: Fiche, ctx: Context) -> str | None:
    cout = cout_fiche(fiche)
    return cout.base.libelle if cout.quantified else None


def _financeurs(fiche: Fiche, ctx: Context) -> str | None:
    if not fiche.financements:
        return fiche.financements_note
    parts = []
    for f in financements(fiche):
        # Les mots de la maquette (costs.financement.ReadFinancement.texte) : même sens partout.
        texte = joint_name(f.financeur, ctx.nom)
        if (
            f.montant is not None or f.taux is not None
        ):  # sans montant : le nom seul (récapitulatif)
            texte += f" : {f.texte}"
        if f.note:
            texte += f" ({f.note})"
        parts.append(texte)
    return " ; ".join(parts)


def montant_categorie(cat: Categorie) -> Callable[[Fiche, Context], Decimal | None]:
    """La somme d'une catégorie du glossaire pour la fiche, dans la base du coût (colonne « Base
    HT/TTC ») ; vide quand la fiche n'en chiffre aucun montant (jamais un 0 pour « montant non
    précisé ») ou quand ses montants sont dans une autre base que le coût."""

    def value(fiche: Fiche, ctx: Context) -> Decimal | None:
        read = reste(fiche).of(cat)
        if not read:
            return None
        base = cout_fiche(fiche).base
        bases = set(read)
        if bases == {base} or (base is BaseMontant.UNSPECIFIED and len(bases) == 1):
            return next(iter(read.values()))
        return None

    return value


def _dates(fiche: Fiche, when: Literal["lancement", "livraison"]) -> str | list[str] | None:
    periode: Periode | None = getattr(fiche, when)
    if periode is not None:
        return periode.texte
    note: str | None = getattr(fiche, f"{when}_note")
    if note:
        return note
    # Une fiche datée par phases : chaque phase avec sa date.
    return [
        f"{j.libelle} : {getattr(j, when).texte}"
        for j in fiche.jalons or []
        if getattr(j, when) is not None
    ]


def _indicateurs(fiche: Fiche, ctx: Context) -> list[object]:
    lines: list[object] = []
    for titre, note, items in (
        (
            "Indicateurs d'avancement :",
            fiche.indicateurs_avancement_note,
            fiche.indicateurs_avancement,
        ),
        ("Indicateurs de résultat :", fiche.indicateurs_resultat_note, fiche.indicateurs_resultat),
    ):
        if note or items:
            lines.append(titre)
            lines += [note] if note else []
            lines += list(items or [])
    return lines


COMPUTED_VALUES: dict[str, ComputedValue] = {
    "collectivite": ComputedValue(lambda f, c: c.nom(f.collectivite), "texte"),
    "code_collectivite": ComputedValue(lambda f, c: c.codes.get(f.collectivite), "texte"),
    "type": ComputedValue(lambda f, c: f.type.libelle, "texte"),
    "axe": ComputedValue(_axe, "texte"),
    "sous_axe_intitule": ComputedValue(lambda f, c: c.sous_axes.get(f.sous_axe), "texte"),
    "description": ComputedValue(_description, "texte"),
    "objectifs": ComputedValue(_objectifs, "liste"),
    "maitre_ouvrage": ComputedValue(_maitre_ouvrage, "texte"),
    "partenaires": ComputedValue(_partenaires, "liste"),
    "cout_total": ComputedValue(_cout_total, "montant"),
    "base_cout": ComputedValue(_base_cout, "texte"),
    "etat_cout": ComputedValue(lambda f, c: COUT_STATE_LABELS[cout_fiche(f).etat], "texte"),
    "financeurs": ComputedValue(_financeurs, "texte"),
    "financements_partenaires": ComputedValue(montant_categorie(Categorie.PARTENAIRES), "montant"),
    # Ancien nom de financements_partenaires (un colonnes.yaml personnalisé le cite encore).
    "financements_chiffres": ComputedValue(montant_categorie(Categorie.PARTENAIRES), "montant"),
    "investissements_prives": ComputedValue(montant_categorie(Categorie.PRIVES), "montant"),
    "prets": ComputedValue(montant_categorie(Categorie.PRETS), "montant"),
    "autofinancement": ComputedValue(montant_categorie(Categorie.AUTOFINANCEMENT), "montant"),
    "reste_a_charge": ComputedValue(lambda f, c: reste_a_charge(f), "montant"),
    "lancement": ComputedValue(lambda f, c: _dates(f, "lancement"), "texte"),
    "livraison": ComputedValue(lambda f, c: _dates(f, "livraison"), "texte"),
    "annee_debut": ComputedValue(lambda f, c: f.debut.year if f.debut else None, "entier"),
    "annee_fin": ComputedValue(lambda f, c: f.fin.year if f.fin else None, "entier"),
    "statut": ComputedValue(lambda f, c: STATUTS[f.statut] if f.statut else None, "texte"),
    "indicateurs": ComputedValue(_indicateurs, "liste"),
    # Suivi après la signature (build/anct_suivi.py)
    "realise": ComputedValue(realise_text, "texte"),
    "dernier_suivi": ComputedValue(last_suivi, "texte"),
}

# Les listes déroulantes de la feuille « Listes » : les valeurs proposées, hors sous-axes (lus).
FIXED_LISTS: dict[str, list[str]] = {
    "types": [t.libelle for t in TypeFiche],
    "statuts": list(STATUTS.values()),
}
