"""Les colonnes du tableur ANCT, lues dans templates/anct/colonnes.yaml : validation et valeur d'une colonne pour une fiche.

L'ANCT change les colonnes de sa plateforme de recensement : leur liste est une donnée, pas du
code. Ce module vérifie le fichier au chargement (clé, champ ou type inconnu : erreur qui nomme
la colonne) et convertit la valeur de chaque cellule au type de sa colonne ; export_xlsx.py ne
fait que l'écrire. Les valeurs calculées sont dans computed.py, les chemins de champs dans fields.py.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from acvkit.anct.computed import Context
from acvkit.anct.fields import UnknownField, field_nature, raw
from acvkit.errors import MappingError as MappingError
from acvkit.models import DetailedItem, Fiche
from acvkit.money import format_euros
from acvkit.periods import Periode

ColumnType = Literal["texte", "entier", "montant", "date", "liste"]
ListName = Literal["types", "statuts", "sous_axes"]

# Le nom d'un type de colonne dans les messages : « … n'est pas un montant ».
TYPE_NAMES: dict[str, str] = {
    "texte": "du texte",
    "entier": "un nombre entier",
    "montant": "un montant",
    "date": "une date",
    "liste": "une liste",
}

# Quelle nature de valeur peut remplir quel type de colonne (tout s'écrit en texte).
COMPATIBLE: dict[str, set[str]] = {
    "texte": {"texte", "entier", "montant", "date", "liste"},
    "liste": {"texte", "liste"},
    "entier": {"entier"},
    "montant": {"montant", "entier"},
    "date": {"date"},
}

DEFAULT_FORMATS: dict[str, str] = {
    "texte": "@",
    "liste": "@",
    "entier": "0",
    "montant": '#,##0.00 "€"',
    "date": "DD/MM/YYYY",
}


class Column(BaseModel):
    """Une colonne de la feuille « Actions »."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    entete: str = Field(min_length=1)
    champ: str = Field(min_length=1)
    type: ColumnType
    format: str | None = Field(default=None, min_length=1)
    largeur: int | float | None = Field(default=None, gt=0, le=255)
    separateur: str | None = Field(default=None, min_length=1)
    validation: ListName | None = None

    @property
    def number_format(self) -> str:
        return self.format or DEFAULT_FORMATS[self.type]


class ColonnesAnct(BaseModel):
    """Le fichier des colonnes : la liste ordonnée des colonnes de la feuille « Actions »."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    colonnes: list[Column] = Field(min_length=1)


# --- Chargement --------------------------------------------------------------------------------


def _column_name(raw: object, index: int) -> str:
    entete = None
    if isinstance(raw, dict):
        colonnes = raw.get("colonnes")
        if isinstance(colonnes, list) and index < len(colonnes):
            element = colonnes[index]
            if isinstance(element, dict) and isinstance(element.get("entete"), str):
                entete = element["entete"]
    return f"colonne {index + 1}" + (f" « {entete} »" if entete else "")


# Ce que disent les erreurs de Pydantic, en français.
ERROR_MESSAGES: dict[str, str] = {
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


def _message_pydantic(exc: ValidationError, raw: object) -> list[str]:
    messages = []
    for error in exc.errors():
        loc = list(error["loc"])
        where = "fichier"
        if len(loc) >= 2 and loc[0] == "colonnes" and isinstance(loc[1], int):
            where = _column_name(raw, loc[1])
            loc = loc[2:]
        elif loc[:1] == ["colonnes"]:
            where = "colonnes"
            loc = loc[1:]
        key = ".".join(str(p) for p in loc)
        kind = error["type"]
        if kind == "extra_forbidden":
            allowed = ", ".join(Column.model_fields) if where.startswith("colonne ") else "colonnes"
            texte = f"clé inconnue « {key} » (clés admises : {allowed})"
        elif kind == "missing":
            texte = f"clé « {key} » manquante"
        elif kind == "literal_error" and key in Column.model_fields:
            permitted = get_args(Column.model_fields[key].annotation)
            valeurs = [a for p in permitted for a in (get_args(p) or [p]) if isinstance(a, str)]
            texte = f"{key} « {error['input']} » inconnu (possibles : {', '.join(valeurs)})"
        elif kind == "too_short" and where == "colonnes":
            texte = "la liste des colonnes est vide"
        else:
            expected = ERROR_MESSAGES.get(kind, f"valeur refusée ({error['msg']})")
            texte = f"« {key or 'colonnes'} » : {expected}"
        messages.append(f"{where} : {texte}")
    return messages


def load_colonnes(path: Path) -> ColonnesAnct:
    """Lit et vérifie le fichier des colonnes ; MappingError (en français) s'il est faux."""
    if not path.is_file():
        raise MappingError(f"colonnes du tableur ANCT introuvables : {path.as_posix()}")
    try:
        raw = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path.as_posix()} : fichier YAML illisible ({exc})") from exc
    if not isinstance(raw, dict):
        raise MappingError(
            f"{path.as_posix()} : on attend une clé « colonnes » (liste de colonnes)"
        )
    try:
        colonnes = ColonnesAnct.model_validate(raw)
    except ValidationError as exc:
        raise MappingError(
            f"{path.as_posix()} : " + " ; ".join(_message_pydantic(exc, raw))
        ) from exc
    problems = []
    seen: set[str] = set()
    for index, column in enumerate(colonnes.colonnes):
        nom = f"colonne {index + 1} « {column.entete} »"
        if column.entete in seen:
            problems.append(f"{nom} : en-tête en double")
        seen.add(column.entete)
        try:
            nature = field_nature(column.champ)
        except UnknownField as exc:
            problems.append(f"{nom} : champ inconnu « {column.champ} » ({exc})")
            continue
        if nature not in COMPATIBLE[column.type]:
            problems.append(
                f"{nom} : le champ « {column.champ} » donne {TYPE_NAMES[nature]}, "
                f"il ne peut pas remplir une colonne de type {column.type}"
            )
        if column.validation is not None and column.type != "texte":
            problems.append(f"{nom} : une liste déroulante demande une colonne de type texte")
        if column.separateur is not None and column.type not in {"texte", "liste"}:
            problems.append(f"{nom} : un séparateur n'a de sens que pour du texte ou une liste")
    if problems:
        raise MappingError(f"{path.as_posix()} : " + " ; ".join(problems))
    return colonnes


# --- La valeur d'une cellule --------------------------------------------------------------------

Value = str | int | Decimal | date | None


def _text(valeur: object) -> str:
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


def _lines(element: object) -> list[str]:
    if isinstance(element, DetailedItem):
        return [element.texte, *(f"– {d}" for d in element.details)]
    return [_text(element)]


def valeur(column: Column, fiche: Fiche, ctx: Context) -> Value:
    """La valeur de la cellule : texte, entier, Decimal, date, ou None pour une cellule vide."""
    v = raw(column.champ, fiche, ctx)
    if v is None or v == "" or v == []:
        return None
    if column.type in {"texte", "liste"}:
        if isinstance(v, list):
            lines = [line for element in v for line in _lines(element)]
            return (column.separateur or "\n").join(lines) or None
        return _text(v)
    if column.type == "entier" and isinstance(v, int) and not isinstance(v, bool):
        return v
    if column.type == "montant" and isinstance(v, Decimal | int) and not isinstance(v, bool):
        return Decimal(v)
    if column.type == "date" and isinstance(v, date) and not isinstance(v, datetime):
        return v
    raise MappingError(
        f"colonne « {column.entete} » : la FA {fiche.numero} donne « {v} », "
        f"qui n'est pas {TYPE_NAMES[column.type]}"
    )
