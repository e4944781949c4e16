"""Ce que les rendus HTML et Markdown partagent : l'environnement Jinja2 et le découpage des textes libres."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from acvkit.annexes.sandbox import environnement_enferme
from acvkit.views.markdown import A_PRECISER as A_PRECISER

# Marqueurs de puce que les fiches gardent en tête de ligne (docs/format.md) : « • », « - »,
# « – », « o » (sous-puce) et U+F0D8, la flèche de la police Wingdings copiée depuis un PDF.
PUCES = {"•": "disque", "-": "tiret", "–": "tiret", "o": "cercle", "\uf0d8": "fleche"}
_PUCE = re.compile(r"^([•\-–o\uf0d8])\s+(?=\S)")


@dataclass(frozen=True)
class Bloc:
    """Un morceau de paragraphe : des lignes de texte, ou une liste à puces (puce = sa sorte)."""

    lignes: list[str]
    puce: str | None = None

    @property
    def liste(self) -> bool:
        return self.puce is not None


def blocs(paragraphe: str) -> list[Bloc]:
    """Découpe un paragraphe de description en lignes de texte et listes à puces, dans l'ordre.

    Les lignes consécutives qui commencent par une même sorte de puce forment une liste (marqueur
    retiré) ; les autres lignes consécutives forment un bloc de texte avec retours à la ligne.
    """
    out: list[Bloc] = []
    for ligne in (ligne.strip() for ligne in paragraphe.split("\n")):
        if not ligne:
            continue
        match = _PUCE.match(ligne)
        puce = PUCES[match.group(1)] if match else None
        texte = ligne[match.end() :] if match else ligne
        if out and out[-1].puce == puce:
            out[-1].lignes.append(texte)
        else:
            out.append(Bloc([texte], puce))
    return out


def environment(folder: Path, *, autoescape: bool) -> Environment:
    """L'environnement Jinja2 des gabarits d'un format : en bac à sable, enfermé dans `folder`.

    Voir acvkit.annexes.sandbox : aucun gabarit ne lance de code ni ne lit hors de son dossier ;
    StrictUndefined fait échouer le rendu sur une variable inconnue au lieu d'écrire une case vide
    dans une annexe signée.
    """
    env = environnement_enferme(folder, autoescape=autoescape)
    env.filters["blocs"] = blocs
    return env
