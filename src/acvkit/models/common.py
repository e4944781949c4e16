"""Types de base des modèles : montants exacts, périodes floues, identifiants, énumérations."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from acvkit.periods import Periode, parse_periode


class StrictModel(BaseModel):
    """Base de tous les modèles : toute clé inconnue est refusée, les instances sont figées."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def __reduce__(self) -> tuple[Any, ...]:
        # Un modèle validé passe d'un processus à l'autre et va dans le cache : sérialisé par ses
        # seules valeurs (sans __getstate__/__setstate__ de Pydantic, deux fois plus lents).
        return (_rebuild, (type(self), self.__dict__, self.__pydantic_fields_set__))


def _rebuild(cls: type[StrictModel], values: dict[str, Any], fields_set: set[str]) -> StrictModel:
    """Un modèle rebâti tel quel à partir de ses valeurs déjà validées (pickle)."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", fields_set)
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


class Base(StrEnum):
    """Base d'un montant : HT (hors taxes) ou TTC (toutes taxes comprises)."""

    HT = "HT"
    TTC = "TTC"


_FRENCH_AMOUNT = re.compile(
    r"^\s*(?P<number>\d[\d \u00a0\u202f]*(?:[.,]\d+)?)\s*(?P<unit>[kKmM]\s*€?|€|euros?|EUR)?\s*$"
)
_MULTIPLIERS = {"k": 1000, "m": 1_000_000}


def french_amount(texte: str) -> dict[str, str]:
    """Pourquoi un montant écrit « à la française » n'est pas un nombre YAML, et ce qu'il faut
    écrire : {"pourquoi": " : virgule décimale, unité « M€ »", "exemple": "1400000"}."""
    m = _FRENCH_AMOUNT.match(texte)
    if m is None:
        return {"pourquoi": "", "exemple": "1712934 ou 100625.61"}
    number, unit = m.group("number"), (m.group("unit") or "").strip()
    reasons = []
    if "," in number:
        reasons.append("virgule décimale")
    if re.search(r"\d[ \u00a0\u202f]\d", number):
        reasons.append("espaces entre les milliers")
    if unit:
        reasons.append(f"unité « {unit} »")
    digits = re.sub(r"[ \u00a0\u202f]", "", number).replace(",", ".")
    try:
        montant = Decimal(digits) * _MULTIPLIERS.get(unit[:1].lower(), 1)
    except InvalidOperation:
        return {"pourquoi": "", "exemple": "1712934 ou 100625.61"}
    example = f"{montant:.0f}" if montant == montant.to_integral() else f"{montant:.2f}"
    return {"pourquoi": (" : " + ", ".join(reasons)) if reasons else "", "exemple": example}


def is_non_decimal(valeur: int) -> bool:
    """0x10, 0o10, 0b10 : lus par les deux chemins de lecture avec un type qui le dit."""
    return type(valeur).__name__ in {
        "NonDecimalInt",
        "HexInt",
        "HexCapsInt",
        "OctalInt",
        "BinaryInt",
    }


# Un montant reste sous 10 000 milliards d'euros : au centime, 15 chiffres significatifs au plus,
# il s'écrit alors exactement en nombre JSON (la forme la plus courte du flottant redonne le texte).
MONTANT_CEILING = 10**13


def _montant(valeur: Any) -> Decimal:
    if isinstance(valeur, bool):
        raise PydanticCustomError(
            "montant_type",
            "« {valeur} » n'est pas un montant : écrivez un nombre",
            {"valeur": valeur},
        )
    if isinstance(valeur, int) and is_non_decimal(valeur):
        raise PydanticCustomError(
            "montant_texte",
            "montant écrit en hexadécimal, octal ou binaire ({valeur}) : écrivez-le en chiffres, "
            "par exemple 1712934",
            {"valeur": valeur},
        )
    if isinstance(valeur, int):
        montant = Decimal(valeur)
    elif isinstance(valeur, Decimal):
        montant = valeur
    elif isinstance(valeur, float):
        # Ne survient qu'avec des données construites en Python : repr donne l'écriture la plus courte.
        montant = Decimal(repr(valeur))
    elif isinstance(valeur, str):
        raise PydanticCustomError(
            "montant_texte",
            "montant écrit comme du texte (« {valeur} »){pourquoi} : écrivez un nombre en euros "
            "sans espace ni symbole, avec un point décimal, par exemple {exemple}",
            {"valeur": valeur, **french_amount(valeur)},
        )
    else:
        raise PydanticCustomError(
            "montant_type", "un montant doit être un nombre, par exemple 1712934 ou 100625.61", {}
        )
    if not montant.is_finite():
        raise PydanticCustomError(
            "montant_fini", "montant non fini (« {valeur} »)", {"valeur": valeur}
        )
    if montant < 0:
        raise PydanticCustomError(
            "montant_negatif",
            "montant négatif ({valeur}) : un montant est positif ou nul",
            {"valeur": valeur},
        )
    try:
        decimal_exponent = montant.as_tuple().exponent
        centimes = montant.quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise PydanticCustomError(
            "montant_fini", "montant démesuré (« {valeur} »)", {"valeur": str(valeur)}
        ) from exc
    if montant >= MONTANT_CEILING:
        raise PydanticCustomError(
            "montant_fini",
            "montant démesuré ({valeur}) : au-delà de 10 000 milliards d'euros, sans doute une "
            "faute de frappe",
            {"valeur": f"{montant:f}"},
        )
    if isinstance(decimal_exponent, int) and decimal_exponent < -2 and centimes != montant:
        raise PydanticCustomError(
            "montant_decimales",
            "montant avec plus de deux décimales ({valeur}) : les montants sont au centime près",
            {"valeur": f"{montant:f}"},
        )
    return montant


Montant = Annotated[
    Decimal,
    BeforeValidator(_montant),
    # En JSON, un montant est un nombre (pas un texte) ; MONTANT_CEILING garantit qu'il est exact.
    PlainSerializer(lambda d: float(d), return_type=float, when_used="json"),
    WithJsonSchema(
        {
            "type": "number",
            "minimum": 0,
            "exclusiveMaximum": MONTANT_CEILING,
            "title": "Montant en euros",
            "description": "Montant en euros : un nombre simple, au plus deux décimales, sans espace "
            "ni symbole (1712934 ou 100625.61).",
        }
    ),
]


TAUX_DECIMALS = 4


def _taux(valeur: Any) -> Decimal:
    """Un pourcentage écrit en nombre (60, 33.5) : plus de 0 et au plus 100, quatre décimales au plus."""
    if isinstance(valeur, bool) or not isinstance(valeur, int | Decimal | float):
        raise PydanticCustomError(
            "montant_texte" if isinstance(valeur, str) else "montant_type",
            "taux écrit comme du texte (« {valeur} ») : écrivez un nombre sans « % », par exemple "
            "60 pour 60 % du coût",
            {"valeur": str(valeur)},
        )
    if isinstance(valeur, int) and is_non_decimal(valeur):
        raise PydanticCustomError(
            "montant_texte",
            "taux écrit en hexadécimal, octal ou binaire ({valeur})",
            {"valeur": valeur},
        )
    taux = Decimal(repr(valeur)) if isinstance(valeur, float) else Decimal(valeur)
    if not taux.is_finite() or not 0 < taux <= 100:
        raise PydanticCustomError(
            "montant_fini",
            "taux hors de 0 à 100 ({valeur}) : un taux est un pourcentage du coût",
            {"valeur": str(valeur)},
        )
    if taux != taux.quantize(Decimal(1).scaleb(-TAUX_DECIMALS)):
        raise PydanticCustomError(
            "montant_decimales",
            "taux avec plus de quatre décimales ({valeur})",
            {"valeur": f"{taux:f}"},
        )
    return taux


Taux = Annotated[
    Decimal,
    BeforeValidator(_taux),
    PlainSerializer(lambda d: float(d), return_type=float, when_used="json"),
    WithJsonSchema(
        {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 100,
            "title": "Taux en pourcentage",
            "description": "Un pourcentage du coût, sans « % » : 60 pour 60 %.",
        }
    ),
]


def _periode(valeur: Any) -> Periode:
    if isinstance(valeur, Periode):
        return valeur
    if isinstance(valeur, bool) or not isinstance(valeur, str | int):
        raise PydanticCustomError(
            "periode_type", "une période s'écrit comme du texte, par exemple « T1 2025 »", {}
        )
    return parse_periode(str(valeur))


FuzzyPeriode = Annotated[
    Periode,
    BeforeValidator(_periode),
    PlainSerializer(lambda p: p.texte, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "title": "Période",
            "description": "Période telle qu'écrite : « 2024 », « T1-T2 2024 », « Eté 2023 », "
            "« Fin 2026 », « 2027-2029 », « A déterminer »…",
        }
    ),
]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _identifier(valeur: Any) -> str:
    if not isinstance(valeur, str) or not _ID.match(valeur):
        raise PydanticCustomError(
            "identifiant",
            "identifiant invalide « {valeur} » : minuscules, chiffres et tirets, par exemple "
            "« ville-sur-val »",
            {"valeur": valeur},
        )
    return valeur


Identifier = Annotated[str, BeforeValidator(_identifier)]

_CODE = re.compile(r"^[1-5]\.\d{1,2}$")


def code_written_as_number(valeur: Any) -> PydanticCustomError | None:
    """Un code écrit comme un nombre YAML (`4.2`, `3`) : l'erreur qui donne la forme entre guillemets.

    Sans guillemets, YAML lit un nombre (`4.10` vaut 4,1 pour l'éditeur) : le schéma le refuse,
    acv validate aussi, avec la correction à recopier (que `acv fmt` fait tout seul).
    """
    if isinstance(valeur, bool) or not isinstance(valeur, int | float | Decimal):
        return None
    texte = f"{valeur:f}" if isinstance(valeur, Decimal) else str(valeur)
    return PydanticCustomError(
        "code_nombre",
        'code écrit comme un nombre ({texte}) : mettez-le entre guillemets, "{texte}" '
        "(ou lancez acv fmt)",
        {"texte": texte},
    )


def _code_sous_axe(valeur: Any) -> str:
    count = code_written_as_number(valeur)
    if count is not None:
        raise count
    texte = str(valeur)
    if isinstance(valeur, bool) or not isinstance(valeur, str) or not _CODE.match(texte):
        raise PydanticCustomError(
            "code_sous_axe",
            'code de sous-axe invalide « {valeur} » : écrivez par exemple "4.2"',
            {"valeur": valeur},
        )
    return texte


CodeSousAxe = Annotated[
    str,
    BeforeValidator(_code_sous_axe),
    WithJsonSchema({"type": "string", "pattern": _CODE.pattern}),
]

# Le classement d'une fiche : un sous-axe (« 4.2 »), l'axe seul quand le programme n'a pas de
# sous-axe (« 4 », une convention-cadre de 2018), ou l'axe transversal (« transversal »).
_CLASSEMENT = re.compile(r"^([1-5](\.\d{1,2})?|transversal)$")


def _classement(valeur: Any) -> str:
    count = code_written_as_number(valeur)
    if count is not None:
        raise count
    texte = str(valeur)
    if isinstance(valeur, bool) or not isinstance(valeur, str) or not _CLASSEMENT.match(texte):
        raise PydanticCustomError(
            "code_sous_axe",
            'classement invalide « {valeur} » : un sous-axe ("4.2"), un axe sans sous-axe ("4") '
            "ou transversal",
            {"valeur": valeur},
        )
    return texte


Classement = Annotated[
    str,
    BeforeValidator(_classement),
    WithJsonSchema({"type": "string", "pattern": _CLASSEMENT.pattern}),
]


def _integer(valeur: Any) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, int):
        # Un booléen YAML est montré comme il est écrit (« true »), jamais comme le nombre 1.
        written = ("true" if valeur else "false") if isinstance(valeur, bool) else str(valeur)
        raise PydanticCustomError(
            "entier", "nombre entier attendu, trouvé « {ecrit} »", {"ecrit": written}
        )
    return valeur


ANNEE_MIN, ANNEE_MAX = 1990, 2100


def _annee(valeur: Any) -> int:
    annee = _integer(valeur)
    if not ANNEE_MIN <= annee <= ANNEE_MAX:
        raise PydanticCustomError(
            "annee",
            "année {annee} hors de l'intervalle admis ({min}–{max})",
            {"annee": annee, "min": ANNEE_MIN, "max": ANNEE_MAX},
        )
    return annee


Annee = Annotated[
    int,
    BeforeValidator(_annee),
    WithJsonSchema({"type": "integer", "minimum": ANNEE_MIN, "maximum": ANNEE_MAX}),
]


Integer = Annotated[int, BeforeValidator(_integer)]
