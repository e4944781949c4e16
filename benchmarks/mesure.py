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

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Mesure:
    """Une commande mesurée : médianes des passages, mémoire maximale de tous les passages."""

    key: str  # identifiant stable, repris par les objectifs (« validate-froid/genere/10000 »)
    command: str  # libellé affiché
    size: int
    seconds: float
    cpu: float = 0.0
    memory_mb: float = 0.0
    code: int = 0
    passages: int = 1
    args: tuple[str, ...] = ()
    cwd: str = ""
    expected_items: tuple[int, ...] = (0,)
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        """La commande a fini avec un code attendu (validate : 1 sur des données en erreur)."""
        return not self.interrupted and self.code in self.expected_items

    @property
    def per_second(self) -> str:
        if not self.size or not self.seconds:
            return "–"
        return f"{self.size / self.seconds:,.0f}".replace(",", " ")


@dataclass
class Task:
    """Une commande à mesurer ; `avant` est lancé (non chronométré) avant chaque passage."""

    key: str
    command: str
    size: int
    args: list[str]
    cwd: Path
    before: list[str] | None = None
    env: dict[str, str] = field(default_factory=dict)
    repetitions: int | None = None  # None : celles du groupe
    expected_items: tuple[int, ...] = (0,)


def _children(pid: int) -> list[int]:
    try:
        texte = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in texte.split()]


def _memory(pid: int) -> int:
    """PSS (octets) du processus, à défaut son RSS ; 0 s'il a disparu."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def tree_memory(root_dir: int) -> int:
    """La mémoire du processus `racine` et de tous ses descendants vivants (octets)."""
    total, to_visit, seen = 0, [root_dir], set()
    while to_visit:
        pid = to_visit.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _memory(pid)
        to_visit.extend(_children(pid))
    return total


class _MemorySampler(threading.Thread):
    """Relève la mémoire de l'arbre d'un processus jusqu'à sa fin ; garde le maximum."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.maximum = pid, interval, 0
        self.fin = threading.Event()

    def run(self) -> None:
        while not self.fin.is_set():
            self.maximum = max(self.maximum, tree_memory(self.pid))
            self.fin.wait(self.interval)


@dataclass(frozen=True)
class Passage:
    seconds: float
    cpu: float
    memory_mb: float
    code: int
    interrupted: bool


def launch(
    args: Sequence[str],
    env: dict[str, str],
    cwd: Path,
    delay: float | None = None,
    output: Path | None = None,
) -> Passage:
    """Un passage : temps réel, temps processeur de l'arbre, mémoire maximale (Mo), code de sortie.

    Au-delà de `delai` secondes, tout le groupe de processus est tué : passage « interrompu ».
    """
    debut = time.perf_counter()
    with open(output or os.devnull, "wb") as stream:  # noqa: PTH123
        process = subprocess.Popen(
            list(args),
            cwd=cwd,
            env=env,
            stdout=stream,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        sampler = _MemorySampler(process.pid)
        sampler.start()
        interrupted = threading.Event()

        def kill() -> None:
            interrupted.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(delay, kill) if delay else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        duration = time.perf_counter() - debut
        if timer:
            timer.cancel()
        sampler.fin.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    memory = max(usage.ru_maxrss * 1024, sampler.maximum) / 1024 / 1024
    return Passage(duration, cpu, memory, process.returncode, interrupted.is_set())


def measure_group(
    tasks: Sequence[Task], env: dict[str, str], repetitions: int, delay: float | None = None
) -> list[Mesure]:
    """Chaque tâche `repetitions` fois (ou les siennes), en alternance ; médianes.

    Une tâche interrompue (plus de `delai` secondes) n'est pas relancée.
    """
    results: dict[str, list[Passage]] = {t.key: [] for t in tasks}
    rounds = max((t.repetitions or repetitions for t in tasks), default=0)
    for turn in range(rounds):
        for task in tasks:
            existing = results[task.key]
            if turn >= (task.repetitions or repetitions) or any(p.interrupted for p in existing):
                continue
            if task.before:
                subprocess.run(task.before, cwd=task.cwd, env=env, check=False)
            existing.append(launch(task.args, {**env, **task.env}, task.cwd, delay))
    mesures = []
    for task in tasks:
        r = results[task.key]
        mesures.append(
            Mesure(
                key=task.key,
                command=task.command,
                size=task.size,
                seconds=statistics.median(x.seconds for x in r),
                cpu=statistics.median(x.cpu for x in r),
                memory_mb=max(x.memory_mb for x in r),
                code=r[-1].code,
                passages=len(r),
                args=tuple(task.args),
                cwd=str(task.cwd),
                expected_items=task.expected_items,
                interrupted=any(x.interrupted for x in r),
            )
        )
    return mesures
