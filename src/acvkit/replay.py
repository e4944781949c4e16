"""Le chemin rapide d'`acv validate` : une commande déjà lancée sur un dossier inchangé est redonnée
telle quelle (sorties, fichier de rapport, résumé d'étape GitHub, code de sortie).

Rien ici n'importe Typer, pydantic, ruamel.yaml ni les règles : seulement la bibliothèque
standard. La clé d'une sortie enregistrée réunit tout ce dont elle dépend : la ligne de
commande, le dossier courant, l'environnement, les terminaux, la date du jour, l'état du code
(acvkit.cache_files.code_stamp), la configuration (acv.toml, pyproject.toml), la ligne de base,
la racine git, et chaque entrée du dossier de données (les noms, et pour chaque fichier YAML son
état : taille, dates, inode, comme l'index de git ; rien n'est relu). Au moindre
doute (dossier illisible, fichier étrange), pas de clé : la ligne de commande complète s'en charge.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from acvkit.cache_files import (
    CACHE_DIR,
    RACY_MARGIN_NS,
    code_stamp,
    load_signed,
    stat_key,
    user_key,
)

if TYPE_CHECKING:
    from typing import Any, BinaryIO

SUFFIXES = (".yaml", ".yml")
STORE = "sorties"
KEPT = 16  # sorties gardées par dossier (formats, options, dossiers courants différents)
LARGEST = 64 * 1024 * 1024  # une configuration ou une ligne de base plus grosse : pas de clé
# Des variables qui changent d'une session à l'autre sans rien changer à la sortie.
_VOLATILE = frozenset(
    {
        "_",
        "OLDPWD",
        "PWD",
        "SHLVL",
        "WINDOWID",
        "TERM_SESSION_ID",
        "ITERM_SESSION_ID",
        "SSH_CLIENT",
        "SSH_CONNECTION",
        "SSH_AUTH_SOCK",
        "XDG_SESSION_ID",
        "DBUS_SESSION_BUS_ADDRESS",
        "INVOCATION_ID",
        "JOURNAL_STREAM",
        "PYTEST_CURRENT_TEST",
    }
)


class Unsure(Exception):
    """Quelque chose que la clé ne saurait pas résumer : la ligne de commande complète décide."""


def _file_state(path: str) -> str:
    """Un fichier hors du dossier de données (configuration, ligne de base) : absent, dossier, ou
    l'empreinte de son contenu. Lève `Unsure` pour un fichier illisible ou étrange (tube…)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return "absent"
    except IsADirectoryError:
        return "dossier"
    except OSError as exc:
        raise Unsure(path) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return "dossier"
        if not stat.S_ISREG(info.st_mode) or info.st_size > LARGEST:
            raise Unsure(path)
        chunks = []
        while block := os.read(fd, 1 << 20):
            chunks.append(block)
        return hashlib.sha256(b"".join(chunks)).hexdigest()
    except OSError as exc:
        raise Unsure(path) from exc
    finally:
        os.close(fd)


def _walk(root: str, items: list[str]) -> int:
    """Chaque entrée du dossier (hors dossiers cachés, comme la découverte) et l'état de chaque
    fichier YAML (taille, dates, inode) : ce que la lecture verrait, en plus large. Rend la plus
    récente des dates vues (une date trop proche ne prouve rien, voir RACY_MARGIN_NS)."""
    newest = 0
    pending = [(root, "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            listed = list(entries)
        for entry in listed:
            name = entry.name
            if name[0] == ".":
                continue
            relative = prefix + name
            if entry.is_symlink():
                link = Path(entry.path)
                target = os.path.realpath(entry.path)
                items.append(f"L{relative}\0{link.readlink()}\0{target}\0{_file_state(target)}")
            elif entry.is_dir(follow_symlinks=False):
                items.append(f"D{relative}")
                pending.append((entry.path, relative + "/"))
            elif name.lower().endswith(SUFFIXES):
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    raise Unsure(relative)
                newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
                items.append(f"Y{relative}\0{stat_key(info)}")
            else:
                items.append(f"F{relative}")
    return newest


def _git_root(root: Path) -> str:
    here = root.resolve()
    for folder in [here, *here.parents]:
        if (folder / ".git").exists():
            return str(folder)
    return ""


def _terminals() -> list[object]:
    found: list[object] = []
    for fd in (0, 1, 2):
        try:
            tty = os.isatty(fd)
            found.append((tty, tuple(os.get_terminal_size(fd)) if tty else None))
        except OSError:
            found.append(None)
    return found


def fingerprint(
    argv: list[str], root: Path, named: list[str], report: str | None
) -> tuple[str, bool]:
    """La clé d'une sortie (tout ce dont elle dépend, voir le module) et si elle est sûre : un
    fichier modifié moins de RACY_MARGIN_NS avant le relevé pourrait l'être encore sans que ses
    dates bougent (le « racy git ») ; une clé pas sûre ne sert pas à enregistrer. Lève `Unsure`."""
    if not root.is_dir():
        raise Unsure(str(root))
    debut = time.time_ns()
    resolved = root.resolve()
    parts: list[object] = [
        code_stamp(),
        argv,
        str(Path.cwd()),
        _terminals(),
        sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE),
        time.strftime("%Y-%m-%d"),
        time.strftime("%Y-%m-%d", time.gmtime()),
        root.as_posix(),
        str(resolved),
        _git_root(root),
    ]
    for folder in (root, resolved.parent):
        for name in ("acv.toml", "pyproject.toml"):
            parts.append(_file_state(os.fspath(folder / name)))
    for path in named:  # chemins nommés et ligne de base : ce qu'ils désignent compte
        parts.append((path, os.path.realpath(path), _file_state(path)))
    if report is not None:  # le fichier de rapport : où il va (son contenu sera remplacé)
        parts.append((report, os.path.realpath(report), Path(report).is_dir()))
    items: list[str] = []
    try:
        newest = _walk(os.fspath(root), items)
    except OSError as exc:
        raise Unsure(str(root)) from exc
    items.sort()
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass"))
    digest.update("\n".join(items).encode("utf-8", "surrogatepass"))
    return digest.hexdigest(), newest < debut - RACY_MARGIN_NS


class Recorded:
    """Ce qu'une commande a produit : morceaux écrits sur chaque sortie (dans l'ordre), code de
    sortie, contenu du fichier de rapport, texte ajouté au résumé d'étape GitHub."""

    def __init__(
        self,
        code: int,
        chunks: list[tuple[int, bytes]],
        report: bytes | None,
        summary: bytes | None,
    ) -> None:
        self.code, self.chunks, self.report, self.summary = code, chunks, report, summary

    def as_tuple(self) -> tuple[Any, ...]:
        return (self.code, self.chunks, self.report, self.summary)


class Store:
    """Les sorties enregistrées d'un dossier de données : une par clé, signées (voir cache_files)."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / STORE
        self.key = user_key()

    def get(self, key: str) -> Recorded | None:
        found = load_signed(self.folder / f"{key}.pickle", self.key)
        if not (isinstance(found, tuple) and len(found) == 4 and isinstance(found[0], int)):
            return None
        return Recorded(*found)

    def put(self, key: str, recorded: Recorded) -> None:
        from acvkit.cache_files import save_signed

        save_signed(self.folder / f"{key}.pickle", self.key, recorded.as_tuple())
        try:
            kept = sorted(self.folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
            for old in kept[:-KEPT]:
                old.unlink()
        except OSError:
            return


def replay(recorded: Recorded, output_file: str | None, summary: str | None) -> int | None:
    """Redonne une sortie enregistrée ; None si rien n'a pu commencer (la commande complète suit).

    Le fichier de rapport et le résumé d'étape d'abord : un échec là, avant toute sortie, laisse
    la commande complète le dire avec ses mots."""
    try:
        if output_file is not None and recorded.report is not None:
            from acvkit.writing.atomic import atomic_write_bytes

            atomic_write_bytes(Path(output_file), recorded.report)
        if summary is not None and recorded.summary:
            with open(summary, "ab") as handle:  # noqa: PTH123 — comme la vue github, en ajout
                handle.write(recorded.summary)
    except OSError:
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        for number, block in recorded.chunks:
            stream = (sys.stdout if number == 1 else sys.stderr).buffer
            stream.write(block)
            stream.flush()
    except OSError as exc:
        return _failed_output(exc)
    return recorded.code


def _failed_output(exc: OSError) -> int:
    """Une sortie impossible à écrire : ce que la commande complète aurait fait (output_errors)."""
    from acvkit.cli.output_errors import OutputError, guard_output

    try:
        with guard_output():
            raise exc
    except OutputError as error:
        return error.report()
    except OSError as other:
        from acvkit.cli.crash import report_crash

        return report_crash(other)


class _Tee(io.RawIOBase):
    """Une sortie qui écrit à sa place d'origine et garde une copie de chaque morceau."""

    def __init__(self, number: int, target: BinaryIO, chunks: list[tuple[int, bytes]]) -> None:
        super().__init__()
        self.number, self.target, self.chunks = number, target, chunks
        self.failed = False

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    def write(self, data: Any) -> int:
        block = bytes(data)
        try:
            self.target.write(block)
            self.target.flush()
        except OSError:
            self.failed = True
            raise
        self.chunks.append((self.number, block))
        return len(block)


class Capture:
    """Pendant la commande complète : sys.stdout et sys.stderr copiés au passage, morceau par morceau."""

    def __init__(self, summary: str | None) -> None:
        self.chunks: list[tuple[int, bytes]] = []
        self.summary = summary
        self.summary_size = _size(summary)
        self.tees: list[_Tee] = []
        self.saved: tuple[Any, Any] = (sys.stdout, sys.stderr)

    def _wrap(self, number: int, original: Any) -> Any:
        tee = _Tee(number, original.buffer, self.chunks)
        self.tees.append(tee)
        return io.TextIOWrapper(
            io.BufferedWriter(tee),
            encoding=original.encoding,
            errors=original.errors,
            line_buffering=original.line_buffering,
            write_through=getattr(original, "write_through", False),
        )

    def __enter__(self) -> Capture:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout = self._wrap(1, sys.stdout)
        sys.stderr = self._wrap(2, sys.stderr)
        return self

    def __exit__(self, *exc: object) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                self.tees[0].failed = True
        sys.stdout, sys.stderr = self.saved

    def recorded(self, code: int, output_file: str | None) -> Recorded | None:
        """Ce qui a été produit ; None si une écriture a échoué ou si un fichier a changé sous nous."""
        if any(tee.failed for tee in self.tees):
            return None
        report = None
        try:
            if output_file is not None:
                report = Path(output_file).read_bytes()
            added = None
            if self.summary is not None and Path(self.summary).exists():
                with open(self.summary, "rb") as handle:  # noqa: PTH123
                    handle.seek(max(self.summary_size, 0))
                    added = handle.read()
        except OSError:
            return None
        return Recorded(code, _merged(self.chunks), report, added)


def _merged(chunks: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Les morceaux voisins d'une même sortie réunis : redonner ne dépend pas de la façon dont
    les vues ont écrit (l'ordre entre sortie standard et sortie d'erreur est gardé)."""
    merged: list[tuple[int, list[bytes]]] = []
    for number, block in chunks:
        if merged and merged[-1][0] == number:
            merged[-1][1].append(block)
        else:
            merged.append((number, [block]))
    return [(number, b"".join(blocks)) for number, blocks in merged]


def _size(path: str | None) -> int:
    if path is None:
        return -1
    try:
        return os.stat(path).st_size  # noqa: PTH116
    except OSError:
        return -1
