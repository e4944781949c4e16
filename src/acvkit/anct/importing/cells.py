"""Les cellules du tableur d'`acv import` : formules et erreurs refusées, montants vérifiés comme en YAML."""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import TypeAdapter

LENGTH_MAX = 32_767  # caractères d'une cellule de tableur


@functools.cache
def _montants() -> TypeAdapter[Decimal]:
    """Le validateur des montants, construit une fois (le construire coûte plus que valider)."""
    from pydantic import TypeAdapter

    from acvkit.models.common import Montant

    return TypeAdapter(Montant)


def montant(valeur: Any) -> Decimal | None:
    """Un montant de cellule, vérifié comme dans le YAML (models.common.Montant) ; ValueError sinon."""
    from pydantic import ValidationError

    if valeur is None or valeur == "":
        return None
    if isinstance(valeur, str):
        texte = valeur.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("€", "")
        try:
            valeur = Decimal(texte.replace(",", "."))
        except InvalidOperation as exc:
            raise ValueError(f"« {valeur} » n'est pas un montant") from exc
    elif isinstance(valeur, float):
        valeur = Decimal(repr(valeur))
    try:
        montant: Decimal = _montants().validate_python(valeur)
    except ValidationError as exc:
        raise ValueError(exc.errors()[0]["msg"]) from None
    return montant


def cell(cell: Any) -> Any:
    """La valeur d'une cellule ; ValueError pour une formule, une erreur, un texte démesuré."""
    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.data_type == "f"):
        raise ValueError(f"formule « {cell.value} » : écrivez la valeur elle-même")
    if cell.data_type == "e":
        raise ValueError(f"valeur d'erreur {cell.value} dans la cellule")
    valeur = cell.value
    if isinstance(valeur, str) and len(valeur) > LENGTH_MAX:
        raise ValueError(f"texte de {len(valeur)} caractères (limite {LENGTH_MAX})")
    return valeur


def texte(valeur: Any) -> str | None:
    """Le texte d'une cellule de colonne texte ; ValueError pour une date ou un nombre décimal."""
    if valeur is None or valeur == "":
        return None
    if isinstance(valeur, bool):
        raise ValueError(f"« {valeur} » : un texte est attendu")
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, float) and valeur.is_integer() and abs(valeur) < 10**15:
        return str(int(valeur))
    if not isinstance(valeur, str):
        raise ValueError(f"« {valeur} » : un texte est attendu")
    return valeur
