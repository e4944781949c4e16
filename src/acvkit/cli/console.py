"""Une console qui ne sait pas tout écrire (Windows en cp1252, LANG=C) : jamais une erreur.

`acv` écrit de l'UTF-8 quand la console le permet. Sinon (PYTHONIOENCODING=cp1252, console
Windows ancienne), les accents, « » et les espaces insécables passent tels quels (cp1252 les a),
et un signe que la page de code n'a pas est remplacé par un équivalent lisible (✖ → ×, → → ->)
ou, à défaut, par « ? » : la commande va au bout au lieu de s'arrêter sur une « erreur interne ».
Réglé par le point d'entrée de la commande (acvkit.cli.main), jamais par la bibliothèque.
"""

from __future__ import annotations

import codecs
import sys

HANDLER = "acvkit-console"
FALLBACKS = {
    "✖": "×",
    "✔": "v",
    "→": "->",
    "←": "<-",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "\u202f": "\u00a0",
    "…": "...",
}


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for char in exc.object[exc.start : exc.end]:
        replacement = FALLBACKS.get(char, "?")
        try:
            replacement.encode(exc.encoding)
        except UnicodeEncodeError:
            replacement = "?"
        out.append(replacement)
    return "".join(out), exc.end


def tolerate_console() -> None:
    """Les sorties standard et d'erreur remplacent ce que leur encodage ne sait pas écrire."""
    codecs.register_error(HANDLER, _fallback)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not encoding.startswith("utf"):
            reconfigure(errors=HANDLER)
