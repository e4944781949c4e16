"""Ce que les annexes écrivent à la place des caractères que les polices ordinaires n'ont pas.

Les puces « Wingdings » copiées d'un PDF sont des caractères d'usage privé (U+F0D8…) : affichées
dans une autre police, elles deviennent des cases vides. Les annexes les remplacent par les vraies
puces Unicode ; les données les gardent (la règle CON005 les signale).
"""

from __future__ import annotations

import re

# Police Symbol / Wingdings, telle que Word la copie (U+F000 + code du caractère).
PUCES_PRIVEES = {
    "\uf0d8": "➢",  # flèche Wingdings
    "\uf0a7": "▪",  # petit carré
    "\uf0b7": "•",  # puce Symbol
    "\uf06f": "○",  # cercle
    "\uf076": "❖",  # losange
    "\uf0fc": "✓",  # coche
    "\uf0e0": "→",  # flèche
}
POLICE_CORPS = (
    "Calibri"  # Carlito la remplace à l'identique (mêmes métriques) sans Microsoft Office
)
POLICE_CSS = "Calibri, Carlito, 'Liberation Sans', Arial, sans-serif"
_USAGE_PRIVE = re.compile("[\ue000-\uf8ff]")


def sans_usage_prive(texte: str) -> str:
    """Chaque caractère d'usage privé remplacé par une vraie puce (« • » pour les inconnus)."""
    if not _USAGE_PRIVE.search(texte):
        return texte
    return _USAGE_PRIVE.sub(lambda m: PUCES_PRIVEES.get(m.group(0), "•"), texte)
