"""Ce que les annexes écrivent à la place des caractères que les polices ordinaires n'ont pas.

Les puces « Wingdings » copiées d'un PDF sont des caractères d'usage privé (U+F0D8…) : affichées
dans une autre police, elles deviennent des cases vides. Les annexes les remplacent par les vraies
puces Unicode ; les données les gardent (la règle CON005 les signale).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyphen import Pyphen

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


SOFT_HYPHEN = "\u00ad"  # trait d'union conditionnel : visible seulement si le mot est coupé là
# Les mots d'au moins dix lettres : assez longs pour déborder d'une colonne étroite de montants.
_LONG_WORD = re.compile(r"[^\W\d_]{10,}")


@functools.cache
def _dictionary() -> Pyphen:
    """Les coupures du français (dictionnaire de LibreOffice fourni par pyphen), lues une fois."""
    from pyphen import Pyphen

    return Pyphen(lang="fr_FR")


def hyphenable(texte: str) -> str:
    """Le texte dont les mots longs portent leurs points de coupure (« au­to­fi­nan­ce­ment »).

    Une colonne étroite (la maquette financière a une colonne par financeur) coupe alors un mot à
    une syllabe, avec un trait d'union, au lieu de le couper n'importe où sans le dire. Le
    trait d'union conditionnel ne s'affiche pas quand le mot tient sur sa ligne ; HTML et DOCX
    (w:softHyphen) le comprennent, Word et LibreOffice comme les navigateurs.
    """
    if not _LONG_WORD.search(texte):
        return texte
    return _LONG_WORD.sub(
        lambda match: _dictionary().inserted(match.group(), hyphen=SOFT_HYPHEN), texte
    )
