"""Ce qui change dans un long texte, mot à mot, en quelques lignes (difflib sur les mots)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXTE = 4  # mots gardés de part et d'autre d'un changement
LONG = 60  # au-delà de ce nombre de caractères, un texte est comparé mot à mot


@dataclass(frozen=True)
class Morceau:
    """Un morceau du texte comparé : commun (« = »), retiré (« - ») ou ajouté (« + »)."""

    genre: str
    texte: str


def est_long(avant: str | None, apres: str | None) -> bool:
    return max(len(avant or ""), len(apres or "")) > LONG or "\n" in (avant or "") + (apres or "")


def morceaux(avant: str, apres: str) -> list[Morceau]:
    """Les morceaux qui mènent d'un texte à l'autre ; le texte commun réduit à CONTEXTE mots autour."""
    a, b = avant.split(), apres.split()
    out: list[Morceau] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            mots = a[i1:i2]
            premier, dernier = index == 0, index == len(ops) - 1
            if (
                len(mots) > 2 * CONTEXTE
                or (premier and len(mots) > CONTEXTE)
                or (dernier and len(mots) > CONTEXTE)
            ):
                debut = [] if premier else mots[:CONTEXTE]
                fin = [] if dernier else mots[-CONTEXTE:]
                texte = " ".join([*debut, "…", *fin])
            else:
                texte = " ".join(mots)
            out.append(Morceau("=", texte))
            continue
        if i2 > i1:
            out.append(Morceau("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(Morceau("+", " ".join(b[j1:j2])))
    return out


def ecart_texte(avant: str, apres: str) -> str:
    """L'écart compact, à la manière de `git diff --word-diff` : « … mot [-ancien-]{+nouveau+} mot … »."""
    parties = []
    for m in morceaux(avant, apres):
        if m.genre == "=":
            parties.append(m.texte)
        elif m.genre == "-":
            parties.append(f"[-{m.texte}-]")
        else:
            parties.append(f"{{+{m.texte}+}}")
    return " ".join(parties)


def similarite(avant: list[str], apres: list[str]) -> float:
    """La ressemblance de deux suites de mots, de 0 à 1 (difflib)."""
    if not avant and not apres:
        return 1.0
    matcher = difflib.SequenceMatcher(None, avant, apres, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return matcher.quick_ratio()
    return matcher.ratio()
