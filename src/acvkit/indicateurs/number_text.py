"""L'écriture des valeurs d'indicateurs : à la française pour les yeux, exacte pour les machines."""

from __future__ import annotations

from decimal import Decimal

NNBSP = "\u202f"  # espace fine insécable, séparateur des milliers
NBSP = "\u00a0"


def french_number(valeur: Decimal, separateur: str = NNBSP) -> str:
    """« 1 234,5 », « -3,17 », « 60 » : les décimales telles qu'écrites, virgule décimale ; un zéro
    n'a jamais de signe (« 0,0 », pas « -0,0 »)."""
    texte = f"{_unsigned_zero(valeur):f}"
    sign = "-" if texte.startswith("-") else ""
    whole, _, decimals = texte.lstrip("-").partition(".")
    groupes: list[str] = []
    while len(whole) > 3:
        groupes.insert(0, whole[-3:])
        whole = whole[:-3]
    groupes.insert(0, whole)
    out = sign + separateur.join(groupes)
    return out + ("," + decimals if decimals else "")


def with_unite(valeur: Decimal, unite: str | None) -> str:
    """« 47,1 km », « 12 % » : l'unité après une espace insécable."""
    texte = french_number(valeur)
    return f"{texte}{NBSP}{unite}" if unite else texte


def machine(valeur: Decimal | None) -> str | None:
    """L'écriture exacte du JSON : « 47.10 », « -3.17 » (texte, jamais un flottant)."""
    return None if valeur is None else f"{_unsigned_zero(valeur):f}"


def _unsigned_zero(valeur: Decimal) -> Decimal:
    """-0 (0 × −1 pour un indicateur en baisse, -0,001 arrondi) s'écrit 0."""
    return abs(valeur) if valeur.is_zero() else valeur
