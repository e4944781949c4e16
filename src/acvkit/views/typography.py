"""Ce que les annexes écrivent à la place des caractères que les polices ordinaires n'ont pas.

Les puces « Wingdings » copiées d'un PDF sont des caractères d'usage privé (U+F0D8…) : affichées
dans une autre police, elles deviennent des cases vides. Les annexes les remplacent par les vraies
puces Unicode ; les données les gardent (la règle CON005 les signale).
"""

from __future__ import annotations

import re

# Police Symbol / Wingdings, telle que Word la copie (U+F000 + code du caractère).
PRIVATE_BULLETS = {
    "\uf0d8": "➢",  # flèche Wingdings
    "\uf0a7": "▪",  # petit carré
    "\uf0b7": "•",  # puce Symbol
    "\uf06f": "○",  # cercle
    "\uf076": "❖",  # losange
    "\uf0fc": "✓",  # coche
    "\uf0e0": "→",  # flèche
}
BODY_FONT = "Calibri"  # Carlito la remplace à l'identique (mêmes métriques) sans Microsoft Office
CSS_FONT = "Calibri, Carlito, 'Liberation Sans', Arial, sans-serif"
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def without_private_use(texte: str) -> str:
    """Chaque caractère d'usage privé remplacé par une vraie puce (« • » pour les inconnus)."""
    if not _PRIVATE_USE.search(texte):
        return texte
    return _PRIVATE_USE.sub(lambda m: PRIVATE_BULLETS.get(m.group(0), "•"), texte)
