"""Un problème de lecture situé, et de quoi situer : la brique commune des lecteurs YAML.

N'importe aucun lecteur : la lecture rapide, la lecture située et le document lu s'en servent
sans s'importer l'un l'autre.
"""

from __future__ import annotations

import re
from typing import Any

DEFAULT_MAX_BYTES = 1_000_000
MAX_DEPTH = 40

Loc = tuple[str | int, ...]


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


_LINE_BREAK = re.compile("\r\n|\r|\n")


def value_position(node: Any, key: str) -> tuple[int, int]:
    """La position de la valeur d'une clé ; une valeur vide (« titre: ») est située juste après les deux-points."""
    line, col = node.lc.value(key)
    key_line, key_col = node.lc.key(key)
    if node[key] is None and line != key_line:
        return key_line, key_col + len(key) + 1
    return line, col


def line_col(text: str, index: int) -> tuple[int, int]:
    """Ligne et colonne (1-based, en caractères) d'un indice ; fins de ligne \\n, \\r\\n ou \\r, comme un éditeur."""
    line, start = 1, 0
    for m in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return line, index - start + 1
