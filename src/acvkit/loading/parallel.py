"""Répartir un travail sur les cœurs de la machine, seulement quand il est assez gros pour que ça paie.

Les processus sont créés par fork (ils héritent du code déjà importé) à la première tâche assez
grosse, puis servent pour toutes les suivantes (lecture des fichiers, puis situation des
diagnostics) ; `with Workers() as workers:` les arrête à la fin.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# En deçà, lancer des processus coûte plus que le travail lui-même.
PARALLEL_MIN_ITEMS = 300


def fork_available() -> bool:
    """Vrai si les processus peuvent naître par fork (Linux, macOS) ; sinon (Windows) tout se fait ici."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def fork_executor(
    workers: int, initializer: Callable[..., object] | None = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """Des processus nés par fork : ils héritent du code importé et des objets déjà en mémoire."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=initializer, initargs=initargs
    )


class Workers:
    """Des processus de travail ouverts à la demande ; `workers=1` fait tout dans ce processus."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._executor: ProcessPoolExecutor | None = None

    def map(self, function: Callable[..., R], items: list[T], *args: Any) -> list[R]:
        """`function(item, *args)` pour chaque élément, dans l'ordre ; en parallèle s'il y en a assez."""
        if self.workers <= 1 or len(items) < PARALLEL_MIN_ITEMS or not fork_available():
            return [function(item, *args) for item in items]
        if self._executor is None:
            self._executor = fork_executor(self.workers)
        n = len(items)
        chunk = max(1, n // (self.workers * 8))
        columns = [[arg] * n for arg in args]
        return list(self._executor.map(function, items, *columns, chunksize=chunk))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
