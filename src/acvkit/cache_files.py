"""Les fichiers de `.acv-cache/` : signés (HMAC) pour cet utilisateur, et le relevé d'état.

Ce module n'importe que la bibliothèque standard. Le cache contient des
objets Python (pickle) : pour qu'un cache venu d'ailleurs (copié, commité par erreur) ne soit
jamais chargé, il est signé avec une clé propre à l'utilisateur, gardée dans son dossier de cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

CACHE_DIR = ".acv-cache"
PACKAGE = Path(__file__).resolve().parent


def user_key() -> bytes | None:
    """La clé de signature des caches de cet utilisateur, créée à la première demande.

    Deux processus qui la créent en même temps gardent la même : la clé est écrite dans un fichier
    temporaire puis liée sous son nom (un lien ne remplace jamais un fichier existant).
    """
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "acvkit"
    key_file = base / "cle-du-cache"
    try:
        with contextlib.suppress(FileNotFoundError):
            key = key_file.read_bytes()
            if len(key) == 32:
                return key
        base.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=base, prefix=".cle-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
            try:
                os.link(temporary, key_file)
            except FileExistsError:
                # Une clé écrite par un autre processus (ou abîmée : elle est remplacée).
                if len(key_file.read_bytes()) != 32:
                    Path(temporary).replace(key_file)
        finally:
            with contextlib.suppress(FileNotFoundError):
                Path(temporary).unlink()
        key = key_file.read_bytes()
        return key if len(key) == 32 else None
    except OSError:
        return None


def load_signed(file: Path, key: bytes | None) -> Any:
    """Le contenu d'un fichier de cache signé par cet utilisateur ; None sinon (jamais dépicklé)."""
    if key is None:
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
    from acvkit.writing.atomic import atomic_write_bytes

    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    signature = hmac.new(key, payload, hashlib.sha256).digest()
    try:
        atomic_write_bytes(file, signature + payload, durable=False)
        ignore = file.parent / ".gitignore"
        if not ignore.exists():
            atomic_write_bytes(ignore, b"*\n", durable=False)
    except OSError:
        return


def code_stamp() -> str:
    """L'état du code qui lit, valide et écrit : chaque fichier du paquet (chemin, taille, dates,
    inode), la version de Python et les paquets installés à côté (noms des .dist-info, versions
    comprises). Toute modification d'un fichier change au moins sa date de changement d'état :
    rien n'est relu, quelques centaines d'appels à stat suffisent."""
    digest = hashlib.sha256(f"{sys.version}\0{sys.executable}\0".encode())
    pending = [(os.fspath(PACKAGE), "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            listed = sorted(entries, key=lambda e: e.name)
        for entry in listed:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, f"{prefix}{entry.name}/"))
                continue
            info = entry.stat()
            etat = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            digest.update(f"{prefix}{entry.name}\0{etat}\0".encode())
    for folder in sorted({p for p in sys.path if p.endswith("-packages")}):
        try:
            with os.scandir(folder) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(".dist-info"))
        except OSError:
            continue
        digest.update(f"{folder}\0{names}\0".encode())
    return digest.hexdigest()


FileKey = tuple[int, int, str]  # taille, date de modification (ns), sha256 du contenu


def file_key(size: int, mtime_ns: int, sha256: str) -> FileKey:
    return (size, mtime_ns, sha256)


# taille, date de modification (ns), date de changement d'état (ns), inode, périphérique
StatKey = tuple[int, int, int, int, int]
# Une date plus récente que le relevé moins cette marge n'est pas crue : une écriture dans le même
# tic d'horloge que la lecture ne changerait pas les dates (le « racy git »).
RACY_MARGIN_NS = 2_000_000_000
# 2 : chaque entrée garde aussi la cible de la ligne de schéma (un ancien relevé n'est pas repris).
_INDEX_FORMAT = 2


def stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


class StatIndex:
    """Comme l'index de git : pour chaque fichier, ses dates et son inode au moment où il a été lu,
    avec ce que la lecture en a tiré (taille, date, sha256, et la cible de sa ligne de schéma quand
    la validation regarde si elle existe). Un fichier dont l'état n'a pas bougé n'est ni relu ni
    haché ; toute écriture change au moins sa date de changement d'état (ctime).
    """

    def __init__(self, data_dir: Path) -> None:
        self.file = data_dir / CACHE_DIR / "index.pickle"
        self.key = user_key()
        self.entries: dict[str, tuple[StatKey, FileKey, str]] = {}
        self.recorded_ns = 0
        self.dirty = False

    def load(self) -> None:
        found = load_signed(self.file, self.key)
        if isinstance(found, tuple) and len(found) == 3 and found[0] == _INDEX_FORMAT:
            _, self.recorded_ns, self.entries = found

    def get(self, relative: str, key: StatKey) -> tuple[FileKey, str] | None:
        found = self.entries.get(relative)
        if found is None or found[0] != key:
            return None
        if max(key[1], key[2]) >= self.recorded_ns - RACY_MARGIN_NS:
            self.dirty = True  # modifié trop près du relevé : relu, haché, puis relevé à nouveau
            return None
        return found[1], found[2]

    def put(self, relative: str, key: StatKey, value: FileKey, target: str = "") -> None:
        if self.entries.get(relative) != (key, value, target):
            self.entries[relative] = (key, value, target)
            self.dirty = True

    def save(self, recorded_ns: int, relatives: set[str]) -> None:
        if set(self.entries) != relatives:
            self.entries = {r: e for r, e in self.entries.items() if r in relatives}
            self.dirty = True
        if self.dirty:
            save_signed(self.file, self.key, (_INDEX_FORMAT, recorded_ns, self.entries))
