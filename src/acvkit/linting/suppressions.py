"""Les commentaires `# acv: ignore[CODE] raison` qui font taire une règle sur une ligne."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENT = re.compile(r"#\s*acv:\s*ignore\[([^\]]*)\]\s*(.*)$")
# Tout commentaire « # acv: … » : s'il n'a pas la forme ci-dessus, il est mal écrit (SUP004).
_ACV_MARKER = re.compile(r"#\s*acv\s*:")


@dataclass
class Suppression:
    line: int  # ligne du commentaire (1-based)
    column: int
    target: int  # ligne dont les diagnostics sont tus
    codes: list[str]
    reason: str
    used: bool = False
    malformed: bool = False  # « # acv: ignore[CAL003 » : crochet non fermé, aucun code…


_BLOCK_SCALAR = re.compile(r":\s*[|>][+-]?\d*\s*(#.*)?$")


def _is_comment(line: str, start: int) -> bool:
    """Vrai si le « # » en `start` ouvre un commentaire YAML : début de ligne ou après une espace, hors guillemets."""
    if start > 0 and not line[start - 1].isspace():
        return False
    before = line[:start]
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0


def find_suppressions(text: str) -> list[Suppression]:
    """Un commentaire en fin de ligne vise sa ligne ; seul sur sa ligne, il vise la suivante non vide.

    Le texte d'une valeur (entre guillemets, ou dans un bloc « | ») n'est jamais pris pour un commentaire.
    """
    if "acv:" not in text:  # le cas courant, tranché sans découper le texte
        return []
    lines = text.splitlines()
    found: list[Suppression] = []
    block: int | None = None  # indentation minimale des lignes d'un bloc littéral en cours
    for index, line in enumerate(lines):
        indentation = len(line) - len(line.lstrip(" "))
        if block is not None:
            if not line.strip() or indentation > block:
                continue
            block = None
        if _BLOCK_SCALAR.search(line):
            block = indentation
        trial = _ACV_MARKER.search(line)
        if trial is None or not _is_comment(line, trial.start()):
            continue
        m = _COMMENT.match(line, trial.start())
        codes = [c.strip() for c in m.group(1).split(",") if c.strip()] if m else []
        if m is None or not codes:
            found.append(
                Suppression(index + 1, trial.start() + 1, index + 1, [], "", malformed=True)
            )
            continue
        target = index
        if not line[: m.start()].strip():
            target = next(
                (
                    j
                    for j in range(index + 1, len(lines))
                    if lines[j].strip() and not lines[j].lstrip().startswith("#")
                ),
                index,
            )
        found.append(Suppression(index + 1, m.start() + 1, target + 1, codes, m.group(2).strip()))
    return found
