"""L'écriture sûre de fichiers : fichier temporaire dans le même dossier, fsync, puis renommage."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

# Le nom d'un fichier temporaire d'atomic_write_bytes : « .<nom>.<8 caractères de mkstemp>.tmp ».
_TEMP_FILE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def atomic_write_bytes(target: Path, content: bytes, durable: bool = True) -> None:
    """Écrit `content` dans `target` d'un seul coup : un lecteur voit l'ancien fichier ou le nouveau.

    `durable=False` saute le fsync : pour un cache, qu'on peut toujours reconstruire.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    written = False
    try:
        # mkstemp crée en 0600 : on garde les droits du fichier remplacé, ou ceux d'un fichier neuf.
        os.fchmod(fd, target.stat().st_mode & 0o7777 if target.exists() else _default_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        Path(temporary).replace(target)
        written = True
    finally:
        if not written:
            Path(temporary).unlink(missing_ok=True)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_text(target: Path, text: str) -> None:
    atomic_write_bytes(target, text.encode("utf-8"))


def is_temp_file(nom: str) -> bool:
    """Vrai pour un nom de fichier temporaire d'atomic_write_bytes (« .<nom>.<xxxxxxxx>.tmp »)."""
    return _TEMP_FILE.match(nom) is not None


def remove_stale_temporaries(folder: Path) -> int:
    """Retire les fichiers temporaires laissés par une écriture interrompue (processus tué).

    Seuls les noms de la forme « .<fichier>.<xxxxxxxx>.tmp » dont <fichier> existe à côté sont
    retirés : aucun autre fichier n'est touché. Rend le nombre de fichiers retirés.
    """
    removed = 0
    for current_dir, subfolders, names in os.walk(folder):
        subfolders[:] = [d for d in subfolders if d != ".git"]
        for nom in names:
            if not _TEMP_FILE.match(nom):
                continue
            original_name = nom[1:].rsplit(".", 2)[0]
            if Path(current_dir, original_name).is_file():
                Path(current_dir, nom).unlink(missing_ok=True)
                removed += 1
    return removed


def append_text(target: Path, text: str, what: str) -> None:
    """Ajoute `text` à la fin de `target` (le résumé d'étape GitHub) ; OutputError (message
    français avec le chemin, sortie 2) si le fichier ne peut pas être écrit."""
    from acvkit.errors import OutputError

    try:
        with target.open("a", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(
            f"écriture impossible dans « {target} » ({what}) : {reason(exc)}"
        ) from exc


def reason(exc: OSError) -> str:
    """La cause d'une erreur du système, en français."""
    causes = {
        errno.EACCES: "permission refusée",
        errno.EPERM: "opération non permise",
        errno.ENOSPC: "disque plein",
        errno.EDQUOT: "quota dépassé",
        errno.EROFS: "système de fichiers en lecture seule",
        errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
        errno.EISDIR: "c'est un dossier",
        errno.EEXIST: "existe déjà",
        errno.ENOENT: "introuvable",
        errno.EIO: "erreur d'entrée-sortie",
        errno.ENAMETOOLONG: "nom de fichier trop long",
        errno.ELOOP: "trop de liens symboliques",
        errno.EXDEV: "déplacement entre deux disques",
        errno.EBUSY: "fichier occupé",
        errno.ETXTBSY: "fichier occupé",
        errno.EMFILE: "trop de fichiers ouverts",
        errno.ENFILE: "trop de fichiers ouverts",
        errno.ENOTEMPTY: "dossier non vide",
        errno.EFBIG: "fichier trop gros",
        errno.EINVAL: "nom ou opération invalide",
        errno.ENXIO: "périphérique absent",
    }
    if exc.errno in causes:
        return causes[exc.errno]
    name = errno.errorcode.get(exc.errno or 0)
    return f"erreur du système ({name})" if name else f"erreur du système ({type(exc).__name__})"
