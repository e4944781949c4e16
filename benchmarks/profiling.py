"""Où va le temps d'une commande qui manque son objectif : cProfile, fonctions par temps cumulé.

La commande est relancée sous `python -m cProfile -o … -m acvkit …` (même dossier, même
préparation) ; le résumé garde les fonctions d'acvkit et des bibliothèques qui pèsent le plus.
Seul le processus principal est profilé : le travail des processus de validate parallèle
apparaît comme de l'attente (`multiprocessing`, `select`).
"""

from __future__ import annotations

import io
import os
import pstats
import subprocess
import sys
from pathlib import Path

from benchmarks.mesure import Mesure, launch
from benchmarks.objectifs import decimal

TOP_ROWS = 12


def profiled_command(m: Mesure, file: Path) -> list[str] | None:
    """La commande de la mesure sous cProfile ; None si ce n'est pas `python -m acvkit …`."""
    args = list(m.args)
    if len(args) < 3 or args[1:3] != ["-m", "acvkit"]:
        return None
    return [args[0], "-m", "cProfile", "-o", str(file), "-m", "acvkit", *args[3:]]


WRAPPER_FRAMES = (
    "<frozen ",
    "typer/",
    "click/",
    "runpy",
    "cProfile",
    "profile.py",
    "concurrent/futures/",  # attente des processus de travail
    "threading.py",
)
IMPORTS = "_find_and_load"


def _ranks(file: Path) -> list[tuple[float, float, int, str]]:
    stats = pstats.Stats(str(file), stream=io.StringIO())
    ranks = []
    for (path, line, nom), (_, calls, clean, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        short = path
        for mark in ("site-packages/", "src/", "lib/python3.11/"):
            if mark in path:
                short = path.split(mark, 1)[1]
                break
        ranks.append((cumulative, clean, calls, f"{short}:{line}({nom})"))
    return sorted(ranks, key=lambda r: (-r[0], r[3]))


def imports(file: Path) -> float:
    """Le temps passé à importer des modules (cumulé de l'import le plus haut)."""
    return max((r[0] for r in _ranks(file) if r[3].endswith(f"({IMPORTS})")), default=0.0)


def resume(file: Path, lines: int = TOP_ROWS) -> list[tuple[float, float, int, str]]:
    """(temps cumulé, temps propre, appels, fonction) des `lignes` premières par temps cumulé.

    Les enveloppes (runpy, Typer, la machinerie d'import, le point d'entrée qui couvre presque
    tout) sont omises : il reste ce qui dit où va le temps.
    """
    ranks = _ranks(file)
    if not ranks:
        return []
    ceiling = 0.8 * ranks[0][0]
    useful = [
        r
        for r in ranks
        if r[0] < ceiling and not any(e in r[3] for e in WRAPPER_FRAMES) and "(<" not in r[3]
    ]
    return useful[:lines]


def total(file: Path) -> float:
    stats = pstats.Stats(str(file), stream=io.StringIO())
    return float(stats.total_tt)  # type: ignore[attr-defined]


def self_times(file: Path, lines: int = 6) -> list[tuple[float, int, str]]:
    """Les fonctions où le temps est passé elles-mêmes (temps propre)."""
    ranks = [(r[1], r[2], r[3]) for r in _ranks(file) if "(<" not in r[3]]
    return sorted(ranks, key=lambda r: (-r[0], r[2]))[:lines]


def profile_run(
    m: Mesure,
    folder: Path,
    env: dict[str, str],
    before: list[str] | None,
    delay: float | None = None,
) -> list[str]:
    """Le résumé Markdown du profil de la commande de `m` (liste vide si impossible ou trop long)."""
    file = folder / f"profil-{m.key.replace('/', '-')}.prof"
    args = profiled_command(m, file)
    if args is None:
        return []
    if before:
        subprocess.run(before, cwd=m.cwd, env=env, check=False)
    print(f"profil : {m.command} ({m.size} fiches)", file=sys.stderr)
    passage = launch(args, env, Path(m.cwd), delay)
    if passage.interrupted or not file.exists():
        return []
    lines = [
        f"Profil de `{m.command}` sur {m.size} fiches (cProfile, processus principal, "
        f"{decimal(total(file), 2)} s sous le profileur, dont {decimal(imports(file), 2)} s "
        "d'imports ; enveloppes omises) :",
        "",
        "| cumulé (s) | propre (s) | appels | fonction |",
        "|---:|---:|---:|---|",
    ]
    for cumulative, clean, calls, nom in resume(file):
        lines.append(f"| {decimal(cumulative, 2)} | {decimal(clean, 2)} | {calls} | `{nom}` |")
    lines += [
        "",
        "Plus gros temps propres : "
        + " ; ".join(
            f"`{nom}` {decimal(clean, 2)} s ({calls} appels)"
            for clean, calls, nom in self_times(file)
        )
        + ".",
    ]
    os.unlink(file)  # noqa: PTH108
    return [*lines, ""]
