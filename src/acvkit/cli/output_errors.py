"""Une sortie qu'on ne peut pas écrire (disque plein, /dev/full, tube fermé) : message français, sortie 2.

Ce n'est pas un bogue d'acvkit : pas de journal d'« erreur interne », un message qui dit quoi faire.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_OUTPUT = 2

_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG}
_OUTPUT_ERRNOS |= {getattr(errno, "EDQUOT", errno.ENOSPC)}


class OutputError(Exception):
    """L'écriture sur la sortie standard a échoué."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(str(cause))
        self.cause = cause

    def report(self) -> int:
        from acvkit.writing.atomic import reason

        if isinstance(self.cause, BrokenPipeError):
            return EXIT_OUTPUT  # `acv … | head` : le lecteur est parti, rien à dire
        try:
            sys.stderr.write(
                "Erreur : écriture impossible dans la sortie standard : "
                f"{reason(self.cause)} ; vérifiez la place libre sur le disque ou la redirection "
                "(ou utilisez --output-file).\n"
            )
            sys.stderr.flush()
        except OSError:
            pass
        return EXIT_OUTPUT


def _silence_stdout() -> None:
    """Plus rien ne sera écrit : évite un second échec (en anglais) à la fermeture de Python."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _is_output_error(exc: OSError) -> bool:
    return isinstance(exc, BrokenPipeError) or exc.errno in _OUTPUT_ERRNOS


@contextmanager
def guard_output() -> Iterator[None]:
    """Vide la sortie standard à la fin ; une écriture impossible devient OutputError."""
    try:
        try:
            yield
        finally:
            sys.stdout.flush()
    except OSError as exc:
        if not _is_output_error(exc):
            raise
        _silence_stdout()
        raise OutputError(exc) from exc
