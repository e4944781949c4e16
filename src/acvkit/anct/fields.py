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

from acvkit.anct.computed import COMPUTED_VALUES, Context
from acvkit.models import DetailedItem, Fiche, Programme
from acvkit.periods import Periode

# --- Les champs simples (champ: fiche.titre, programme.id_anct) ---------------------------------

ROOTS: dict[str, type[BaseModel]] = {"fiche": Fiche, "programme": Programme}


class UnknownField(Exception):
    """Raison pour laquelle un chemin ne désigne pas une valeur simple."""


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _nature(annotation: Any) -> str:
    """texte | entier | montant | date | liste ; « modele » ou « objet » pour ce qui n'est pas une valeur simple."""
    annotation = _without_none(annotation)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = get_args(annotation)
        # Un élément de liste (str | DetailedItem) s'écrit en texte.
        return "texte" if set(args) <= {str, DetailedItem} else "objet"
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


def _annotation(model: type[BaseModel], nom: str) -> Any:
    if nom in model.model_fields:
        return model.model_fields[nom].annotation
    attribute = getattr(model, nom, None)
    if not nom.startswith("_") and isinstance(attribute, property) and attribute.fget is not None:
        return get_type_hints(attribute.fget).get("return")
    properties = [
        n for n in dir(model) if not n.startswith("_") and isinstance(getattr(model, n), property)
    ]
    raise UnknownField(
        f"« {nom} » n'est pas un champ de {model.__name__}"
        + _suggestion(nom, [*model.model_fields, *properties])
    )


def _suggestion(nom: str, possible: list[str]) -> str:
    close_matches = [p for p in possible if p.startswith(nom)] or difflib.get_close_matches(
        nom, possible, n=1
    )
    if close_matches:
        return f" : vouliez-vous dire « {close_matches[0]} » ?"
    return f" ; champs possibles : {', '.join(possible)}"


def field_nature(champ: str) -> str:
    """La nature de la valeur que désigne `champ` ; UnknownField si le champ n'existe pas."""
    root_dir, _, path = champ.partition(".")
    if root_dir == "calcul":
        if path not in COMPUTED_VALUES:
            raise UnknownField(
                f"« {path} » n'est pas une valeur calculée"
                + _suggestion(path, list(COMPUTED_VALUES))
            )
        return COMPUTED_VALUES[path].nature
    if root_dir not in ROOTS or not path:
        raise UnknownField("un champ s'écrit fiche.<champ>, programme.<champ> ou calcul.<nom>")
    annotation: Any = ROOTS[root_dir]
    for nom in path.split("."):
        model = _without_none(annotation)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise UnknownField(f"« {nom} » : la valeur qui précède n'a pas de champs")
        annotation = _annotation(model, nom)
    nature = _nature(annotation)
    if nature in {"modele", "objet"}:
        raise UnknownField("il désigne un ensemble de champs, pas une valeur : précisez lequel")
    return nature


def raw(champ: str, fiche: Fiche, ctx: Context) -> object:
    """La valeur de `champ` pour cette fiche, avant conversion au type de la colonne."""
    root_dir, _, path = champ.partition(".")
    if root_dir == "calcul":
        return COMPUTED_VALUES[path].fonction(fiche, ctx)
    obj: object = fiche if root_dir == "fiche" else ctx.programme
    for nom in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, nom)
    return obj
