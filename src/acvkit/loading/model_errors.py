"""Traduction des erreurs de validation Pydantic en diagnostics français situés."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from acvkit.diagnostics import Diagnostic, Severity
from acvkit.yaml.document import YamlDocument
from acvkit.yaml.positions import Loc

# Erreurs propres aux types acvkit : leur code de diagnostic.
CUSTOM_CODES = {
    "montant_texte": "SCH004",
    "montant_type": "SCH004",
    "montant_fini": "SCH004",
    "montant_negatif": "MON004",
    "montant_decimales": "MON004",
    "identifiant": "SCH005",
}


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Le modèle Pydantic qui décrit le tableau de clés désigné par `loc` (None s'il n'y en a pas)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            continue  # étiquette de membre d'union (« DetailedItem »), pas une clé
        current = inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = inner_model(arg)
            if found is not None:
                return found
    return None


def _field_name(loc: Loc, model: type[BaseModel]) -> str:
    """Le nom de clé le plus proche dans `loc`, pour les messages (« cout.total »)."""
    names = [str(p) for p in loc if isinstance(p, str)]
    return ".".join(names) if names else model.__name__.lower()


def _union_tags() -> set[str]:
    from acvkit.models import StrictModel

    names = {"str", "int", "float", "bool", "none", "list", "dict"}
    pending: list[type[BaseModel]] = [StrictModel]
    while pending:
        for sub in pending.pop().__subclasses__():
            names.add(sub.__name__)
            pending.append(sub)
    return names


_TAG_PREFIXES = (
    "function-",
    "list[",
    "dict[",
    "is-instance[",
    "lax-or-strict",
    "json-or-python",
    "union[",
)


def _is_union_tag(part: str) -> bool:
    # Pydantic nomme les membres d'union (« str », « DetailedItem », « function-before[…] ») dans le
    # chemin d'erreur : ce ne sont pas des clés du fichier. Une clé « Lancement » en est une.
    return part in _union_tags() or part.startswith(_TAG_PREFIXES)


def _clean_loc(loc: Loc) -> Loc:
    return tuple(p for p in loc if isinstance(p, int) or not _is_union_tag(p))


def _expected(ctx: dict[str, Any] | None) -> str:
    expected = str((ctx or {}).get("expected", ""))
    return expected.replace("'", "").replace(" or ", ", ")


def _message(error: Any, model: type[BaseModel], loc: Loc) -> tuple[str, str, bool]:
    """(code, message, situer sur la clé ?) pour une erreur Pydantic."""
    kind = error["type"]
    nom = _field_name(loc, model)
    valeur = error.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else nom
        parent = _model_at(model, loc[:-1])
        amounts = [f for f in (parent.model_fields if parent else {}) if f.startswith("montant")]
        if amounts and key[:1].isdigit():
            # `{financeur: x, montant: 1,40 M€}` : dans une ligne entre accolades, la virgule
            # sépare les clés ; le montant vaudrait 1 et « 40 M€ » serait une clé.
            return (
                "SCH001",
                f"clé « {key} » : un montant coupé par sa virgule décimale (dans une ligne "
                f"{{…}}, la virgule sépare les clés : « {amounts[0]}: 1,40 M€ » se lit "
                f"{amounts[0]}: 1 puis une clé « 40 M€ ») ; écrivez le montant en euros avec un "
                "point décimal, sans unité : 1400000 ou 1400000.50",
                True,
            )
        message = f"clé inconnue « {key} »"
        if parent is not None:
            close_matches = difflib.get_close_matches(
                key, list(parent.model_fields), n=1, cutoff=0.6
            )
            if close_matches:
                message += f" : vouliez-vous dire « {close_matches[0]} » ?"
            else:
                message += " (clés admises : " + ", ".join(parent.model_fields) + ")"
        return "SCH001", message, True
    if kind == "missing":
        return "SCH002", f"clé obligatoire « {loc[-1] if loc else nom} » absente", False
    if kind in CUSTOM_CODES:
        return CUSTOM_CODES[kind], f"« {nom} » : {error['msg']}", False
    if kind in {"literal_error", "enum"}:
        return (
            "SCH003",
            f"valeur « {valeur} » non admise pour « {nom} » (valeurs admises : {_expected(error.get('ctx'))})",
            False,
        )
    if kind == "string_type":
        return "SCH003", f"« {nom} » doit être un texte", False
    if kind == "list_type":
        return "SCH003", f"« {nom} » doit être une liste (lignes commençant par « - »)", False
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "SCH003", f"« {nom} » doit être un tableau de clés (mapping)", False
    if kind.startswith(("date_", "datetime_")):
        return "SCH003", f"« {nom} » : date invalide « {valeur} », écrivez AAAA-MM-JJ", False
    if kind == "string_pattern_mismatch":
        return "SCH003", f"« {nom} » : format invalide « {valeur} »", False
    if kind in {"greater_than", "greater_than_equal"}:
        bound = (error.get("ctx") or {}).get("gt", (error.get("ctx") or {}).get("ge"))
        return "SCH003", f"« {nom} » doit être supérieur à {bound}", False
    if kind in _KINDS:
        return "SCH003", f"« {nom} » : {_KINDS[kind]}, trouvé « {valeur} »", False
    if kind in {"string_too_long", "too_long"}:
        most = (error.get("ctx") or {}).get("max_length")
        return "SCH003", f"« {nom} » : trop long (au plus {most})", False
    if kind in {"string_too_short", "too_short"}:
        least = (error.get("ctx") or {}).get("min_length")
        return "SCH003", f"« {nom} » : trop court (au moins {least})", False
    if kind in {"less_than", "less_than_equal"}:
        bound = (error.get("ctx") or {}).get("lt", (error.get("ctx") or {}).get("le"))
        return "SCH003", f"« {nom} » doit être inférieur à {bound}", False
    message = str(error["msg"]).removeprefix("Value error, ")
    return "SCH003", f"« {nom} » : {message}", False


# Les erreurs de type de pydantic (messages anglais) : ce qui était attendu, en français.
_KINDS = {
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "decimal_parsing": "nombre attendu",
    "decimal_type": "nombre attendu",
    "bool_parsing": "oui ou non (true, false) attendu",
    "bool_type": "oui ou non (true, false) attendu",
    "none_required": "aucune valeur attendue",
    "finite_number": "nombre fini attendu",
}


def french_summary(exc: ValidationError, model: type[BaseModel]) -> str:
    """Les erreurs de validation en une phrase française, sans position (« ; » entre elles)."""
    messages: list[str] = []
    for error in exc.errors(include_url=False):
        message = _message(error, model, _clean_loc(tuple(error["loc"])))[1]
        if message not in messages:
            messages.append(message)
    return " ; ".join(messages)


def validation_diagnostics(
    exc: ValidationError, model: type[BaseModel], doc: YamlDocument, base: Loc = ()
) -> list[Diagnostic]:
    """Un diagnostic par erreur, situé sur la clé ou la valeur fautive ; doublons d'union fusionnés."""
    diagnostics: dict[tuple[int, int, str], Diagnostic] = {}
    for error in exc.errors(include_url=False):
        loc = _clean_loc(tuple(error["loc"]))
        code, message, on_key = _message(error, model, loc)
        line, column = doc.locate(base + loc, key=on_key)
        diagnostic = Diagnostic(
            doc.path,
            line,
            column,
            code,
            Severity.ERROR,
            message,
            context=".".join(str(p) for p in loc),
        )
        diagnostics.setdefault((line, column, code), diagnostic)
    return list(diagnostics.values())


def french_message(error: Any, model: type[BaseModel]) -> str:
    """Le message français d'une erreur Pydantic de `model` (pour une option de commande)."""
    loc = _clean_loc(tuple(error.get("loc", ())))
    return _message(error, model, loc)[1]
