"""Ce qui change dans un long texte, mot à mot, en quelques lignes (difflib sur les mots)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT = 4  # mots gardés de part et d'autre d'un changement
LONG_TEXT_LENGTH = 60  # au-delà de ce nombre de caractères, un texte est comparé mot à mot


@dataclass(frozen=True)
class Piece:
    """Un morceau du texte comparé : commun (« = »), retiré (« - ») ou ajouté (« + »)."""

    genre: str
    texte: str


def is_long(avant: str | None, apres: str | None) -> bool:
    return max(len(avant or ""), len(apres or "")) > LONG_TEXT_LENGTH or "\n" in (avant or "") + (
        apres or ""
    )


def pieces(avant: str, apres: str) -> list[Piece]:
    """Les morceaux qui mènent d'un texte à l'autre ; le texte commun réduit à CONTEXTE mots autour."""
    a, b = avant.split(), apres.split()
    out: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            mots = a[i1:i2]
            first, last = index == 0, index == len(ops) - 1
            if (
                len(mots) > 2 * CONTEXT
                or (first and len(mots) > CONTEXT)
                or (last and len(mots) > CONTEXT)
            ):
                debut = [] if first else mots[:CONTEXT]
                fin = [] if last else mots[-CONTEXT:]
                texte = " ".join([*debut, "…", *fin])
            else:
                texte = " ".join(mots)
            out.append(Piece("=", texte))
            continue
        if i2 > i1:
            out.append(Piece("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(Piece("+", " ".join(b[j1:j2])))
    return out


def text_delta(avant: str, apres: str) -> str:
    """L'écart compact, à la manière de `git diff --word-diff` : « … mot [-ancien-]{+nouveau+} mot … »."""
    parts = []
    for m in pieces(avant, apres):
        if m.genre == "=":
            parts.append(m.texte)
        elif m.genre == "-":
            parts.append(f"[-{m.texte}-]")
        else:
            parts.append(f"{{+{m.texte}+}}")
    return " ".join(parts)


def similarity(avant: list[str], apres: list[str]) -> float:
    """La ressemblance de deux suites de mots, de 0 à 1 (difflib)."""
    if not avant and not apres:
        return 1.0
    matcher = difflib.SequenceMatcher(None, avant, apres, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return matcher.quick_ratio()
    return matcher.ratio()
