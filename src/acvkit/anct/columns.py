"""Les colonnes du tableur ANCT, lues dans templates/anct/colonnes.yaml : validation et valeur d'une colonne pour une fiche.

L'ANCT change les colonnes de sa plateforme de recensement : leur liste est une donnée, pas du
code. Ce module vérifie le fichier au chargement (clé, champ ou type inconnu : erreur qui nomme
la colonne) et calcule la valeur de chaque cellule ; xlsx.py ne fait que l'écrire.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from acvkit.anct.suivi import dernier_suivi, realise_texte
from acvkit.costs.aggregate import reste_a_charge
from acvkit.costs.fiche import EtatCout, cout_fiche, financements_chiffres
from acvkit.errors import MappingError as MappingError
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, ItemDetaille, Programme, Statut, TypeFiche
from acvkit.money import format_euros
from acvkit.periods import Periode

TypeColonne = Literal["texte", "entier", "montant", "date", "liste"]
NomListe = Literal["types", "statuts", "sous_axes"]

# Le nom d'un type de colonne dans les messages : « … n'est pas un montant ».
NOMS_TYPES: dict[str, str] = {
    "texte": "du texte",
    "entier": "un nombre entier",
    "montant": "un montant",
    "date": "une date",
    "liste": "une liste",
}

# Quelle nature de valeur peut remplir quel type de colonne (tout s'écrit en texte).
COMPATIBLES: dict[str, set[str]] = {
    "texte": {"texte", "entier", "montant", "date", "liste"},
    "liste": {"texte", "liste"},
    "entier": {"entier"},
    "montant": {"montant", "entier"},
    "date": {"date"},
}

FORMATS_PAR_DEFAUT: dict[str, str] = {
    "texte": "@",
    "liste": "@",
    "entier": "0",
    "montant": '#,##0.00 "€"',
    "date": "DD/MM/YYYY",
}

# Les statuts en toutes lettres, tels que la liste déroulante « Statut » les propose.
STATUTS: dict[Statut, str] = {
    Statut.A_ENGAGER: "À engager",
    Statut.EN_COURS: "En cours",
    Statut.EN_COURS_FINANCE: "En cours, financement acquis",
    Statut.LIVREE: "Livrée",
    Statut.ABANDONNEE: "Abandonnée",
}

ETATS_COUT: dict[EtatCout, str] = {
    EtatCout.CONNU: "connu",
    EtatCout.PARTIEL: "partiel",
    EtatCout.A_DETERMINER: "à déterminer",
}


class Colonne(BaseModel):
    """Une colonne de la feuille « Actions »."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    entete: str = Field(min_length=1)
    champ: str = Field(min_length=1)
    type: TypeColonne
    format: str | None = Field(default=None, min_length=1)
    largeur: int | float | None = Field(default=None, gt=0, le=255)
    separateur: str | None = Field(default=None, min_length=1)
    validation: NomListe | None = None

    @property
    def format_nombre(self) -> str:
        return self.format or FORMATS_PAR_DEFAUT[self.type]


class ColonnesAnct(BaseModel):
    """Le fichier des colonnes : la liste ordonnée des colonnes de la feuille « Actions »."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    colonnes: list[Colonne] = Field(min_length=1)


# --- Le contexte d'une fiche : ce que les valeurs calculées lisent hors de la fiche -------------


@dataclass(frozen=True)
class Contexte:
    programme: Programme | None
    noms: dict[str, str]  # id → nom de l'organisation
    axes: dict[str, str]  # code d'axe → intitulé
    sous_axes: dict[str, str]  # code de sous-axe → intitulé
    codes: dict[str, str]  # collectivité → code INSEE (commune) ou SIREN (EPCI)

    @classmethod
    def of(cls, data: Dataset) -> Contexte:
        programme = data.programme.model if data.programme is not None else None
        codes = {p.model.id: p.model.siren for p in data.partenaires if p.model.siren}
        if programme is not None:
            territoire = programme.territoire
            codes[territoire.epci.collectivite] = territoire.epci.siren
            codes.update({c.collectivite: c.insee for c in territoire.communes})
        return cls(
            programme=programme,
            noms={p.model.id: p.model.nom for p in data.partenaires},
            axes={a.model.code: a.model.intitule for a in data.axes},
            sous_axes=data.sous_axes(),
            codes=codes,
        )

    def nom(self, ident: str) -> str:
        return self.noms.get(ident, ident)


# --- Les valeurs calculées (champ: calcul.<nom>) ------------------------------------------------


@dataclass(frozen=True)
class Calcul:
    fonction: Callable[[Fiche, Contexte], object]
    nature: str  # texte | entier | montant | date | liste : ce que la fonction rend


def _axe(fiche: Fiche, ctx: Contexte) -> str:
    nom = "Axe transversal" if fiche.axe == "transversal" else f"Axe {fiche.axe}"
    intitule = ctx.axes.get(fiche.axe)
    return f"{nom} – {intitule}" if intitule else nom


def _description(fiche: Fiche, ctx: Contexte) -> str | None:
    if fiche.description and fiche.description.strip():
        return fiche.description.strip()
    return fiche.description_note


def _objectifs(fiche: Fiche, ctx: Contexte) -> list[object]:
    note: list[object] = [fiche.objectifs_note] if fiche.objectifs_note else []
    return note + list(fiche.objectifs or [])


def _maitre_ouvrage(fiche: Fiche, ctx: Contexte) -> str | None:
    return ctx.nom(fiche.maitre_ouvrage) if fiche.maitre_ouvrage else fiche.maitre_ouvrage_note


def _partenaires(fiche: Fiche, ctx: Contexte) -> list[str]:
    if fiche.partenaires:
        return [ctx.nom(p) for p in fiche.partenaires]
    return [fiche.partenaires_note] if fiche.partenaires_note else []


def _cout_total(fiche: Fiche, ctx: Contexte) -> Decimal | None:
    cout = cout_fiche(fiche)
    return None if cout.etat is EtatCout.A_DETERMINER else cout.montant


def _base_cout(fiche: Fiche, ctx: Contexte) -> str | None:
    cout = cout_fiche(fiche)
    return None if cout.etat is EtatCout.A_DETERMINER else cout.base.libelle


def _financeurs(fiche: Fiche, ctx: Contexte) -> str | None:
    if not fiche.financements:
        return fiche.financements_note
    parts = []
    for f in fiche.financements:
        texte = ctx.nom(f.financeur)
        if f.montant is not None:
            texte += f" : {format_euros(f.montant)}"
            if f.base is not None:
                texte += f" {f.base.value}"
        if f.note:
            texte += f" ({f.note})"
        parts.append(texte)
    return " ; ".join(parts)


def _financements_chiffres(fiche: Fiche, ctx: Contexte) -> Decimal | None:
    # Vide quand aucun montant n'est donné : « 0 » laisserait croire à un financement nul.
    if not any(f.montant is not None for f in fiche.financements or []):
        return None
    return financements_chiffres(fiche)


def _dates(fiche: Fiche, quand: Literal["lancement", "livraison"]) -> str | list[str] | None:
    periode: Periode | None = getattr(fiche, quand)
    if periode is not None:
        return periode.texte
    note: str | None = getattr(fiche, f"{quand}_note")
    if note:
        return note
    # Une fiche datée par phases : chaque phase avec sa date.
    return [
        f"{j.libelle} : {getattr(j, quand).texte}"
        for j in fiche.jalons or []
        if getattr(j, quand) is not None
    ]


def _indicateurs(fiche: Fiche, ctx: Contexte) -> list[object]:
    lignes: list[object] = []
    for titre, note, items in (
        (
            "Indicateurs d'avancement :",
            fiche.indicateurs_avancement_note,
            fiche.indicateurs_avancement,
        ),
        ("Indicateurs de résultat :", fiche.indicateurs_resultat_note, fiche.indicateurs_resultat),
    ):
        if note or items:
            lignes.append(titre)
            lignes += [note] if note else []
            lignes += list(items or [])
    return lignes


CALCULS: dict[str, Calcul] = {
    "collectivite": Calcul(lambda f, c: c.nom(f.collectivite), "texte"),
    "code_collectivite": Calcul(lambda f, c: c.codes.get(f.collectivite), "texte"),
    "type": Calcul(lambda f, c: f.type.libelle, "texte"),
    "axe": Calcul(_axe, "texte"),
    "sous_axe_intitule": Calcul(lambda f, c: c.sous_axes.get(f.sous_axe), "texte"),
    "description": Calcul(_description, "texte"),
    "objectifs": Calcul(_objectifs, "liste"),
    "maitre_ouvrage": Calcul(_maitre_ouvrage, "texte"),
    "partenaires": Calcul(_partenaires, "liste"),
    "cout_total": Calcul(_cout_total, "montant"),
    "base_cout": Calcul(_base_cout, "texte"),
    "etat_cout": Calcul(lambda f, c: ETATS_COUT[cout_fiche(f).etat], "texte"),
    "financeurs": Calcul(_financeurs, "texte"),
    "financements_chiffres": Calcul(_financements_chiffres, "montant"),
    "reste_a_charge": Calcul(lambda f, c: reste_a_charge(f), "montant"),
    "lancement": Calcul(lambda f, c: _dates(f, "lancement"), "texte"),
    "livraison": Calcul(lambda f, c: _dates(f, "livraison"), "texte"),
    "annee_debut": Calcul(lambda f, c: f.debut.year if f.debut else None, "entier"),
    "annee_fin": Calcul(lambda f, c: f.fin.year if f.fin else None, "entier"),
    "statut": Calcul(lambda f, c: STATUTS[f.statut] if f.statut else None, "texte"),
    "indicateurs": Calcul(_indicateurs, "liste"),
    # Suivi après la signature (build/anct_suivi.py)
    "realise": Calcul(realise_texte, "texte"),
    "dernier_suivi": Calcul(dernier_suivi, "texte"),
}

# Les listes déroulantes de la feuille « Listes » : les valeurs proposées, hors sous-axes (lus).
LISTES_FIXES: dict[str, list[str]] = {
    "types": [t.libelle for t in TypeFiche],
    "statuts": list(STATUTS.values()),
}

# --- Les champs simples (champ: fiche.titre, programme.id_anct) ---------------------------------

RACINES: dict[str, type[BaseModel]] = {"fiche": Fiche, "programme": Programme}


class _ChampInconnu(Exception):
    """Raison pour laquelle un chemin ne désigne pas une valeur simple."""


def _sans_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _nature(annotation: Any) -> str:
    """texte | entier | montant | date | liste ; « modele » ou « objet » pour ce qui n'est pas une valeur simple."""
    annotation = _sans_none(annotation)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = get_args(annotation)
        # Un élément de liste (str | ItemDetaille) s'écrit en texte.
        return "texte" if set(args) <= {str, ItemDetaille} else "objet"
    if origin is Literal:
        return "texte" if all(isinstance(a, str) for a in get_args(annotation)) else "objet"
    if origin is list:
        (element,) = get_args(annotation)
        return "liste" if _nature(element) in {"texte", "entier", "montant", "date"} else "objet"
    if not isinstance(annotation, type) or issubclass(annotation, bool | datetime):
        return "objet"
    if issubclass(annotation, Decimal):
        return "montant"
    if issubclass(annotation, int):
        return "entier"
    if issubclass(annotation, date):
        return "date"
    if issubclass(annotation, str | Periode):
        return "texte"
    if issubclass(annotation, BaseModel):
        return "modele"
    return "objet"


def _annotation(modele: type[BaseModel], nom: str) -> Any:
    if nom in modele.model_fields:
        return modele.model_fields[nom].annotation
    attribut = getattr(modele, nom, None)
    if not nom.startswith("_") and isinstance(attribut, property) and attribut.fget is not None:
        return get_type_hints(attribut.fget).get("return")
    proprietes = [
        n for n in dir(modele) if not n.startswith("_") and isinstance(getattr(modele, n), property)
    ]
    raise _ChampInconnu(
        f"« {nom} » n'est pas un champ de {modele.__name__}"
        + _suggestion(nom, [*modele.model_fields, *proprietes])
    )


def _suggestion(nom: str, possibles: list[str]) -> str:
    proches = [p for p in possibles if p.startswith(nom)] or difflib.get_close_matches(
        nom, possibles, n=1
    )
    if proches:
        return f" : vouliez-vous dire « {proches[0]} » ?"
    return f" ; champs possibles : {', '.join(possibles)}"


def nature_du_champ(champ: str) -> str:
    """La nature de la valeur que désigne `champ` ; _ChampInconnu si le champ n'existe pas."""
    racine, _, chemin = champ.partition(".")
    if racine == "calcul":
        if chemin not in CALCULS:
            raise _ChampInconnu(
                f"« {chemin} » n'est pas une valeur calculée" + _suggestion(chemin, list(CALCULS))
            )
        return CALCULS[chemin].nature
    if racine not in RACINES or not chemin:
        raise _ChampInconnu("un champ s'écrit fiche.<champ>, programme.<champ> ou calcul.<nom>")
    annotation: Any = RACINES[racine]
    for nom in chemin.split("."):
        modele = _sans_none(annotation)
        if not (isinstance(modele, type) and issubclass(modele, BaseModel)):
            raise _ChampInconnu(f"« {nom} » : la valeur qui précède n'a pas de champs")
        annotation = _annotation(modele, nom)
    nature = _nature(annotation)
    if nature in {"modele", "objet"}:
        raise _ChampInconnu("il désigne un ensemble de champs, pas une valeur : précisez lequel")
    return nature


# --- Chargement --------------------------------------------------------------------------------


def _nom_colonne(brut: object, index: int) -> str:
    entete = None
    if isinstance(brut, dict):
        colonnes = brut.get("colonnes")
        if isinstance(colonnes, list) and index < len(colonnes):
            element = colonnes[index]
            if isinstance(element, dict) and isinstance(element.get("entete"), str):
                entete = element["entete"]
    return f"colonne {index + 1}" + (f" « {entete} »" if entete else "")


# Ce que disent les erreurs de Pydantic, en français.
ATTENDUS: dict[str, str] = {
    "string_type": "on attend un texte",
    "too_short": "ne peut pas être vide",
    "int_type": "on attend un nombre",
    "float_type": "on attend un nombre",
    "greater_than": "on attend un nombre positif",
    "less_than_equal": "on attend au plus 255",
    "list_type": "on attend une liste",
    "model_type": "on attend un objet (clé: valeur)",
    "literal_error": "valeur inconnue",
}


def _message_pydantic(exc: ValidationError, brut: object) -> list[str]:
    messages = []
    for erreur in exc.errors():
        loc = list(erreur["loc"])
        ou = "fichier"
        if len(loc) >= 2 and loc[0] == "colonnes" and isinstance(loc[1], int):
            ou = _nom_colonne(brut, loc[1])
            loc = loc[2:]
        elif loc[:1] == ["colonnes"]:
            ou = "colonnes"
            loc = loc[1:]
        cle = ".".join(str(p) for p in loc)
        genre = erreur["type"]
        if genre == "extra_forbidden":
            admises = ", ".join(Colonne.model_fields) if ou.startswith("colonne ") else "colonnes"
            texte = f"clé inconnue « {cle} » (clés admises : {admises})"
        elif genre == "missing":
            texte = f"clé « {cle} » manquante"
        elif genre == "literal_error" and cle in Colonne.model_fields:
            permis = get_args(Colonne.model_fields[cle].annotation)
            valeurs = [a for p in permis for a in (get_args(p) or [p]) if isinstance(a, str)]
            texte = f"{cle} « {erreur['input']} » inconnu (possibles : {', '.join(valeurs)})"
        elif genre == "too_short" and ou == "colonnes":
            texte = "la liste des colonnes est vide"
        else:
            attendu = ATTENDUS.get(genre, f"valeur refusée ({erreur['msg']})")
            texte = f"« {cle or 'colonnes'} » : {attendu}"
        messages.append(f"{ou} : {texte}")
    return messages


def load_colonnes(path: Path) -> ColonnesAnct:
    """Lit et vérifie le fichier des colonnes ; MappingError (en français) s'il est faux."""
    if not path.is_file():
        raise MappingError(f"colonnes du tableur ANCT introuvables : {path.as_posix()}")
    try:
        brut = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path.as_posix()} : fichier YAML illisible ({exc})") from exc
    if not isinstance(brut, dict):
        raise MappingError(
            f"{path.as_posix()} : on attend une clé « colonnes » (liste de colonnes)"
        )
    try:
        colonnes = ColonnesAnct.model_validate(brut)
    except ValidationError as exc:
        raise MappingError(
            f"{path.as_posix()} : " + " ; ".join(_message_pydantic(exc, brut))
        ) from exc
    problemes = []
    vus: set[str] = set()
    for index, colonne in enumerate(colonnes.colonnes):
        nom = f"colonne {index + 1} « {colonne.entete} »"
        if colonne.entete in vus:
            problemes.append(f"{nom} : en-tête en double")
        vus.add(colonne.entete)
        try:
            nature = nature_du_champ(colonne.champ)
        except _ChampInconnu as exc:
            problemes.append(f"{nom} : champ inconnu « {colonne.champ} » ({exc})")
            continue
        if nature not in COMPATIBLES[colonne.type]:
            problemes.append(
                f"{nom} : le champ « {colonne.champ} » donne {NOMS_TYPES[nature]}, "
                f"il ne peut pas remplir une colonne de type {colonne.type}"
            )
        if colonne.validation is not None and colonne.type != "texte":
            problemes.append(f"{nom} : une liste déroulante demande une colonne de type texte")
        if colonne.separateur is not None and colonne.type not in {"texte", "liste"}:
            problemes.append(f"{nom} : un séparateur n'a de sens que pour du texte ou une liste")
    if problemes:
        raise MappingError(f"{path.as_posix()} : " + " ; ".join(problemes))
    return colonnes


# --- La valeur d'une cellule --------------------------------------------------------------------

Valeur = str | int | Decimal | date | None


def _texte(valeur: object) -> str:
    if isinstance(valeur, Enum):
        return str(valeur.value)
    if isinstance(valeur, str):
        return str(valeur)
    if isinstance(valeur, Periode):
        return valeur.texte
    if isinstance(valeur, Decimal):
        return format_euros(valeur)
    if isinstance(valeur, date):
        return valeur.strftime("%d/%m/%Y")
    return str(valeur)


def _lignes(element: object) -> list[str]:
    if isinstance(element, ItemDetaille):
        return [element.texte, *(f"– {d}" for d in element.details)]
    return [_texte(element)]


def brut(champ: str, fiche: Fiche, ctx: Contexte) -> object:
    """La valeur de `champ` pour cette fiche, avant conversion au type de la colonne."""
    racine, _, chemin = champ.partition(".")
    if racine == "calcul":
        return CALCULS[chemin].fonction(fiche, ctx)
    objet: object = fiche if racine == "fiche" else ctx.programme
    for nom in chemin.split("."):
        if objet is None:
            return None
        objet = getattr(objet, nom)
    return objet


def valeur(colonne: Colonne, fiche: Fiche, ctx: Contexte) -> Valeur:
    """La valeur de la cellule : texte, entier, Decimal, date, ou None pour une cellule vide."""
    v = brut(colonne.champ, fiche, ctx)
    if v is None or v == "" or v == []:
        return None
    if colonne.type in {"texte", "liste"}:
        if isinstance(v, list):
            lignes = [ligne for element in v for ligne in _lignes(element)]
            return (colonne.separateur or "\n").join(lignes) or None
        return _texte(v)
    if colonne.type == "entier" and isinstance(v, int) and not isinstance(v, bool):
        return v
    if colonne.type == "montant" and isinstance(v, Decimal | int) and not isinstance(v, bool):
        return Decimal(v)
    if colonne.type == "date" and isinstance(v, date) and not isinstance(v, datetime):
        return v
    raise MappingError(
        f"colonne « {colonne.entete} » : la FA {fiche.numero} donne « {v} », "
        f"qui n'est pas {NOMS_TYPES[colonne.type]}"
    )
