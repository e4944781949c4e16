"""Trouver et lire les fichiers YAML d'un dossier de données, vite et sans jamais en sortir.

Un parcours par `os.scandir` (pas de pathlib : 10 000 fichiers se listent en quelques dizaines
de millisecondes) ; les dossiers cachés (.git, .acv-cache…) ne sont pas visités, les liens
symboliques vers des dossiers ne sont pas suivis, un lien vers un fichier n'est lu que s'il
reste dans le dossier de données.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from acvkit.diagnostics import Diagnostic, Severity
from acvkit.yaml.document import YamlProblem

YAML_SUFFIXES = (".yaml", ".yml")
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class Found(NamedTuple):
    """Un fichier trouvé : chemin relatif (avec des /), chemin à ouvrir, lien symbolique ou non.

    `probleme` : un dossier qui n'a pas pu être parcouru (ou un dossier attendu qui n'en est pas
    un) ; rien n'est sauté en silence, la lecture en fait un diagnostic STR003.
    """

    relative: str
    path: str
    symlink: bool
    issue: str | None = None


# Les dossiers de la structure : un fichier ou un lien à leur place ferait perdre des fiches.
EXPECTED_FOLDERS = ("axes", "fiches", "indicateurs")


SYMLINKED_FOLDER = (
    "lien symbolique vers un dossier : rien n'y est lu (mettez-y le dossier lui-même)"
)


def _points_to_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission refusée"
    return exc.strerror or type(exc).__name__


class Read(NamedTuple):
    """Un fichier lu : contenu, taille, date de modification (ns), sha256 du contenu."""

    raw: bytes
    size: int
    mtime_ns: int
    sha256: str


def discover_files(root: Path, created: Mapping[str, object] | None = None) -> list[Found]:
    """Les fichiers YAML du dossier (liens compris), triés par chemin relatif ; plus ceux de
    `created` qui n'existent pas encore (voir `with_created`)."""
    found = _walk(root)
    return with_created(found, root, created) if created else found


def _walk(root: Path) -> list[Found]:
    found: list[Found] = []
    pending: list[tuple[str, str]] = [(os.fspath(root), "")]
    while pending:
        directory, prefix = pending.pop()
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError as exc:
            found.append(
                Found(
                    prefix.rstrip("/"),
                    directory,
                    False,
                    f"dossier illisible ({_reason(exc)}) : rien n'y est lu",
                )
            )
            continue
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                symlink = entry.is_symlink()
                is_dir = not symlink and entry.is_dir(follow_symlinks=False)
            except OSError as exc:
                found.append(
                    Found(prefix + name, entry.path, False, f"entrée illisible ({_reason(exc)})")
                )
                continue
            if not prefix and name in EXPECTED_FOLDERS and not is_dir:
                kind = "un lien symbolique" if symlink else "un fichier"
                found.append(
                    Found(
                        name,
                        entry.path,
                        symlink,
                        f"« {name} » doit être un dossier, c'est {kind} : rien n'y est lu",
                    )
                )
                continue
            if is_dir:
                pending.append((entry.path, prefix + name + "/"))
            elif symlink and not name.lower().endswith(YAML_SUFFIXES) and _points_to_dir(entry):
                # Un dossier par un lien : ses fiches seraient perdues en silence ; dit comme un
                # lien vers un fichier, jamais suivi (il pourrait mener hors du dossier).
                found.append(Found(prefix + name, entry.path, True, SYMLINKED_FOLDER))
                continue
            if name.lower().endswith(YAML_SUFFIXES):
                found.append(Found(prefix + name, entry.path, symlink))
    found.sort(key=lambda f: f.relative)
    return found


def with_created(found: list[Found], root: Path, contents: Mapping[str, object]) -> list[Found]:
    """Les fichiers trouvés, plus ceux de `contents` (chemin relatif → contenu) qui n'existent
    pas encore : une écriture vérifiée avant d'être faite les lit comme s'ils étaient là."""
    known = {f.relative for f in found}
    created = [
        Found(relative, os.fspath(root / relative), False)
        for relative in contents
        if relative not in known
    ]
    return sorted([*found, *created], key=lambda f: f.relative) if created else found


def discover(root: Path) -> list[Path]:
    """Les fichiers YAML du dossier, triés, chemins relatifs à `root`."""
    return [Path(f.relative) for f in discover_files(root) if f.issue is None]


def _inside(path: str, root_dir: str) -> bool:
    try:
        return os.path.commonpath([path, root_dir]) == root_dir
    except ValueError:  # Windows : deux lecteurs différents
        return False


def read_found(found: Found, max_bytes: int, resolved_root: str) -> Read:
    """Le contenu d'un fichier trouvé ; YamlProblem (message français) s'il ne peut pas être lu."""
    if found.issue is not None:
        raise YamlProblem("STR003", found.issue)
    try:
        if found.symlink and not _inside(os.path.realpath(found.path), resolved_root):
            raise YamlProblem(
                "YML010", "lien symbolique vers un fichier hors du dossier de données : refusé"
            )
        # os.open plutôt que open() : deux fois plus rapide sur de petits fichiers ; sans blocage
        # sur un tube nommé, refusé juste après.
        fd = os.open(found.path, _OPEN_FLAGS)
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise YamlProblem("YML010", "c'est un dossier, pas un fichier YAML")
            if not stat.S_ISREG(info.st_mode):
                raise YamlProblem(
                    "YML010", "ce n'est pas un fichier ordinaire (tube, périphérique…)"
                )
            if info.st_size > max_bytes:
                raise YamlProblem(
                    "YML011",
                    f"fichier trop volumineux ({info.st_size} octets, limite {max_bytes}) : "
                    "il n'a pas été lu",
                )
            raw = os.read(fd, info.st_size + 1)
            while len(raw) <= max_bytes and (suite := os.read(fd, max_bytes + 1 - len(raw))):
                raw += suite  # le fichier a grossi depuis la mesure
        finally:
            os.close(fd)
    except PermissionError as exc:
        raise YamlProblem("YML010", "fichier illisible : permission refusée") from exc
    except FileNotFoundError as exc:
        raise YamlProblem("YML010", "fichier introuvable (lien symbolique cassé ?)") from exc
    except OSError as exc:
        raise YamlProblem("YML010", f"fichier illisible ({exc.strerror})") from exc
    if len(raw) > max_bytes:  # grossi entre la mesure et la lecture
        raise YamlProblem(
            "YML011",
            f"fichier trop volumineux (plus de {max_bytes} octets) : il n'a pas été lu",
        )
    return Read(raw, len(raw), info.st_mtime_ns, hashlib.sha256(raw).hexdigest())


# --- Les diagnostics de structure (STR001, STR002), que disque et révisions git partagent -------

# Les fichiers sans lesquels un dossier de données n'est pas complet.
REQUIRED_FILES = ("programme.yaml", "partenaires.yaml")


def display_prefix(root_display: str) -> str:
    """Ce qui précède le chemin relatif d'un fichier dans les diagnostics (comme Path(racine) / relatif)."""
    prefix = Path(root_display).as_posix()
    return "" if prefix == "." else prefix.rstrip("/") + "/"


def outside_structure(path: str) -> Diagnostic:
    """STR001 : un fichier YAML hors de la structure du dossier ; il n'est pas lu."""
    return Diagnostic(
        path,
        1,
        1,
        "STR001",
        Severity.WARNING,
        "fichier hors de la structure attendue : il n'est pas lu "
        "(programme.yaml, partenaires.yaml, axes/, fiches/, indicateurs/)",
    )


def missing_required(path: str, name: str) -> Diagnostic:
    """STR002 : un fichier obligatoire (REQUIRED_FILES) absent du dossier."""
    return Diagnostic(
        path,
        1,
        1,
        "STR002",
        Severity.ERROR,
        f"fichier obligatoire « {name} » absent du dossier de données",
    )
