"""Publier un build d'un seul coup : tout le jeu neuf, ou l'ancien intact.

Le build est rendu dans un dossier de préparation voisin de la sortie
(`.<sortie>.acv-staging-XXXX/`) : les fichiers que le build ne produit pas (autres formats d'un
build précédent, fichiers ajoutés à la main) y sont repris par lien dur, puis chaque fichier neuf
y est écrit et synchronisé sur le disque. Le dossier préparé prend alors la place de la sortie
par un échange atomique (renameat2 RENAME_EXCHANGE sous Linux) ; ailleurs, par deux renommages,
l'ancien dossier mis de côté (`.<sortie>.acv-ancien-XXXX/`) puis le neuf mis en place. Un build
interrompu laisse la sortie telle qu'elle était ; ses restes (préparation, ancien dossier) sont
retirés au build suivant, et un ancien dossier resté seul (arrêt entre les deux renommages) est
remis en place avant tout.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from acvkit.errors import OutputError as OutputError
from acvkit.writing.atomic import reason as reason

PREPARATION = ".acv-staging-"
OLD = ".acv-ancien-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _restes(out: Path) -> tuple[list[Path], list[Path]]:
    parent = out.parent
    if not parent.is_dir():
        return [], []
    preparations, previous = [], []
    for entry in parent.iterdir():
        if entry.name.startswith(f".{out.name}{PREPARATION}"):
            preparations.append(entry)
        elif entry.name.startswith(f".{out.name}{OLD}"):
            previous.append(entry)
    return sorted(preparations), sorted(previous)


def clean_up(out: Path) -> None:
    """Retire les restes d'un build interrompu ; remet en place un ancien dossier resté seul."""
    preparations, previous = _restes(out)
    if previous and not out.exists():
        previous[-1].rename(out)
        previous = previous[:-1]
    for reste in [*preparations, *previous]:
        _remove(reste)


def _remove(path: Path) -> None:
    """Retire un dossier de préparation ou un ancien dossier (un lien symbolique : le lien seul)."""
    with contextlib.suppress(OSError):
        if path.is_symlink():
            path.unlink()
        else:
            shutil.rmtree(path)


def _exchange(a: Path, b: Path) -> bool:
    """Échange atomiquement deux chemins (Linux) ; False si le système ne le permet pas."""
    nom = ctypes.util.find_library("c")
    if nom is None:
        return False
    try:
        libc = ctypes.CDLL(nom, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    resultat = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if resultat == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), os.fspath(a))


def _write_file(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _carry_over(old: Path, preparation: Path, keep: Callable[[str], bool]) -> None:
    """Les fichiers de l'ancienne sortie que le build ne remplace pas, repris par lien dur."""
    from acvkit.writing.atomic import is_temp_file

    for folder, _, names in os.walk(old):
        for nom in names:
            if is_temp_file(nom):
                continue  # reste d'une écriture interrompue (ancienne version d'acvkit) : retiré
            source = Path(folder, nom)
            relative = source.relative_to(old).as_posix()
            if not keep(relative):
                continue
            cible = preparation / relative
            cible.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, cible, follow_symlinks=False)
            except OSError:
                shutil.copy2(source, cible, follow_symlinks=False)


def _default_dir_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def publish(files: dict[str, bytes], out: Path) -> tuple[list[tuple[str, int]], list[str]]:
    """Écrit tout le jeu `files` dans `out` d'un seul coup ; rend (écrits, inchangés).

    OutputError (message français avec le chemin) si la sortie ne peut pas être écrite ; la sortie
    est alors laissée telle qu'elle était, sans fichier temporaire.
    """
    path = out
    try:
        out = out if out.is_absolute() else Path.cwd() / out
        if out.exists() and not out.is_dir():
            raise OutputError(f"la sortie « {path} » est un fichier, pas un dossier")
        ancestor = next(p for p in out.parents if p.exists() or p == p.parent)
        if not ancestor.is_dir():
            raise OutputError(
                f"écriture impossible dans « {path} » : « {ancestor} » est un fichier, "
                "pas un dossier"
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        clean_up(out)
        preparation = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}{PREPARATION}"))
    except OSError as exc:
        lieu = os.fspath(exc.filename or path)
        if PREPARATION in lieu:
            lieu = os.fspath(out.parent)  # le dossier où la préparation n'a pu être créée
        raise OutputError(f"écriture impossible dans « {lieu} » : {reason(exc)}") from None
    en_cours: Path | None = preparation
    try:
        written: list[tuple[str, int]] = []
        unchanged: list[str] = []
        out_exists = out.is_dir()
        preparation.chmod(out.stat().st_mode & 0o7777 if out_exists else _default_dir_mode())
        if out_exists:
            for relative, contenu in files.items():
                old = out / relative
                if old.is_file() and old.read_bytes() == contenu:
                    unchanged.append(relative)
            _carry_over(out, preparation, lambda r: r not in files or r in unchanged)
        for relative, contenu in files.items():
            if relative not in unchanged:
                _write_file(preparation / relative, contenu)
                written.append((relative, len(contenu)))
        if not written and out_exists:
            return written, unchanged  # rien de neuf : la sortie n'est pas touchée
        if out_exists and _exchange(preparation, out):
            pass  # `preparation` contient maintenant l'ancienne sortie, retirée ci-dessous
        elif out_exists:
            old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}{OLD}"))
            old.rmdir()
            out.rename(old)
            try:
                preparation.rename(out)
            except OSError:
                old.rename(out)  # l'ancienne sortie reprend sa place
                raise
            en_cours = old
        else:
            preparation.rename(out)
            en_cours = None
        return written, unchanged
    except OSError as exc:
        lieu = os.fspath(exc.filename or path)
        # Le dossier de préparation n'intéresse pas l'utilisateur : le chemin dit dans la sortie.
        lieu = lieu.replace(os.fspath(preparation), os.fspath(path))
        raise OutputError(f"écriture impossible dans « {lieu} » : {reason(exc)}") from None
    finally:
        if en_cours is not None:
            _remove(en_cours)
