"""Le cache de lecture : un fichier inchangé (chemin, taille, date, empreinte du contenu) n'est pas relu.

Le cache vit dans `<données>/.acv-cache/` (ignoré par git). Il contient des objets Python
(pickle) : pour qu'un cache venu d'ailleurs (copié, commité par erreur) ne soit jamais chargé,
il est signé (HMAC) avec une clé propre à l'utilisateur, gardée dans son dossier de cache.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

import acvkit
from acvkit.cache_files import (
    CACHE_DIR,
    FileKey,
    code_stamp,
    load_signed,
    save_signed,
    user_key,
)

# Les fichiers signés, les clés et le relevé d'état vivent dans acvkit.cache_files (sans
# dépendance, pour le chemin rapide) : on les importe de là, pas d'ici.
__all__ = ["ReadCache", "ResultCache", "code_fingerprint"]

CACHE_FILE = "lecture.pickle"
FORMAT = 2  # 2 : chaque entrée est le résultat compact d'un fichier, déjà en pickle


@functools.cache
def code_fingerprint() -> str:
    """Empreinte du code qui lit et valide : version d'acvkit, format du cache et état des
    fichiers du paquet (voir `code_stamp` : des stat, pas une relecture des sources)."""
    return hashlib.sha256(f"{acvkit.__version__}:{FORMAT}:{code_stamp()}".encode()).hexdigest()


class ResultCache:
    """Le résultat complet d'une validation, pour un dossier et une configuration inchangés."""

    def __init__(self, data_dir: Path) -> None:
        self.file = data_dir / CACHE_DIR / "resultat.pickle"
        self.key = user_key()

    def get(self, fingerprint: str) -> Any:
        found = load_signed(self.file, self.key)
        if isinstance(found, tuple) and len(found) == 2 and found[0] == fingerprint:
            return found[1]
        return None

    def put(self, fingerprint: str, value: Any) -> None:
        save_signed(self.file, self.key, (fingerprint, value))


class ReadCache:
    """Les résultats de lecture par fichier, valables pour une empreinte de code et un affichage."""

    def __init__(self, data_dir: Path, display_root: str) -> None:
        self.file = data_dir / CACHE_DIR / CACHE_FILE
        self.key = user_key()
        self.context = f"{code_fingerprint()}|{display_root}"
        self.entries: dict[str, tuple[FileKey, bytes]] = {}
        self.dirty = False

    def load(self) -> None:
        found = load_signed(self.file, self.key)
        if isinstance(found, tuple) and len(found) == 2:
            context, entries = found
            if context == self.context and isinstance(entries, dict):
                self.entries = entries

    def get(self, relative: str, key: FileKey) -> bytes | None:
        found = self.entries.get(relative)
        return found[1] if found is not None and found[0] == key else None

    def put(self, relative: str, key: FileKey, value: bytes) -> None:
        self.entries[relative] = (key, value)
        self.dirty = True

    def keep_only(self, relatives: set[str]) -> None:
        for relative in set(self.entries) - relatives:
            del self.entries[relative]
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            save_signed(self.file, self.key, (self.context, self.entries))
