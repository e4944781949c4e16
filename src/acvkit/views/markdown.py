"""Le Markdown d'un texte de données : échappé pour que rien n'y devienne balise (annexes, diff, suivi)."""

from __future__ import annotations

import re

from acvkit.safe_text import visible
from acvkit.views.typography import without_private_use

# « A déterminer », « A définir », « À déterminer » : mis en évidence (italique) dans les annexes.
TO_SPECIFY = re.compile(r"\b[AÀ] (?:déterminer|définir)\b")

# Caractères qui feraient de l'emphase, du code, un lien, du HTML, une entité (« &amp; »,
# « &#x41; ») ou une colonne de tableau.
_SPECIAL_CHARS = re.compile(r"([\\`*_\[\]<>|]|&(?=#?\w+;))")
# En début de ligne : titre, citation, élément de liste, liste numérotée, filet ou soulignement
# de titre (« --- », « === »), clôture de code (« ~~~ »).
_DEBUT = re.compile(r"^(\s*)(#|>|[-+](?=\s|$|-)|=(?=\s*$|=)|~(?=~)|\d+(?=[.)](?:\s|$)))")


def md(texte: object) -> str:
    """Un texte de données en Markdown : rien n'y devient balise ; « A déterminer » en italique ;
    les puces « Wingdings » d'usage privé deviennent de vraies puces."""
    raw = "" if texte is None else without_private_use(str(texte))
    lignes = []
    for ligne in raw.split("\n"):
        # Contrôles (ESC, BEL, CR…), séparateurs U+2028/U+2029, bidi : écrits \x1b, \u2028.
        ligne = _SPECIAL_CHARS.sub(r"\\\1", visible(ligne))
        match = _DEBUT.match(ligne)
        if match:
            mark = match.group(2)
            ligne = (
                match.group(1)
                + (f"{mark}\\" if mark[0].isdigit() else f"\\{mark}")
                + ligne[match.end() :]
            )
        lignes.append(TO_SPECIFY.sub(lambda m: f"*{m.group(0)}*", ligne))
    return "\n".join(lignes)


def titre_md(texte: object) -> str:
    """Un texte de titre (« ## … ») : sur une seule ligne, sinon le titre serait coupé en deux."""
    raw = "" if texte is None else str(texte)
    return md(" ".join(raw.split()))


def cellule(texte: object) -> str:
    """Un texte de cellule de tableau : échappé, sur une ligne (<br> pour les retours), « – » si vide."""
    raw = "" if texte is None else str(texte).strip()
    if not raw:
        return "–"
    return "<br>".join(md(ligne.strip()) for ligne in raw.split("\n"))
