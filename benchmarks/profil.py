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

from benchmarks.mesure import Mesure, lancer
from benchmarks.objectifs import decimal

LIGNES = 12


def commande_profilee(m: Mesure, fichier: Path) -> list[str] | None:
    """La commande de la mesure sous cProfile ; None si ce n'est pas `python -m acvkit …`."""
    args = list(m.args)
    if len(args) < 3 or args[1:3] != ["-m", "acvkit"]:
        return None
    return [args[0], "-m", "cProfile", "-o", str(fichier), "-m", "acvkit", *args[3:]]


ENVELOPPES = (
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


def _rangs(fichier: Path) -> list[tuple[float, float, int, str]]:
    stats = pstats.Stats(str(fichier), stream=io.StringIO())
    rangs = []
    for (chemin, ligne, nom), (_, appels, propre, cumule, _) in stats.stats.items():  # type: ignore[attr-defined]
        court = chemin
        for marque in ("site-packages/", "src/", "lib/python3.11/"):
            if marque in chemin:
                court = chemin.split(marque, 1)[1]
                break
        rangs.append((cumule, propre, appels, f"{court}:{ligne}({nom})"))
    return sorted(rangs, key=lambda r: (-r[0], r[3]))


def imports(fichier: Path) -> float:
    """Le temps passé à importer des modules (cumulé de l'import le plus haut)."""
    return max((r[0] for r in _rangs(fichier) if r[3].endswith(f"({IMPORTS})")), default=0.0)


def resume(fichier: Path, lignes: int = LIGNES) -> list[tuple[float, float, int, str]]:
    """(temps cumulé, temps propre, appels, fonction) des `lignes` premières par temps cumulé.

    Les enveloppes (runpy, Typer, la machinerie d'import, le point d'entrée qui couvre presque
    tout) sont omises : il reste ce qui dit où va le temps.
    """
    rangs = _rangs(fichier)
    if not rangs:
        return []
    plafond = 0.8 * rangs[0][0]
    utiles = [
        r
        for r in rangs
        if r[0] < plafond and not any(e in r[3] for e in ENVELOPPES) and "(<" not in r[3]
    ]
    return utiles[:lignes]


def total(fichier: Path) -> float:
    stats = pstats.Stats(str(fichier), stream=io.StringIO())
    return float(stats.total_tt)  # type: ignore[attr-defined]


def propres(fichier: Path, lignes: int = 6) -> list[tuple[float, int, str]]:
    """Les fonctions où le temps est passé elles-mêmes (temps propre)."""
    rangs = [(r[1], r[2], r[3]) for r in _rangs(fichier) if "(<" not in r[3]]
    return sorted(rangs, key=lambda r: (-r[0], r[2]))[:lignes]


def profiler(
    m: Mesure,
    dossier: Path,
    env: dict[str, str],
    avant: list[str] | None,
    delai: float | None = None,
) -> list[str]:
    """Le résumé Markdown du profil de la commande de `m` (liste vide si impossible ou trop long)."""
    fichier = dossier / f"profil-{m.cle.replace('/', '-')}.prof"
    args = commande_profilee(m, fichier)
    if args is None:
        return []
    if avant:
        subprocess.run(avant, cwd=m.cwd, env=env, check=False)
    print(f"profil : {m.commande} ({m.taille} fiches)", file=sys.stderr)
    passage = lancer(args, env, Path(m.cwd), delai)
    if passage.interrompu or not fichier.exists():
        return []
    lignes = [
        f"Profil de `{m.commande}` sur {m.taille} fiches (cProfile, processus principal, "
        f"{decimal(total(fichier), 2)} s sous le profileur, dont {decimal(imports(fichier), 2)} s "
        "d'imports ; enveloppes omises) :",
        "",
        "| cumulé (s) | propre (s) | appels | fonction |",
        "|---:|---:|---:|---|",
    ]
    for cumule, propre, appels, nom in resume(fichier):
        lignes.append(f"| {decimal(cumule, 2)} | {decimal(propre, 2)} | {appels} | `{nom}` |")
    lignes += [
        "",
        "Plus gros temps propres : "
        + " ; ".join(
            f"`{nom}` {decimal(propre, 2)} s ({appels} appels)"
            for propre, appels, nom in propres(fichier)
        )
        + ".",
    ]
    os.unlink(fichier)  # noqa: PTH108
    return [*lignes, ""]
