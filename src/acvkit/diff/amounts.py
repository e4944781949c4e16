"""Montants, dates et valeurs d'indicateur écrits pour un lecteur, dans chaque sortie de la comparaison.

Les montants sont écrits à la française, base par base (« +8 499 € TTC ») : des bases différentes
ne sont jamais additionnées ; un montant non connu s'écrit « non chiffré ». Une date ISO s'écrit
JJ/MM/AAAA ; une valeur d'indicateur porte son unité (« 47,8 km »).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from acvkit.costs.fiche import BaseMontant
from acvkit.indicateurs.number_text import with_unite
from acvkit.money import format_euros

NOT_QUANTIFIED = "non chiffré"
# Une valeur absente (champ non écrit, liste vide) : des mots, jamais un tiret seul qu'un lecteur
# d'écran lirait « tiret ».
NOT_FILLED = "non renseigné"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _base(b: str) -> str:
    return " (base non précisée)" if b == BaseMontant.UNSPECIFIED.value else f" {b}"


def euros_bases(m: dict[str, str] | None, sign: bool = False) -> str:
    """« 241 501 € (base non précisée) », « 100 € HT ; 200 € TTC », « +8 499 € TTC », « 0 € »."""
    if m is None:
        return NOT_QUANTIFIED
    parts = []
    for b in (x.value for x in BaseMontant):
        v = Decimal(m[b])
        if v:
            texte = format_euros(v)
            if sign and v > 0:
                texte = "+" + texte
            parts.append(texte + _base(b))
    return " ; ".join(parts) if parts else format_euros(Decimal(0))


def day(iso: str | None) -> str:
    """« 2025-04-10 » → « 10/04/2025 » ; « ? » sans date."""
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "?"


def quantity(v: object, unite: str | None) -> str:
    """Une valeur d'indicateur (texte exact « 47.8 ») écrite avec son unité : « 47,8 km »."""
    try:
        return with_unite(Decimal(str(v)), unite)
    except InvalidOperation:
        return str(v)
