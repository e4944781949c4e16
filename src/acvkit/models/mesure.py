"""Les mesures d'un indicateur d'évaluation : valeur de référence, cibles et valeurs observées.

Une valeur est un nombre exact (Decimal, jamais un flottant), lu comme un montant : ni texte, ni
hexadécimal, ni nombre infini ; contrairement à un montant, elle peut être négative (une évolution)
et porter jusqu'à six décimales (un taux).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from acvkit.models.common import MONTANT_CEILING, Identifier, StrictModel, is_non_decimal


class Perimetre(StrEnum):
    """Périmètre d'observation d'un indicateur."""

    COMMUNE = "commune"
    EPCI = "epci"
    CENTRE_VILLE = "centre-ville"


class Sens(StrEnum):
    """Le sens du progrès d'un indicateur."""

    HAUSSE = "hausse"
    BAISSE = "baisse"


MAX_DECIMALS = 6


def _mesure_value(valeur: Any) -> Decimal:
    # Mêmes types d'erreur que les montants : même code de diagnostic (SCH004), message propre.
    if isinstance(valeur, bool):
        raise PydanticCustomError(
            "montant_type",
            "« {valeur} » n'est pas une valeur : écrivez un nombre",
            {"valeur": valeur},
        )
    if isinstance(valeur, int) and is_non_decimal(valeur):
        raise PydanticCustomError(
            "montant_texte",
            "valeur écrite en hexadécimal, octal ou binaire ({valeur}) : écrivez-la en chiffres",
            {"valeur": valeur},
        )
    if isinstance(valeur, int):
        count = Decimal(valeur)
    elif isinstance(valeur, Decimal):
        count = valeur
    elif isinstance(valeur, float):
        # Ne survient qu'avec des données construites en Python : repr donne l'écriture la plus courte.
        count = Decimal(repr(valeur))
    elif isinstance(valeur, str):
        raise PydanticCustomError(
            "montant_texte",
            "valeur écrite comme du texte (« {valeur} ») : écrivez un nombre sans espace ni unité, "
            "par exemple 42.5 (l'unité va dans « unite »)",
            {"valeur": valeur},
        )
    else:
        raise PydanticCustomError(
            "montant_type", "une valeur doit être un nombre, par exemple 42.5", {}
        )
    if not count.is_finite() or abs(count) >= MONTANT_CEILING:
        raise PydanticCustomError(
            "montant_fini", "valeur non finie ou démesurée (« {valeur} »)", {"valeur": str(valeur)}
        )
    decimal_exponent = count.as_tuple().exponent
    if (
        isinstance(decimal_exponent, int)
        and decimal_exponent < -MAX_DECIMALS
        and count != count.quantize(Decimal(1).scaleb(-MAX_DECIMALS))
    ):
        raise PydanticCustomError(
            "montant_fini",
            "valeur avec plus de six décimales ({valeur})",
            {"valeur": f"{count:f}"},
        )
    return count


MesureValue = Annotated[
    Decimal,
    BeforeValidator(_mesure_value),
    WithJsonSchema(
        {
            "type": "number",
            "exclusiveMinimum": -MONTANT_CEILING,
            "exclusiveMaximum": MONTANT_CEILING,
            "title": "Valeur",
            "description": "Un nombre simple, sans espace ni unité (42.5) ; six décimales au plus.",
        }
    ),
]


def _annee(valeur: Any) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, int) or not 1900 <= valeur <= 2100:
        raise PydanticCustomError(
            "annee",
            "année invalide « {valeur} » : écrivez-la en chiffres, par exemple 2024",
            {"valeur": valeur},
        )
    return valeur


Annee = Annotated[
    int,
    BeforeValidator(_annee),
    WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2100}),
]


class Reference(StrictModel):
    """La valeur de départ de l'indicateur (situation de référence)."""

    annee: Annee = Field(title="Année", description="Année de la valeur de référence : 2023.")
    valeur: MesureValue = Field(title="Valeur", description="La valeur de référence : 42.5.")
    source: str | None = Field(None, title="Source", description="D'où vient cette valeur.")


class Cible(StrictModel):
    """Une valeur visée à une année donnée."""

    annee: Annee = Field(title="Année", description="Année de la cible : 2026.")
    valeur: MesureValue = Field(title="Valeur", description="La valeur visée : 60.")


class Mesure(StrictModel):
    """Une valeur observée une année, pour un territoire et un périmètre."""

    annee: Annee = Field(title="Année", description="Année de l'observation : 2024.")
    valeur: MesureValue = Field(title="Valeur", description="La valeur observée : 47.1.")
    territoire: Identifier | None = Field(
        None,
        title="Territoire",
        description="Identifiant de la collectivité observée (ville-sur-val) quand le périmètre le demande.",
    )
    perimetre: Perimetre | None = Field(
        None,
        title="Périmètre",
        description="commune, epci ou centre-ville (parmi ceux de l'indicateur).",
    )
    source: str | None = Field(None, title="Source", description="D'où vient cette valeur.")
    commentaire: str | None = Field(
        None, title="Commentaire", description="Précision sur la valeur : « provisoire »."
    )
