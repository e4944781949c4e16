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


# Une ligne qui finit ainsi finit une phrase (ou annonce une liste) : son retour à la ligne est
# voulu. Sinon, c'est le retour à la ligne d'un éditeur (texte replié vers 80-100 colonnes).
_SENTENCE_END = re.compile(r"[.!?:;…»)\]\"”]$")


def _continues(previous: str, ligne: str) -> bool:
    """Vrai si `ligne` continue `previous` (texte replié) : la précédente ne finit pas une phrase,
    et toutes deux ont des mots (une ligne de filets, « --- », reste seule)."""
    return (
        not _SENTENCE_END.search(previous)
        and any(c.isalnum() for c in previous)
        and any(c.isalnum() for c in ligne)
    )


def blocs(paragraphe: str) -> list[Block]:
    """Découpe un paragraphe de description en lignes de texte et listes à puces, dans l'ordre
    (la règle de docs/format.md, « Les textes libres », la même en HTML, Markdown et DOCX).

    Une ligne vide sépare deux paragraphes (le découpage en paragraphes est fait avant). Une ligne
    qui commence par une puce (« - », « • », « – », « o », ) ouvre un élément de liste ; les
    éléments consécutifs de même puce forment une liste (marqueur retiré). Une ligne qui ne
    commence pas par une puce continue la ligne précédente quand celle-ci ne finit pas une phrase
    (ni . ! ? : ; … » ) ni guillemet fermant) : c'est un texte replié par l'éditeur, ses morceaux
    sont rejoints par une espace. Sinon elle commence une nouvelle ligne du bloc de texte. Une ligne
    sans lettre ni chiffre (« --- ») n'est jamais rejointe.
    """
    out: list[Block] = []
    for ligne in (ligne.strip() for ligne in paragraphe.split("\n")):
        if not ligne:
            continue
        match = _BULLET.match(ligne)
        if match is None and out and _continues(out[-1].lignes[-1], ligne):
            out[-1].lignes[-1] += " " + ligne  # retour à la ligne d'éditeur
            continue
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
