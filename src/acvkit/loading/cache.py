"""Le cache de lecture : un fichier inchangé (chemin, taille, date, empreinte du contenu) n'est pas relu.

Le cache vit dans `<données>/.acv-cache/` (ignoré par git). Il contient des objets Python
(pickle) : pour qu'un cache venu d'ailleurs (copié, commité par erreur) ne soit jamais chargé,
il est signé (HMAC) avec une clé propre à l'utilisateur, gardée dans son dossier de cache.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from pathlib import Path
from typing import Any

import acvkit
from acvkit.writing import atomic_write_bytes

CACHE_DIR = ".acv-cache"
CACHE_FILE = "lecture.pickle"
FORMAT = 2  # 2 : chaque entrée est le résultat compact d'un fichier, déjà en pickle


def _user_key() -> bytes | None:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "acvkit"
    key_file = base / "cle-du-cache"
    try:
        if key_file.is_file():
            key = key_file.read_bytes()
            if len(key) == 32:
                return key
        base.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except OSError:
        return None


def code_fingerprint() -> str:
    """Empreinte du code qui lit et valide : version d'acvkit et sources Python du paquet."""
    digest = hashlib.sha256(f"{acvkit.__version__}:{FORMAT}".encode())
    package = Path(acvkit.__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


FileKey = tuple[int, int, str]  # taille, date de modification (ns), sha256 du contenu


def file_key(size: int, mtime_ns: int, sha256: str) -> FileKey:
    return (size, mtime_ns, sha256)


def load_signed(file: Path, key: bytes | None) -> Any:
    """Le contenu d'un fichier de cache signé par cet utilisateur ; None sinon (jamais dépicklé)."""
    if key is None or not file.is_file():
        return None
    try:
        blob = file.read_bytes()
    except OSError:
        return None
    signature, payload = blob[:32], blob[32:]
    if not hmac.compare_digest(signature, hmac.new(key, payload, hashlib.sha256).digest()):
        return None
    try:
        return pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None


def save_signed(file: Path, key: bytes | None, value: Any) -> None:
    if key is None:
        return
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    signature = hmac.new(key, payload, hashlib.sha256).digest()
    try:
        atomic_write_bytes(file, signature + payload, durable=False)
        ignore = file.parent / ".gitignore"
        if not ignore.exists():
            atomic_write_bytes(ignore, b"*\n", durable=False)
    except OSError:
        return


class ResultCache:
    """Le résultat complet d'une validation, pour un dossier et une configuration inchangés."""

    def __init__(self, data_dir: Path) -> None:
        self.file = data_dir / CACHE_DIR / "resultat.pickle"
        self.key = _user_key()

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
        self.key = _user_key()
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


# taille, date de modification (ns), date de changement d'état (ns), inode, périphérique
StatKey = tuple[int, int, int, int, int]
# Une date plus récente que le relevé moins cette marge n'est pas crue : une écriture dans le même
# tic d'horloge que la lecture ne changerait pas les dates (le « racy git »).
RACY_MARGIN_NS = 2_000_000_000


def stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


class StatIndex:
    """Comme l'index de git : pour chaque fichier, ses dates et son inode au moment où il a été lu,
    avec ce que la lecture en a tiré (taille, date, sha256). Un fichier dont l'état n'a pas bougé
    n'est ni relu ni haché ; toute écriture change au moins sa date de changement d'état (ctime).
    """

    def __init__(self, data_dir: Path) -> None:
        self.file = data_dir / CACHE_DIR / "index.pickle"
        self.key = _user_key()
        self.entries: dict[str, tuple[StatKey, FileKey]] = {}
        self.recorded_ns = 0
        self.dirty = False

    def load(self) -> None:
        found = load_signed(self.file, self.key)
        if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], dict):
            self.recorded_ns, self.entries = found

    def get(self, relative: str, key: StatKey) -> FileKey | None:
        found = self.entries.get(relative)
        if found is None or found[0] != key:
            return None
        if max(key[1], key[2]) >= self.recorded_ns - RACY_MARGIN_NS:
            self.dirty = True  # modifié trop près du relevé : relu, haché, puis relevé à nouveau
            return None
        return found[1]

    def put(self, relative: str, key: StatKey, value: FileKey) -> None:
        if self.entries.get(relative) != (key, value):
            self.entries[relative] = (key, value)
            self.dirty = True

    def save(self, recorded_ns: int, relatives: set[str]) -> None:
        if set(self.entries) != relatives:
            self.entries = {r: e for r, e in self.entries.items() if r in relatives}
            self.dirty = True
        if self.dirty:
            save_signed(self.file, self.key, (recorded_ns, self.entries))
