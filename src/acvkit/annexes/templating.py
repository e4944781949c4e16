"""Ce que les rendus HTML et Markdown partagent : l'environnement Jinja2 et le découpage des textes libres."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from acvkit.annexes.sandbox import sandboxed_environment
from acvkit.views.markdown import TO_SPECIFY as TO_SPECIFY

# Marqueurs de puce que les fiches gardent en tête de ligne (docs/format.md) : « • », « - »,
# « – », « o » (sous-puce) et U+F0D8, la flèche de la police Wingdings copiée depuis un PDF.
BULLETS = {"•": "disque", "-": "tiret", "–": "tiret", "o": "cercle", "\uf0d8": "fleche"}
_BULLET = re.compile(r"^([•\-–o\uf0d8])\s+(?=\S)")


@dataclass(frozen=True)
class Block:
    """Un morceau de paragraphe : des lignes de texte, ou une liste à puces (puce = sa sorte)."""

    lignes: list[str]
    puce: str | None = None

    @property
    def liste(self) -> bool:
        return self.puce is not None


def blocs(paragraphe: str) -> list[Block]:
    """Découpe un paragraphe de description en lignes de texte et listes à puces, dans l'ordre.

    Les lignes consécutives qui commencent par une même sorte de puce forment une liste (marqueur
    retiré) ; les autres lignes consécutives forment un bloc de texte avec retours à la ligne.
    """
    out: list[Block] = []
    for ligne in (ligne.strip() for ligne in paragraphe.split("\n")):
        if not ligne:
            continue
        match = _BULLET.match(ligne)
        puce = BULLETS[match.group(1)] if match else None
        texte = ligne[match.end() :] if match else ligne
        if out and out[-1].puce == puce:
            out[-1].lignes.append(texte)
        else:
            out.append(Block([texte], puce))
    return out


def environment(folder: Path, *, autoescape: bool) -> Environment:
    """L'environnement Jinja2 des gabarits d'un format : en bac à sable, enfermé dans `folder`.

    Voir acvkit.annexes.sandbox : aucun gabarit ne lance de code ni ne lit hors de son dossier ;
    StrictUndefined fait échouer le rendu sur une variable inconnue au lieu d'écrire une case vide
    dans une annexe signée.
    """
    env = sandboxed_environment(folder, autoescape=autoescape)
    env.filters["blocs"] = blocs
    return env
