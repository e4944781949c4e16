"""Un fichier YAML lu, et un problème de lecture situé : ce que les lecteurs rendent.

N'importe aucun lecteur : la lecture rapide, la lecture située, le décodage et `reader` s'en
servent sans s'importer l'un l'autre. Les positions d'un document lu sans elles sont retrouvées
par le lecteur qui l'a lu (`indexer`, donné par `reader.parse_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from acvkit.yaml.positions import Loc, PositionIndex, lookup

DEFAULT_MAX_BYTES = 1_000_000
MAX_DEPTH = 40


class YamlProblem(Exception):
    """Un problème de lecture situé : code de diagnostic, message français, ligne et colonne (1-based)."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[YamlProblem], tuple[str, str, int, int]]:
        # Transmis d'un processus à l'autre et mis en cache : rebâti avec tous ses champs.
        return (YamlProblem, (self.code, self.message, self.line, self.column))


@dataclass
class YamlDocument:
    """Un fichier YAML lu : son texte, ses données, et de quoi situer chaque clé et valeur.

    Un fichier lu par le chemin rapide n'a pas d'index de positions : `indexer` le bâtit (en
    relisant le texte) seulement si un diagnostic doit être placé dans ce fichier. Un fichier lu
    par ruamel.yaml garde son arbre situé (`tree`), dont `indexer` tire l'index.
    """

    path: str
    text: str
    data: Any
    problems: list[YamlProblem] = field(default_factory=list)
    # L'arbre de ruamel.yaml, pour un fichier lu par la lecture située ; None sinon.
    tree: Any = field(default=None, repr=False, compare=False)
    # L'index des positions, s'il est déjà bâti (voir positions.Position).
    positions: PositionIndex | None = field(default=None, repr=False, compare=False)
    # Ce qui bâtit l'index quand il manque (une fonction du lecteur, transmise par référence).
    indexer: Callable[[YamlDocument], PositionIndex] | None = field(
        default=None, repr=False, compare=False
    )
    # Résultats des règles qui ne regardent que ce fichier : (code, chemin, message, sur la clé, contexte).
    local: list[tuple[str, Loc, str, bool, str]] | None = field(
        default=None, repr=False, compare=False
    )
    # Calculs faits d'avance pour les règles de tout le jeu de données, par code de règle.
    prepared: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def index(self) -> PositionIndex:
        """L'index des positions, bâti à la première demande."""
        if self.positions is None:
            if self.indexer is None:
                raise ValueError(f"{self.path} : document sans positions ni lecteur pour les bâtir")
            self.positions = self.indexer(self)
        return self.positions

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Ligne et colonne (1-based) de la valeur désignée par `loc` (ou de sa clé) : voir `lookup`."""
        return lookup(self.index(), loc, key)
