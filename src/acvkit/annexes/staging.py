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

from acvkit.errors import SortieError as SortieError
from acvkit.writing import raison as raison

PREPARATION = ".acv-staging-"
ANCIEN = ".acv-ancien-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _restes(out: Path) -> tuple[list[Path], list[Path]]:
    parent = out.parent
    if not parent.is_dir():
        return [], []
    preparations, anciens = [], []
    for entry in parent.iterdir():
        if entry.name.startswith(f".{out.name}{PREPARATION}"):
            preparations.append(entry)
        elif entry.name.startswith(f".{out.name}{ANCIEN}"):
            anciens.append(entry)
    return sorted(preparations), sorted(anciens)


def nettoyer(out: Path) -> None:
    """Retire les restes d'un build interrompu ; remet en place un ancien dossier resté seul."""
    preparations, anciens = _restes(out)
    if anciens and not out.exists():
        anciens[-1].rename(out)
        anciens = anciens[:-1]
    for reste in [*preparations, *anciens]:
        _retirer(reste)


def _retirer(chemin: Path) -> None:
    """Retire un dossier de préparation ou un ancien dossier (un lien symbolique : le lien seul)."""
    with contextlib.suppress(OSError):
        if chemin.is_symlink():
            chemin.unlink()
        else:
            shutil.rmtree(chemin)


def _echange(a: Path, b: Path) -> bool:
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


def _ecrire_fichier(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _reprendre(ancien: Path, preparation: Path, garder: Callable[[str], bool]) -> None:
    """Les fichiers de l'ancienne sortie que le build ne remplace pas, repris par lien dur."""
    from acvkit.writing import est_temporaire

    for dossier, _, noms in os.walk(ancien):
        for nom in noms:
            if est_temporaire(nom):
                continue  # reste d'une écriture interrompue (ancienne version d'acvkit) : retiré
            source = Path(dossier, nom)
            relatif = source.relative_to(ancien).as_posix()
            if not garder(relatif):
                continue
            cible = preparation / relatif
            cible.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, cible, follow_symlinks=False)
            except OSError:
                shutil.copy2(source, cible, follow_symlinks=False)


def _mode_par_defaut() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def publier(files: dict[str, bytes], out: Path) -> tuple[list[tuple[str, int]], list[str]]:
    """Écrit tout le jeu `files` dans `out` d'un seul coup ; rend (écrits, inchangés).

    SortieError (message français avec le chemin) si la sortie ne peut pas être écrite ; la sortie
    est alors laissée telle qu'elle était, sans fichier temporaire.
    """
    chemin = out
    try:
        out = out if out.is_absolute() else Path.cwd() / out
        if out.exists() and not out.is_dir():
            raise SortieError(f"la sortie « {chemin} » est un fichier, pas un dossier")
        ancetre = next(p for p in out.parents if p.exists() or p == p.parent)
        if not ancetre.is_dir():
            raise SortieError(
                f"écriture impossible dans « {chemin} » : « {ancetre} » est un fichier, "
                "pas un dossier"
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        nettoyer(out)
        preparation = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}{PREPARATION}"))
    except OSError as exc:
        lieu = os.fspath(exc.filename or chemin)
        if PREPARATION in lieu:
            lieu = os.fspath(out.parent)  # le dossier où la préparation n'a pu être créée
        raise SortieError(f"écriture impossible dans « {lieu} » : {raison(exc)}") from None
    en_cours: Path | None = preparation
    try:
        ecrits: list[tuple[str, int]] = []
        inchanges: list[str] = []
        existe = out.is_dir()
        preparation.chmod(out.stat().st_mode & 0o7777 if existe else _mode_par_defaut())
        if existe:
            for relatif, contenu in files.items():
                ancien = out / relatif
                if ancien.is_file() and ancien.read_bytes() == contenu:
                    inchanges.append(relatif)
            _reprendre(out, preparation, lambda r: r not in files or r in inchanges)
        for relatif, contenu in files.items():
            if relatif not in inchanges:
                _ecrire_fichier(preparation / relatif, contenu)
                ecrits.append((relatif, len(contenu)))
        if not ecrits and existe:
            return ecrits, inchanges  # rien de neuf : la sortie n'est pas touchée
        if existe and _echange(preparation, out):
            pass  # `preparation` contient maintenant l'ancienne sortie, retirée ci-dessous
        elif existe:
            ancien = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}{ANCIEN}"))
            ancien.rmdir()
            out.rename(ancien)
            try:
                preparation.rename(out)
            except OSError:
                ancien.rename(out)  # l'ancienne sortie reprend sa place
                raise
            en_cours = ancien
        else:
            preparation.rename(out)
            en_cours = None
        return ecrits, inchanges
    except OSError as exc:
        lieu = os.fspath(exc.filename or chemin)
        # Le dossier de préparation n'intéresse pas l'utilisateur : le chemin dit dans la sortie.
        lieu = lieu.replace(os.fspath(preparation), os.fspath(chemin))
        raise SortieError(f"écriture impossible dans « {lieu} » : {raison(exc)}") from None
    finally:
        if en_cours is not None:
            _retirer(en_cours)
