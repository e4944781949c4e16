"""Lire les fichiers du dossier de données tels qu'ils sont dans une révision git, sans l'extraire.

Trois appels à git en tout : `rev-parse` (dépôt, révision), `ls-tree -r -z` (les fichiers du dossier
dans la révision) et un seul `cat-file --batch` pour tous les contenus.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from acvkit.errors import UsageError
from acvkit.loading.discovery import EXPECTED_FOLDERS, SYMLINKED_FOLDER, YAML_SUFFIXES
from acvkit.yaml.document import YamlProblem


class GitError(UsageError):
    """Lecture git impossible : message français (dossier hors dépôt, révision inconnue, git absent)."""


@dataclass(frozen=True)
class Repo:
    """Le dépôt git qui contient le dossier de données, et le chemin du dossier dans le dépôt."""

    root_dir: Path
    prefix: str  # « data/ » ; vide quand le dossier de données est la racine du dépôt


def _git(cwd: Path, *args: str, item: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args],
            input=item,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitError(
            "git est introuvable : installez-le, ou comparez deux dossiers "
            "avec --from-data DOSSIER --to-data DOSSIER"
        ) from exc
    except OSError as exc:
        raise GitError(f"git n'a pas pu être lancé ({exc.strerror})") from exc


def git_repo(data: Path) -> Repo:
    """Le dépôt du dossier de données ; GitError s'il n'est pas dans un dépôt git."""
    if not data.is_dir():
        raise GitError(f"le dossier de données « {data} » n'existe pas")
    completed = _git(data, "rev-parse", "--show-toplevel", "--show-prefix")
    lignes = completed.stdout.decode("utf-8", "replace").split("\n")
    if completed.returncode != 0 or len(lignes) < 2:
        raise GitError(
            f"le dossier « {data} » n'est pas dans un dépôt git : comparez deux dossiers avec "
            "--from-data DOSSIER --to-data DOSSIER"
        )
    return Repo(Path(lignes[0]), lignes[1])


def commit(repo: Repo, revision: str) -> str:
    """L'empreinte complète du commit désigné ; GitError si la révision est inconnue."""
    if revision.startswith("-") or not revision.strip():
        raise GitError(f"révision inconnue « {revision} »")
    completed = _git(
        repo.root_dir,
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{revision}^{{commit}}",
    )
    if completed.returncode != 0:
        raise GitError(
            f"révision inconnue « {revision} » dans le dépôt {repo.root_dir} "
            "(une branche, une étiquette ou un commit ; avec un clone superficiel, récupérez "
            "l'historique : git fetch --unshallow)"
        )
    return completed.stdout.decode("ascii").strip()


def _readable(relative: str) -> bool:
    """Ce que le parcours d'un dossier lirait : un fichier YAML, hors dossiers et fichiers cachés."""
    parts = relative.split("/")
    return not any(p.startswith(".") for p in parts) and relative.lower().endswith(YAML_SUFFIXES)


def read_revision(repo: Repo, digest: str) -> dict[str, tuple[str, bytes | YamlProblem]]:
    """Chemin relatif au dossier de données → (empreinte git, contenu ou problème), pour une révision.

    Un lien symbolique est lu comme sur le disque (même découverte, mêmes diagnostics que
    `acv validate`) ; les sous-modules ne sont pas lus ; GitError si le dossier n'existe pas dans
    cette révision.
    """
    completed = _git(
        repo.root_dir, "ls-tree", "-r", "-z", "--full-tree", digest, "--", repo.prefix or "."
    )
    if completed.returncode != 0:
        raise GitError(
            f"git ls-tree a échoué : {completed.stderr.decode('utf-8', 'replace').strip()}"
        )
    blobs: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    for ligne in completed.stdout.split(b"\0"):
        if not ligne:
            continue
        entete, _, raw_path = ligne.partition(b"\t")
        mode, genre, oid = entete.decode("ascii").split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        if genre != "blob" or not path.startswith(repo.prefix):
            continue
        relative = path[len(repo.prefix) :]
        if mode == "120000":
            if not any(p.startswith(".") for p in relative.split("/")):
                links.append((relative, oid))
        elif _readable(relative):
            blobs.append((relative, oid))
    if not blobs and not links and not _exists(repo, digest):
        folder = repo.prefix.rstrip("/") or "."
        raise GitError(f"le dossier « {folder} » n'existe pas dans la révision {digest[:12]}")
    contents = _contents(repo, [oid for _, oid in blobs + links])
    out: dict[str, tuple[str, bytes | YamlProblem]] = {
        relative: (oid, contents[oid]) for relative, oid in blobs
    }
    for relative, oid in links:
        linked = _linked(repo, digest, relative, contents[oid], dict(blobs), contents)
        if linked is not None:
            out[relative] = (oid, linked)
    return out


def _linked(
    repo: Repo,
    digest: str,
    relative: str,
    target: bytes,
    blobs: dict[str, str],
    contents: dict[str, bytes],
) -> bytes | YamlProblem | None:
    """Un lien symbolique d'une révision, lu comme `acv validate` lit celui du disque (discovery) :
    vers un fichier YAML du dossier, son contenu ; vers un dossier, STR003 ; vers l'extérieur ou
    nulle part, YML010. None pour un lien qu'acv validate ne lirait pas (autre fichier)."""
    import posixpath

    aim = posixpath.normpath(
        posixpath.join(posixpath.dirname(relative), target.decode("utf-8", "surrogateescape"))
    )
    if relative in EXPECTED_FOLDERS:
        return YamlProblem(
            "STR003",
            f"« {relative} » doit être un dossier, c'est un lien symbolique : rien n'y est lu",
        )
    if _is_folder(repo, digest, aim, blobs):
        if posixpath.basename(relative).lower().endswith(YAML_SUFFIXES):
            return YamlProblem("YML010", "c'est un dossier, pas un fichier YAML")
        return YamlProblem("STR003", SYMLINKED_FOLDER)
    if not relative.lower().endswith(YAML_SUFFIXES):
        return None
    if aim.startswith("../") or aim == ".." or posixpath.isabs(aim):
        return YamlProblem(
            "YML010", "lien symbolique vers un fichier hors du dossier de données : refusé"
        )
    if aim in blobs:
        return contents[blobs[aim]]
    return YamlProblem("YML010", "fichier introuvable (lien symbolique cassé ?)")


def _is_folder(repo: Repo, digest: str, aim: str, blobs: dict[str, str]) -> bool:
    """La cible d'un lien (chemin relatif au dossier de données) est-elle un dossier de la révision ?"""
    import posixpath

    if aim in ("", "."):
        return True
    if any(path.startswith(aim + "/") for path in blobs):
        return True
    in_repo = posixpath.normpath(repo.prefix + aim)
    if in_repo.startswith("../") or in_repo == "..":
        return False  # hors du dépôt : la révision ne le dit pas
    completed = _git(repo.root_dir, "cat-file", "-t", f"{digest}:{in_repo}")
    return completed.returncode == 0 and completed.stdout.strip() == b"tree"


def _exists(repo: Repo, digest: str) -> bool:
    if not repo.prefix:
        return True
    completed = _git(repo.root_dir, "cat-file", "-e", f"{digest}:{repo.prefix.rstrip('/')}")
    return completed.returncode == 0


def _contents(repo: Repo, oids: list[str]) -> dict[str, bytes]:
    """Les contenus de plusieurs objets, par un seul `git cat-file --batch`."""
    unique = sorted(set(oids))
    if not unique:
        return {}
    completed = _git(
        repo.root_dir, "cat-file", "--batch", item="".join(o + "\n" for o in unique).encode()
    )
    if completed.returncode != 0:
        raise GitError(
            f"git cat-file a échoué : {completed.stderr.decode('utf-8', 'replace').strip()}"
        )
    output = completed.stdout
    out: dict[str, bytes] = {}
    position = 0
    for oid in unique:
        fin = output.index(b"\n", position)
        entete = output[position:fin].decode("ascii").split(" ")
        if len(entete) != 3 or entete[0] != oid:
            raise GitError(f"réponse inattendue de git cat-file pour l'objet {oid}")
        size = int(entete[2])
        out[oid] = output[fin + 1 : fin + 1 + size]
        position = fin + 1 + size + 1
    return out


@dataclass(frozen=True)
class CommitInfo:
    """Ce qui nomme un commit pour un lecteur : son étiquette, sa date, son message."""

    tag: str | None
    day: str
    subject: str


def commit_info(repo: Repo, digest: str) -> CommitInfo:
    """L'étiquette (la première par ordre alphabétique), la date (AAAA-MM-JJ) et le sujet du commit."""
    log = _git(repo.root_dir, "log", "-1", "--format=%cs%x00%s", digest, "--")
    day, _, subject = log.stdout.decode("utf-8", "replace").strip().partition("\0")
    tags = _git(repo.root_dir, "tag", "--points-at", digest, "--sort=refname")
    names = [t for t in tags.stdout.decode("utf-8", "replace").split("\n") if t.strip()]
    return CommitInfo(names[0] if names else None, day, subject.strip())
