"""Mesure d'`acv validate` à froid (sans .acv-cache/) face à une lecture libyaml en un processus.

Deux jeux de 10 000 fiches : les fiches générées du banc (`run.jeu`, 2 % cassées) et les vraies
fiches de data/ recopiées et renumérotées (beaucoup de diagnostics). Pour chaque jeu, les deux
commandes sont lancées en alternance, plusieurs fois ; on garde la médiane du temps réel et du temps
processeur (utilisateur + système, processus de travail compris).

    .venv/bin/python benchmarks/froid.py [--taille 10000] [--repetitions 3] [--jeux genere,reel]

Les fonctions `jeu_reel`, `plancher_libyaml` et `comparer` servent aussi au banc complet.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# La lecture de référence : chaque fichier YAML du dossier par libyaml, imports compris.
PLANCHER = """
import sys, yaml
from pathlib import Path
for f in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    try:
        yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        pass
"""


def plancher_libyaml(dossier: Path) -> list[str]:
    """La commande de référence : lecture libyaml de tous les fichiers, en un seul processus."""
    return [PYTHON, "-c", PLANCHER, str(dossier)]


def validate_froid(dossier: Path) -> list[str]:
    return [PYTHON, "-m", "acvkit", "validate", "--data", str(dossier)]


def jeu_reel(cible: Path, taille: int) -> Path:
    """Les vraies fiches de data/ recopiées jusqu'à `taille`, renumérotées (numéro et nom de fichier)."""
    shutil.copytree(ROOT / "data", cible, ignore=shutil.ignore_patterns("fiches"))
    sources = sorted((ROOT / "data" / "fiches").rglob("*.yaml"))
    for index in range(taille):
        source = sources[index % len(sources)]
        numero = 1000 + index
        texte = re.sub(
            r"^numero: \d+", f"numero: {numero}", source.read_text("utf-8"), count=1, flags=re.M
        )
        nom = re.sub(r"^fa-\d+", f"fa-{numero}", source.name)
        dossier = cible / "fiches" / source.parent.name
        dossier.mkdir(parents=True, exist_ok=True)
        (dossier / nom).write_text(texte, encoding="utf-8")
    return cible


def jeu_genere(cible: Path, taille: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import PART_CASSEE, casser
    from tests.strategies import generate_fiches, write_dataset

    write_dataset(cible, generate_fiches(taille, seed=taille))
    casser(cible, PART_CASSEE)
    return cible


def _run(args: list[str], cache: Path | None) -> tuple[float, float]:
    """Temps réel et temps processeur (processus de travail compris) d'une commande."""
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)
    debut = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - debut, usage.ru_utime + usage.ru_stime


def comparer(dossier: Path, repetitions: int) -> dict[str, float]:
    """Les deux commandes en alternance ; médianes et rapports (validate / plancher)."""
    mesures: dict[str, list[tuple[float, float]]] = {"validate": [], "plancher": []}
    for _ in range(repetitions):
        mesures["plancher"].append(_run(plancher_libyaml(dossier), None))
        mesures["validate"].append(_run(validate_froid(dossier), dossier / ".acv-cache"))
    out = {}
    for nom, valeurs in mesures.items():
        out[f"{nom}_reel"] = statistics.median(v[0] for v in valeurs)
        out[f"{nom}_cpu"] = statistics.median(v[1] for v in valeurs)
    out["rapport_reel"] = out["validate_reel"] / out["plancher_reel"]
    out["rapport_cpu"] = out["validate_cpu"] / out["plancher_cpu"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taille", type=int, default=10000)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--jeux", default="genere,reel")
    parser.add_argument("--garder", type=Path, help="dossier où garder les jeux (réutilisés)")
    options = parser.parse_args()
    base = options.garder or Path(tempfile.mkdtemp(prefix="acv-froid-"))
    for nom in options.jeux.split(","):
        dossier = base / f"{nom}-{options.taille}"
        if not dossier.exists():
            (jeu_reel if nom == "reel" else jeu_genere)(dossier, options.taille)
        r = comparer(dossier, options.repetitions)
        print(
            f"{nom} {options.taille} : validate {r['validate_reel']:.2f} s "
            f"(cpu {r['validate_cpu']:.2f}) ; libyaml {r['plancher_reel']:.2f} s "
            f"(cpu {r['plancher_cpu']:.2f}) ; × {r['rapport_reel']:.2f} réel, "
            f"× {r['rapport_cpu']:.2f} cpu",
            flush=True,
        )
    if options.garder is None:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
