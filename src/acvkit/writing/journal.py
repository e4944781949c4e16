"""Le verrou, le journal et la reprise de l'écriture d'un dossier (voir writing/change.py).

Le journal dit quels fichiers sont posés à côté de leur cible (`.<nom>.acv-nouveau`) et si
l'instant de l'écriture est passé (« valide ») ou non (« prepare ») : `recover` annule le premier
cas et termine le second. Le verrou est un verrou du système (filelock) : un processus tué le perd.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from acvkit.errors import WriteError as WriteError

# L'état de l'écriture, dans un dossier caché du dossier écrit, que git ignore (il contient un
# .gitignore « * ») et que la lecture ne visite pas : le verrou, et le journal pendant l'écriture.
STATE = ".acv-ecriture"
JOURNAL = f"{STATE}/journal.json"
LOCK = f"{STATE}/verrou"
STAGED_SUFFIX = ".acv-nouveau"
LOCK_WAIT = 10.0  # secondes d'attente du verrou tenu par une autre commande


def reason(exc: OSError) -> str:
    from acvkit.writing.atomic import reason as os_reason

    return os_reason(exc)


def os_error(exc: OSError, path: object | None = None, action: str = "écriture") -> WriteError:
    """Une erreur du système en français, avec le chemin en cause."""
    from acvkit.safe_text import visible

    # Le fichier que la commande écrit, plutôt que son texte posé à côté.
    lieu = path if path is not None else exc.filename
    where = f" dans « {visible(os.fsdecode(lieu) if isinstance(lieu, bytes) else lieu)} »"
    return WriteError(
        f"{action} impossible{where if lieu is not None else ''} : {reason(exc)} ; "
        "aucun fichier n'est modifié"
    )


def sha(raw: bytes | None) -> str | None:
    return None if raw is None else hashlib.sha256(raw).hexdigest()


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Le verrou du dossier (`.acv-ecriture/verrou`, libéré par le système si le processus meurt)."""
    from filelock import FileLock, Timeout

    state = Path(root) / STATE
    try:
        state.mkdir(exist_ok=True)
        ignore = state / ".gitignore"
        if not ignore.exists():
            ignore.write_bytes(b"*\n")
    except OSError as exc:
        raise os_error(exc, state) from None
    lock = FileLock(os.fspath(Path(root) / LOCK), timeout=LOCK_WAIT)
    try:
        lock.acquire()
    except Timeout:
        raise WriteError(
            f"une autre commande acv écrit dans « {root} » depuis plus de {LOCK_WAIT:.0f} s : "
            "rien n'est écrit ; relancez la commande quand elle aura fini"
        ) from None
    except OSError as exc:
        raise os_error(exc, Path(root) / LOCK) from None
    try:
        yield
    finally:
        lock.release()


def _staged(target: Path) -> Path:
    return target.with_name(f".{target.name}{STAGED_SUFFIX}")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_durable(path: Path, raw: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), mode)
    try:
        if hasattr(os, "fchmod"):  # absent sous Windows avant Python 3.13
            with contextlib.suppress(OSError):
                os.fchmod(fd, mode)  # le umask ne change pas les droits d'un fichier remplacé
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_journal(root: Path, journal: dict[str, object]) -> None:
    """Le journal écrit d'un seul renommage (jamais à moitié)."""
    path = root / JOURNAL
    provisional = path.with_name(path.name + STAGED_SUFFIX)
    _write_durable(provisional, json.dumps(journal, ensure_ascii=True).encode("ascii"), 0o644)
    provisional.replace(path)
    _fsync_dir(path.parent)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _missing_dirs(target: Path, root: Path) -> list[Path]:
    missing: list[Path] = []
    parent = target.parent
    while parent != root and not parent.exists() and root in parent.parents:
        missing.append(parent)
        parent = parent.parent
    return list(reversed(missing))


def apply(root: Path, contents: dict[Path, bytes], originals: dict[Path, bytes | None]) -> None:
    """Journal « prepare », fichiers posés, journal « valide », remplacements, journal retiré."""
    real_root = Path(os.path.realpath(root))
    dirs: list[Path] = []
    for target in contents:
        dirs += [d for d in _missing_dirs(target, real_root) if d not in dirs]
    entries = [
        {
            "cible": t.relative_to(real_root).as_posix(),
            "avant": sha(originals[t]),
            "apres": sha(raw),
        }
        for t, raw in contents.items()
    ]
    journal: dict[str, object] = {
        "etat": "prepare",
        "fichiers": entries,
        "dossiers": [d.relative_to(real_root).as_posix() for d in dirs],
    }
    current: Path = real_root / JOURNAL
    try:
        _write_journal(real_root, journal)
        for folder in dirs:
            current = folder
            folder.mkdir()
        for target, raw in contents.items():
            current = target
            mode = target.stat().st_mode & 0o7777 if originals[target] is not None else None
            _write_durable(_staged(target), raw, mode if mode is not None else _default_mode())
        current = real_root / JOURNAL
        journal["etat"] = "valide"
        _write_journal(real_root, journal)  # l'instant de l'écriture
    except OSError as exc:
        _rollback(real_root, journal)
        raise os_error(exc, current) from None
    replaced: list[Path] = []
    try:
        for target in contents:
            current = target
            _staged(target).replace(target)
            replaced.append(target)
        for folder in {t.parent for t in contents}:
            _fsync_dir(folder)
        (real_root / JOURNAL).unlink()
        _fsync_dir(real_root / STATE)
    except OSError as exc:
        _undo(real_root, contents, originals, replaced, journal)
        raise os_error(exc, current) from None


def _rollback(root: Path, journal: dict[str, object]) -> None:
    """Avant l'instant de l'écriture : les fichiers posés et les dossiers créés sont retirés."""
    for entry in journal.get("fichiers", []):  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):
            _staged(root / entry["cible"]).unlink(missing_ok=True)
    for folder in reversed(journal.get("dossiers", [])):  # type: ignore[call-overload]
        with contextlib.suppress(OSError):
            (root / folder).rmdir()
    with contextlib.suppress(OSError):
        (root / (JOURNAL + STAGED_SUFFIX)).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        (root / JOURNAL).unlink(missing_ok=True)


def _undo(
    root: Path,
    contents: dict[Path, bytes],
    originals: dict[Path, bytes | None],
    replaced: list[Path],
    journal: dict[str, object],
) -> None:
    """Un remplacement a échoué : ceux déjà faits reprennent leur ancien contenu. Si même cela
    échoue, le journal reste : la prochaine commande terminera l'écriture."""
    try:
        for target in replaced:
            before = originals[target]
            if before is None:
                target.unlink(missing_ok=True)
            else:
                _write_durable(_staged(target), before, target.stat().st_mode & 0o7777)
                _staged(target).replace(target)
    except OSError:
        return
    _rollback(root, journal)


def pending(root: Path) -> bool:
    """Vrai si une écriture interrompue attend d'être terminée ou annulée dans `root`."""
    # os.path.exists : un dossier qu'on ne peut pas parcourir n'a pas d'écriture à reprendre ici
    # (la lecture qui suit dira, en français, qu'il est illisible).
    return any(
        os.path.exists(Path(root) / name)  # noqa: PTH110
        for name in (JOURNAL, JOURNAL + STAGED_SUFFIX)
    )


def recover(root: Path) -> str | None:
    """Termine (journal « valide ») ou annule (« prepare ») une écriture interrompue ; rend ce qui
    a été fait, en français, ou None s'il n'y avait rien. WriteError si c'est impossible."""
    if not pending(root):
        return None
    with locked(root):
        return recover_locked(Path(root))


def recover_locked(root: Path) -> str | None:
    real_root = Path(os.path.realpath(root))
    path = real_root / JOURNAL
    try:
        journal = json.loads(path.read_bytes())
    except FileNotFoundError:
        with contextlib.suppress(OSError):  # journal à moitié écrit : rien n'avait été posé
            (real_root / (JOURNAL + STAGED_SUFFIX)).unlink(missing_ok=True)
        return None
    except (OSError, ValueError) as exc:
        raise WriteError(
            f"journal d'écriture « {path} » illisible ({exc}) : vérifiez les fichiers du dossier, "
            "puis supprimez-le"
        ) from None
    entries = journal.get("fichiers", [])
    if journal.get("etat") != "valide":
        _rollback(real_root, journal)
        return (
            f"écriture interrompue dans « {root} » annulée : aucun des {len(entries)} "
            "fichier(s) n'avait été modifié"
        )
    kept: list[str] = []
    try:
        for entry in entries:
            target = real_root / entry["cible"]
            staged = _staged(target)
            if not staged.exists():
                continue  # déjà remplacé
            try:
                current = sha(target.read_bytes())
            except FileNotFoundError:
                current = None
            if current not in (entry["avant"], entry["apres"]):
                kept.append(entry["cible"])  # modifié à la main depuis : gardé
                staged.unlink()
                continue
            staged.replace(target)
        path.unlink()
        _fsync_dir(real_root / STATE)
    except OSError as exc:
        raise os_error(exc, None, "reprise de l'écriture interrompue") from None
    message = f"écriture interrompue dans « {root} » terminée : {len(entries)} fichier(s) à jour"
    if kept:
        message += " ; modifiés depuis, laissés tels quels : " + ", ".join(kept)
    return message
