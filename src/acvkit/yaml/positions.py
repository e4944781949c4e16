"""Situer dans un texte YAML : l'index des positions et la seule recherche d'un chemin de clés.

Chaque lecteur bâtit un index de même forme (la lecture rapide depuis les nœuds de libyaml, la
lecture située depuis l'arbre de ruamel.yaml) ; `lookup` y cherche toutes les positions, quel
que soit le lecteur. N'importe aucun lecteur.
"""

from __future__ import annotations

import re

Loc = tuple[str | int, ...]
# Ligne et colonne de la valeur, puis de sa clé (0-based) ; pour un élément de liste, deux fois
# la place de l'élément ; pour la racine (chemin vide), sa place puis (0, 0).
Position = tuple[int, int, int, int]
PositionIndex = dict[Loc, Position]


def lookup(index: PositionIndex, loc: Loc, key: bool = False) -> tuple[int, int]:
    """Ligne et colonne (1-based) de la valeur désignée par `loc` (ou de sa clé, avec key=True).

    Les éléments de `loc` qui ne désignent rien (membre d'union de Pydantic, clé absente, indice
    négatif ou hors de la liste, texte « 0 » pour un indice de liste) sont sautés : on s'arrête au
    plus proche parent qui existe, dont on donne la valeur. La clé n'est donnée que si le dernier
    élément de `loc` existe.
    """
    current: Loc = ()
    line, column, _, _ = index.get((), (0, 0, 0, 0))
    for position, part in enumerate(loc):
        candidate = (*current, part)
        found = index.get(candidate)
        if found is None:
            continue
        current = candidate
        last = position == len(loc) - 1
        line, column = (found[2], found[3]) if key and last else (found[0], found[1])
    return line + 1, column + 1


_LINE_BREAK = re.compile("\r\n|\r|\n")


def line_col(text: str, index: int) -> tuple[int, int]:
    """Ligne et colonne (1-based, en caractères) d'un indice ; fins de ligne \\n, \\r\\n ou \\r, comme un éditeur."""
    line, start = 1, 0
    for m in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return line, index - start + 1
