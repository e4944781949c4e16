"""Le budget d'erreur : un bogue devient un message français et un journal, jamais une trace à l'écran."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

from acvkit import __version__

EXIT_INTERNAL = 3  # un bogue (docs/commandes.md, codes de sortie)
EXIT_OUTPUT = 2  # une écriture refusée par le système (disque plein, droits)


def report_crash(exc: BaseException) -> int:
    """Écrit la trace dans un fichier journal, affiche où, et rend le code de sortie 3."""
    fd, name = tempfile.mkstemp(prefix="acv-erreur-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as log:
        log.write(f"acvkit {__version__}\nCommande : {' '.join(sys.argv)}\n\n")
        log.write("".join(traceback.format_exception(exc)))
    sys.stderr.write(
        "Erreur interne d'acvkit : ce n'est pas une erreur dans vos données.\n"
        f"Merci de la signaler en joignant le journal {Path(name)} "
        f"({type(exc).__name__}).\n"
    )
    return EXIT_INTERNAL


def report_os_error(exc: OSError) -> int:
    """Une écriture refusée par le système (sortie standard pleine, droits) : message, sortie 2."""
    import contextlib

    from acvkit.writing.atomic import reason

    lieu = f"« {exc.filename} »" if exc.filename else "la sortie standard"
    with contextlib.suppress(OSError):
        sys.stderr.write(f"Erreur : écriture impossible dans {lieu} : {reason(exc)}\n")
    # La sortie standard pleine ne doit pas échouer une seconde fois à la fermeture.
    with contextlib.suppress(OSError, ValueError):
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    return EXIT_OUTPUT
