"""Les données affichées ou exportées ne deviennent ni commande de terminal, ni formule de tableur.

- `visible` : chaque caractère de contrôle (C0, DEL, C1), séparateur de ligne Unicode ou
  caractère de direction (bidi) d'une donnée est écrit sous forme d'échappement lisible
  (« \\x1b », « \\n », « \\u202e ») dans toute sortie pour un humain (rapport texte de
  `validate`, `list`, `show`, tableaux de `costs`) : une valeur ne forge pas une fausse ligne de
  diagnostic et n'envoie pas de séquence ANSI au terminal. `texte` en fait un rich.Text, que rich
  n'interprète pas comme balisage (« [bold] », « [link=…] » restent du texte).
- `json_dumps` : le JSON de toute sortie, où ces mêmes caractères s'écrivent « \\uXXXX ».
- `csv_cell` : une cellule de CSV qui commencerait par « = », « + », « - », « @ », une
  tabulation ou un retour chariot est préfixée d'une apostrophe (recommandation OWASP contre
  l'injection de formules). Exception : un nombre simple (« -1234,50 », écrit par acvkit
  lui-même pour un montant négatif) reste un nombre, qu'un tableur lit comme tel et qui ne peut
  rien exécuter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich n'est chargé que pour un rich.Text : `visible` s'en passe
    from rich.text import Text

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Contrôles C0, DEL, C1 ; séparateurs de ligne et de paragraphe ; marques et isolats de direction.
_CONTROL_CHARS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)
_CONTROL_EXCEPT_NEWLINE = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    c = match.group(0)
    if c in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(valeur: object, *, lines: bool = False) -> str:
    """Le texte avec ses caractères de contrôle échappés ; `lignes=True` garde les retours « \\n »."""
    texte = "" if valeur is None else str(valeur)
    pattern = _CONTROL_EXCEPT_NEWLINE if lines else _CONTROL_CHARS
    if pattern.search(texte) is None and _SURROGATE.search(texte) is None:
        return texte
    texte = _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", texte)
    # Une barre oblique inverse n'est doublée que dans un texte qui contient un échappement :
    # un texte ordinaire s'affiche tel quel.
    return pattern.sub(_escape, texte.replace("\\", "\\\\"))


def texte(valeur: object, *, lines: bool = False, style: str = "") -> Text:
    """Un rich.Text sûr : contrôles échappés, aucun balisage rich interprété."""
    from rich.text import Text

    return Text(visible(valeur, lines=lines), style=style)


# Dans un JSON : échappés en « \\uXXXX » (sans perte : tout lecteur de JSON rend le caractère).
# Les contrôles C0 le sont déjà par json.dumps ; restent DEL, C1, séparateurs, bidi, BOM, et les
# demi-codets d'un nom de fichier qui n'était pas en UTF-8 (sinon l'octet n'est plus de l'UTF-8).
_JSON_UNSAFE = re.compile(
    r"[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _plain(valeur: object) -> str:
    """Une date (« 2024-01-02 ») ou un nombre exact (« 1712934.00 ») du JSON, en texte."""
    from datetime import date
    from decimal import Decimal

    if isinstance(valeur, date):
        return valeur.isoformat()
    if isinstance(valeur, Decimal):
        return f"{valeur:f}"
    raise TypeError(f"{type(valeur).__name__} n'a pas d'écriture JSON")


def json_dumps(document: object, *, indent: int | None = 2) -> str:
    """Le JSON d'un document, lisible (accents tels quels) et sans aucun caractère de contrôle,
    séparateur de ligne ou octet invalide : chacun écrit « \\uXXXX », que le lecteur retrouve."""
    import json

    texte = json.dumps(document, ensure_ascii=False, indent=indent, default=_plain)
    if _JSON_UNSAFE.search(texte) is None:
        return texte
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", texte)


_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^-?\d+(?:,\d+)?$")


def csv_cell(valeur: object) -> str:
    """Une cellule de CSV qu'aucun tableur ne prend pour une formule (voir le module)."""
    raw = "" if valeur is None else str(valeur)
    if _FORMULA.match(raw) and not _NUMBER.match(raw):
        return "'" + raw
    return raw
