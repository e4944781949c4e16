"""Les options globales (-q, -v) acceptées aussi après la commande : `acv validate -q`, `acv build -v`.

Comme ruff : l'habitude est de les ajouter en fin de ligne. Elles sont remises devant la commande
avant l'analyse (acvkit.cli.app.RootGroup) ; après `--`, rien ne bouge.
"""

from __future__ import annotations

GLOBAL_FLAGS = frozenset({"-q", "--quiet", "-v", "--verbose"})


def hoist_global_flags(args: list[str]) -> list[str]:
    """Les options globales placées après la commande, remises devant elle."""
    front: list[str] = []
    rest: list[str] = []
    seen_command = False
    for index, arg in enumerate(args):
        if arg == "--":
            rest += args[index:]
            break
        if seen_command and arg in GLOBAL_FLAGS:
            front.append(arg)
            continue
        if not arg.startswith("-"):
            seen_command = True
        rest.append(arg)
    return front + rest
