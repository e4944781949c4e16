"""L'écriture sûre de fichiers : fichier temporaire dans le même dossier, fsync, puis renommage."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(target: Path, content: bytes) -> None:
    """Écrit `content` dans `target` d'un seul coup : un lecteur voit l'ancien fichier ou le nouveau."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    written = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(target)
        written = True
    finally:
        if not written:
            Path(temporary).unlink(missing_ok=True)


def atomic_write_text(target: Path, text: str) -> None:
    atomic_write_bytes(target, text.encode("utf-8"))
