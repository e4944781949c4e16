"""benchmarks/RESULTS.md et le bloc du README : les verdicts, le tableau des mesures, les profils."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.mesure import Mesure
from benchmarks.objectifs import Resultat, decimal, entier

DEBUT, FIN = "<!-- banc:debut -->", "<!-- banc:fin -->"


@dataclass
class Jeu:
    """Un jeu de données mesuré : nom, taille, diagnostics produits et fichiers concernés."""

    nom: str
    taille: int
    diagnostics: int | None = None
    fichiers_avec: int | None = None
    fichiers: int | None = None


@dataclass
class Passage:
    """Tout ce qu'un passage du banc écrit."""

    mesures: list[Mesure]
    resultats: list[Resultat]
    jeux: list[Jeu] = field(default_factory=list)
    profils: list[str] = field(default_factory=list)
    duree: float = 0.0
    options: str = ""
    essai: bool = False  # passage d'essai (petites tailles, ou machine chargée)
    charge: str = ""


def machine() -> str:
    memoire = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memoire = f", {int(line.split()[1]) / 1024 / 1024:.0f} Gio de mémoire"
    except OSError:
        pass
    processeur = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cœurs ({processeur}){memoire}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _duree(secondes: float) -> str:
    minutes, reste = divmod(round(secondes), 60)
    return f"{minutes} min {reste:02d} s" if minutes else f"{reste} s"


def lignes_objectifs(resultats: Sequence[Resultat]) -> list[str]:
    atteints = sum(r.atteint for r in resultats)
    return [
        f"Objectifs de l'issue #20 : {atteints} atteint(s) sur {len(resultats)}.",
        "",
        "| objectif | mesuré | limite | verdict |",
        "|---|---|---|---|",
        *(r.ligne() for r in resultats),
    ]


def lignes_mesures(mesures: Sequence[Mesure]) -> list[str]:
    lignes = [
        "| commande | fiches | temps réel (s) | processeur (s) | fiches/s | mémoire max (Mo) "
        "| sortie | passages |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in mesures:
        sortie = "interrompu" if m.interrompu else str(m.code)
        lignes.append(
            f"| {m.commande} | {entier(m.taille) if m.taille else '–'} | {m.secondes:.2f} "
            f"| {m.cpu:.2f} | {m.par_seconde} | {m.memoire_mo:.0f} | {sortie} | {m.passages} |"
        )
    return lignes


def lignes_jeux(jeux: Sequence[Jeu]) -> list[str]:
    lignes = []
    for j in jeux:
        if j.diagnostics is None:
            continue
        part = f"{j.fichiers_avec} fichiers sur {j.fichiers}" if j.fichiers else ""
        lignes.append(
            f"- {j.nom}, {entier(j.taille)} fiches : {entier(j.diagnostics)} diagnostics ({part})"
        )
    return lignes


def ecrire(passage: Passage, sortie: Path) -> None:
    manques = [r for r in passage.resultats if not r.atteint]
    lignes = [
        "# Banc de mesure d'acvkit",
        "",
        *(
            [
                "**Passage d'essai** (petites tailles ou machine chargée) : ces chiffres vérifient "
                "que le banc tourne, ils ne valent pas mesure. La mesure de référence est "
                "`make bench` sur une machine au repos.",
                "",
            ]
            if passage.essai
            else []
        ),
        f"Machine : {machine()}{passage.charge}.",
        "",
        f"Passage complet en {_duree(passage.duree)} ({passage.options}). Produit par `make bench` "
        "(benchmarks/run.py).",
        "",
        "Chaque commande est un processus entier (imports compris) ; temps réel médian des passages,",
        "lancés en alternance avec leur plancher ; processeur = utilisateur + système du processus",
        "et de ses descendants ; mémoire = maximum de l'arbre de processus (PSS relevé toutes les",
        '50 ms). Planchers : `python -c pass`, les imports (`python -c "import typer, pydantic,',
        'ruamel.yaml"`) et, pour chaque jeu, un parse libyaml de tous ses fichiers en un processus',
        "(`yaml.load(texte, Loader=yaml.CSafeLoader)`, imports compris). Jeux : fiches générées",
        "(graine fixe ; 2 % de fichiers cassés pour validate, propres pour build et import) et vraies",
        "fiches de data/ répliquées et renumérotées (le cas lourd en diagnostics).",
        "",
        *lignes_jeux(passage.jeux),
        "",
        *lignes_objectifs(passage.resultats),
        "",
        "Mesures :",
        "",
        *lignes_mesures(passage.mesures),
        "",
    ]
    if manques:
        lignes += [
            "## Où va le temps des objectifs manqués",
            "",
            *(
                f"- {r.objectif.libelle} : × {decimal(r.valeur / r.limite, 2)} de la limite."
                for r in manques
            ),
            "",
            *passage.profils,
        ]
    sortie.write_text("\n".join(lignes).rstrip("\n") + "\n", encoding="utf-8")


def citer_dans_le_readme(resultats: Path, readme: Path) -> None:
    """Recopie la mesure entre les marques du README : il cite toujours la dernière mesure."""
    texte = readme.read_text(encoding="utf-8")
    if DEBUT not in texte or FIN not in texte:
        return
    corps = resultats.read_text(encoding="utf-8")
    corps = corps[corps.index("Machine :") :].strip().replace("\n## ", "\n#### ")
    avant, reste = texte.split(DEBUT, 1)
    _, apres = reste.split(FIN, 1)
    readme.write_text(f"{avant}{DEBUT}\n{corps}\n{FIN}{apres}", encoding="utf-8")
