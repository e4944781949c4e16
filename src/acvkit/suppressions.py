"""Les commentaires `# acv: ignore[CODE] raison` qui font taire une règle sur une ligne."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENT = re.compile(r"#\s*acv:\s*ignore\[([^\]]*)\]\s*(.*)$")


@dataclass
class Suppression:
    line: int  # ligne du commentaire (1-based)
    column: int
    target: int  # ligne dont les diagnostics sont tus
    codes: list[str]
    reason: str
    used: bool = False


def find_suppressions(text: str) -> list[Suppression]:
    """Un commentaire en fin de ligne vise sa ligne ; seul sur sa ligne, il vise la suivante non vide."""
    lines = text.splitlines()
    found: list[Suppression] = []
    for index, line in enumerate(lines):
        m = _COMMENT.search(line)
        if m is None:
            continue
        codes = [c.strip() for c in m.group(1).split(",") if c.strip()]
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
