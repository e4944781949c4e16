"""Ce que désigne un champ du tableur ANCT (fiche.<champ>, programme.<champ>, calcul.<nom>) :
la nature de sa valeur, lue dans les annotations des modèles, et sa valeur pour une fiche.
"""

from __future__ import annotations

import difflib
import types
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from acvkit.anct.computed import CALCULS, Contexte
from acvkit.models import Fiche, ItemDetaille, Programme
from acvkit.periods import Periode

# --- Les champs simples (champ: fiche.titre, programme.id_anct) ---------------------------------

RACINES: dict[str, type[BaseModel]] = {"fiche": Fiche, "programme": Programme}


class ChampInconnu(Exception):
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
    raise ChampInconnu(
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
    """La nature de la valeur que désigne `champ` ; ChampInconnu si le champ n'existe pas."""
    racine, _, chemin = champ.partition(".")
    if racine == "calcul":
        if chemin not in CALCULS:
            raise ChampInconnu(
                f"« {chemin} » n'est pas une valeur calculée" + _suggestion(chemin, list(CALCULS))
            )
        return CALCULS[chemin].nature
    if racine not in RACINES or not chemin:
        raise ChampInconnu("un champ s'écrit fiche.<champ>, programme.<champ> ou calcul.<nom>")
    annotation: Any = RACINES[racine]
    for nom in chemin.split("."):
        modele = _sans_none(annotation)
        if not (isinstance(modele, type) and issubclass(modele, BaseModel)):
            raise ChampInconnu(f"« {nom} » : la valeur qui précède n'a pas de champs")
        annotation = _annotation(modele, nom)
    nature = _nature(annotation)
    if nature in {"modele", "objet"}:
        raise ChampInconnu("il désigne un ensemble de champs, pas une valeur : précisez lequel")
    return nature


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
