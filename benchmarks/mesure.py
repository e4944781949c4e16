"""Chronométrer une commande comme un processus entier : temps réel, temps processeur, mémoire.

Le temps processeur (utilisateur + système) et la mémoire maximale viennent de `os.wait4`, qui
compte le processus et ceux de ses descendants qu'il a attendus (les processus de travail du
validate parallèle). La mémoire de l'arbre (processus et descendants vivants en même temps) est
relevée dans /proc toutes les 50 ms : la somme des PSS (mémoire partagée comptée au prorata), à
défaut des RSS. Les tâches d'un même groupe sont lancées en alternance (A B C A B C…) : un plancher
et la commande qu'on lui rapporte subissent la même charge de la machine.
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Mesure:
    """Une commande mesurée : médianes des passages, mémoire maximale de tous les passages."""

    cle: str  # identifiant stable, repris par les objectifs (« validate-froid/genere/10000 »)
    commande: str  # libellé affiché
    taille: int
    secondes: float
    cpu: float = 0.0
    memoire_mo: float = 0.0
    code: int = 0
    passages: int = 1
    args: tuple[str, ...] = ()
    cwd: str = ""
    attendus: tuple[int, ...] = (0,)
    interrompu: bool = False

    @property
    def ok(self) -> bool:
        """La commande a fini avec un code attendu (validate : 1 sur des données en erreur)."""
        return not self.interrompu and self.code in self.attendus

    @property
    def par_seconde(self) -> str:
        if not self.taille or not self.secondes:
            return "–"
        return f"{self.taille / self.secondes:,.0f}".replace(",", " ")


@dataclass
class Tache:
    """Une commande à mesurer ; `avant` est lancé (non chronométré) avant chaque passage."""

    cle: str
    commande: str
    taille: int
    args: list[str]
    cwd: Path
    avant: list[str] | None = None
    env: dict[str, str] = field(default_factory=dict)
    repetitions: int | None = None  # None : celles du groupe
    attendus: tuple[int, ...] = (0,)


def _enfants(pid: int) -> list[int]:
    try:
        texte = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in texte.split()]


def _memoire(pid: int) -> int:
    """PSS (octets) du processus, à défaut son RSS ; 0 s'il a disparu."""
    try:
        for ligne in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if ligne.startswith("Pss:"):
                return int(ligne.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def memoire_arbre(racine: int) -> int:
    """La mémoire du processus `racine` et de tous ses descendants vivants (octets)."""
    total, a_voir, vus = 0, [racine], set()
    while a_voir:
        pid = a_voir.pop()
        if pid in vus:
            continue
        vus.add(pid)
        total += _memoire(pid)
        a_voir.extend(_enfants(pid))
    return total


class _Releveur(threading.Thread):
    """Relève la mémoire de l'arbre d'un processus jusqu'à sa fin ; garde le maximum."""

    def __init__(self, pid: int, intervalle: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.intervalle, self.maximum = pid, intervalle, 0
        self.fin = threading.Event()

    def run(self) -> None:
        while not self.fin.is_set():
            self.maximum = max(self.maximum, memoire_arbre(self.pid))
            self.fin.wait(self.intervalle)


@dataclass(frozen=True)
class Passage:
    secondes: float
    cpu: float
    memoire_mo: float
    code: int
    interrompu: bool


def lancer(
    args: Sequence[str],
    env: dict[str, str],
    cwd: Path,
    delai: float | None = None,
    sortie: Path | None = None,
) -> Passage:
    """Un passage : temps réel, temps processeur de l'arbre, mémoire maximale (Mo), code de sortie.

    Au-delà de `delai` secondes, tout le groupe de processus est tué : passage « interrompu ».
    """
    debut = time.perf_counter()
    with open(sortie or os.devnull, "wb") as flux:  # noqa: PTH123
        process = subprocess.Popen(
            list(args),
            cwd=cwd,
            env=env,
            stdout=flux,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        releveur = _Releveur(process.pid)
        releveur.start()
        interrompu = threading.Event()

        def tuer() -> None:
            interrompu.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

        minuterie = threading.Timer(delai, tuer) if delai else None
        if minuterie:
            minuterie.start()
        _, status, usage = os.wait4(process.pid, 0)
        duree = time.perf_counter() - debut
        if minuterie:
            minuterie.cancel()
        releveur.fin.set()
        releveur.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    memoire = max(usage.ru_maxrss * 1024, releveur.maximum) / 1024 / 1024
    return Passage(duree, cpu, memoire, process.returncode, interrompu.is_set())


def mesurer_groupe(
    taches: Sequence[Tache], env: dict[str, str], repetitions: int, delai: float | None = None
) -> list[Mesure]:
    """Chaque tâche `repetitions` fois (ou les siennes), en alternance ; médianes.

    Une tâche interrompue (plus de `delai` secondes) n'est pas relancée.
    """
    resultats: dict[str, list[Passage]] = {t.cle: [] for t in taches}
    tours = max((t.repetitions or repetitions for t in taches), default=0)
    for tour in range(tours):
        for tache in taches:
            deja = resultats[tache.cle]
            if tour >= (tache.repetitions or repetitions) or any(p.interrompu for p in deja):
                continue
            if tache.avant:
                subprocess.run(tache.avant, cwd=tache.cwd, env=env, check=False)
            deja.append(lancer(tache.args, {**env, **tache.env}, tache.cwd, delai))
    mesures = []
    for tache in taches:
        r = resultats[tache.cle]
        mesures.append(
            Mesure(
                cle=tache.cle,
                commande=tache.commande,
                taille=tache.taille,
                secondes=statistics.median(x.secondes for x in r),
                cpu=statistics.median(x.cpu for x in r),
                memoire_mo=max(x.memoire_mo for x in r),
                code=r[-1].code,
                passages=len(r),
                args=tuple(tache.args),
                cwd=str(tache.cwd),
                attendus=tache.attendus,
                interrompu=any(x.interrompu for x in r),
            )
        )
    return mesures
