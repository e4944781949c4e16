"""benchmarks/RESULTS.md et le bloc du README : les verdicts, le tableau des mesures, les profils."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.mesure import Mesure
from benchmarks.objectifs import Resultat, decimal, whole

DEBUT, FIN = "<!-- banc:debut -->", "<!-- banc:fin -->"


@dataclass
class MeasuredDataset:
    """Un jeu de données mesuré : nom, taille, diagnostics produits et fichiers concernés."""

    nom: str
    size: int
    diagnostics: int | None = None
    files_with_diagnostics: int | None = None
    files: int | None = None


@dataclass
class Passage:
    """Tout ce qu'un passage du banc écrit."""

    mesures: list[Mesure]
    results: list[Resultat]
    datasets: list[MeasuredDataset] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    duration: float = 0.0
    options: str = ""
    trial: bool = False  # passage d'essai (petites tailles, ou machine chargée)
    charge: str = ""


def machine() -> str:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} Gio de mémoire"
    except OSError:
        pass
    cpu_name = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cœurs ({cpu_name}){memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _duration(seconds: float) -> str:
    minutes, reste = divmod(round(seconds), 60)
    return f"{minutes} min {reste:02d} s" if minutes else f"{reste} s"


def goal_lines(results: Sequence[Resultat]) -> list[str]:
    met_count = sum(r.met for r in results)
    return [
        f"Objectifs de l'issue #20 : {met_count} atteint(s) sur {len(results)}.",
        "",
        "| objectif | mesuré | limite | verdict |",
        "|---|---|---|---|",
        *(r.line() for r in results),
    ]


def mesure_lines(mesures: Sequence[Mesure]) -> list[str]:
    lines = [
        "| commande | fiches | temps réel (s) | processeur (s) | fiches/s | mémoire max (Mo) "
        "| sortie | passages |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in mesures:
        output = "interrompu" if m.interrupted else str(m.code)
        lines.append(
            f"| {m.command} | {whole(m.size) if m.size else '–'} | {m.seconds:.2f} "
            f"| {m.cpu:.2f} | {m.per_second} | {m.memory_mb:.0f} | {output} | {m.passages} |"
        )
    return lines


def dataset_lines(datasets: Sequence[MeasuredDataset]) -> list[str]:
    lines = []
    for j in datasets:
        if j.diagnostics is None:
            continue
        part = f"{j.files_with_diagnostics} fichiers sur {j.files}" if j.files else ""
        lines.append(
            f"- {j.nom}, {whole(j.size)} fiches : {whole(j.diagnostics)} diagnostics ({part})"
        )
    return lines


def write(passage: Passage, output: Path) -> None:
    missing = [r for r in passage.results if not r.met]
    lines = [
        "# Banc de mesure d'acvkit",
        "",
        *(
            [
                "**Passage d'essai** (petites tailles ou machine chargée) : ces chiffres vérifient "
                "que le banc tourne, ils ne valent pas mesure. La mesure de référence est "
                "`make bench` sur une machine au repos.",
                "",
            ]
            if passage.trial
            else []
        ),
        f"Machine : {machine()}{passage.charge}.",
        "",
        f"Passage complet en {_duration(passage.duration)} ({passage.options}). Produit par `make bench` "
        "(benchmarks/run.py).",
        "",
        "Chaque commande est un processus entier (imports compris) ; temps réel médian des passages,",
        "lancés en alternance avec leur plancher ; processeur = utilisateur + système du processus",
        "et de ses descendants ; mémoire = maximum de l'arbre de processus (PSS relevé toutes les",
        '50 ms). Planchers : `python -c pass`, les imports (`python -c "import click, pydantic,',
        'ruamel.yaml"`) et, pour chaque jeu, un parse libyaml de tous ses fichiers en un processus',
        "(`yaml.load(texte, Loader=yaml.CSafeLoader)`, imports compris). Jeux : fiches générées",
        "(graine fixe ; 2 % de fichiers cassés pour validate, propres pour build et import) et vraies",
        "fiches de data/ répliquées et renumérotées (le cas lourd en diagnostics).",
        "",
        *dataset_lines(passage.datasets),
        "",
        *goal_lines(passage.results),
        "",
        "Mesures :",
        "",
        *mesure_lines(passage.mesures),
        "",
    ]
    if missing:
        lines += [
            "## Où va le temps des objectifs manqués",
            "",
            *(
                f"- {r.target.libelle} : × {decimal(r.valeur / r.limit, 2)} de la limite."
                for r in missing
            ),
            "",
            *passage.profiles,
        ]
    output.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def quote_in_readme(results: Path, readme: Path) -> None:
    """Recopie la mesure entre les marques du README : il cite toujours la dernière mesure."""
    texte = readme.read_text(encoding="utf-8")
    if DEBUT not in texte or FIN not in texte:
        return
    body = results.read_text(encoding="utf-8")
    body = body[body.index("Machine :") :].strip().replace("\n## ", "\n#### ")
    before, reste = texte.split(DEBUT, 1)
    _, after = reste.split(FIN, 1)
    readme.write_text(f"{before}{DEBUT}\n{body}\n{FIN}{after}", encoding="utf-8")
