"""Montants en euros : lecture exacte en Decimal et écriture à la française (« 1 712 934 € »)."""

from __future__ import annotations

from decimal import Decimal

CENT = Decimal("0.01")
NBSP = "\u00a0"  # espace insécable entre le nombre et « € »
NNBSP = "\u202f"  # espace fine insécable, séparateur des milliers


def format_euros(montant: Decimal, *, separateur: str = NNBSP, with_symbol: bool = True) -> str:
    """« 1 712 934 € », « 100 625,61 € » : les centimes seulement quand il y en a."""
    sign = "-" if montant < 0 else ""
    # Le format de Decimal groupe les milliers (« 1,712,934.00 ») : la virgule devient l'espace fine.
    whole, _, decimals = f"{abs(montant).quantize(CENT):,f}".partition(".")
    texte = sign + whole.replace(",", separateur)
    if decimals.strip("0"):
        texte += "," + decimals
    return texte + (f"{NBSP}€" if with_symbol else "")


def format_plain(montant: Decimal) -> str:
    """Écriture machine stable : « 1712934.00 »."""
    return f"{montant.quantize(CENT):f}"
