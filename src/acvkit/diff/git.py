"""Lire les fichiers du dossier de données tels qu'ils sont dans une révision git, sans l'extraire.

Trois appels à git en tout : `rev-parse` (dépôt, révision), `ls-tree -r -z` (les fichiers du dossier
dans la révision) et un seul `cat-file --batch` pour tous les contenus.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from acvkit.errors import UsageError
from acvkit.loading.discovery import YAML_SUFFIXES


class GitError(UsageError):
    """Lecture git impossible : message français (dossier hors dépôt, révision inconnue, git absent)."""


@dataclass(frozen=True)
class Depot:
    """Le dépôt git qui contient le dossier de données, et le chemin du dossier dans le dépôt."""

    racine: Path
    prefixe: str  # « data/ » ; vide quand le dossier de données est la racine du dépôt


def _git(cwd: Path, *args: str, entree: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args],
            input=entree,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitError(
            "git est introuvable : installez-le, ou comparez deux dossiers "
            "avec --avant DIR --apres DIR"
        ) from exc
    except OSError as exc:
        raise GitError(f"git n'a pas pu être lancé ({exc.strerror})") from exc


def depot(data: Path) -> Depot:
    """Le dépôt du dossier de données ; GitError s'il n'est pas dans un dépôt git."""
    if not data.is_dir():
        raise GitError(f"le dossier de données « {data} » n'existe pas")
    fait = _git(data, "rev-parse", "--show-toplevel", "--show-prefix")
    lignes = fait.stdout.decode("utf-8", "replace").split("\n")
    if fait.returncode != 0 or len(lignes) < 2:
        raise GitError(
            f"le dossier « {data} » n'est pas dans un dépôt git : comparez deux dossiers avec "
            "--avant DIR --apres DIR"
        )
    return Depot(Path(lignes[0]), lignes[1])


def commit(repo: Depot, revision: str) -> str:
    """L'empreinte complète du commit désigné ; GitError si la révision est inconnue."""
    if revision.startswith("-") or not revision.strip():
        raise GitError(f"révision inconnue « {revision} »")
    fait = _git(
        repo.racine,
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{revision}^{{commit}}",
    )
    if fait.returncode != 0:
        raise GitError(
            f"révision inconnue « {revision} » dans le dépôt {repo.racine} "
            "(une branche, une étiquette ou un commit ; avec un clone superficiel, récupérez "
            "l'historique : git fetch --unshallow)"
        )
    return fait.stdout.decode("ascii").strip()


def _lisible(relatif: str) -> bool:
    """Ce que le parcours d'un dossier lirait : un fichier YAML, hors dossiers et fichiers cachés."""
    parties = relatif.split("/")
    return not any(p.startswith(".") for p in parties) and relatif.lower().endswith(YAML_SUFFIXES)


def lire_revision(repo: Depot, empreinte: str) -> dict[str, tuple[str, bytes]]:
    """Chemin relatif au dossier de données → (empreinte git du contenu, contenu), pour une révision.

    Les liens symboliques et sous-modules ne sont pas lus (un lien de git n'a pas de contenu à
    comparer) ; GitError si le dossier n'existe pas dans cette révision.
    """
    fait = _git(
        repo.racine, "ls-tree", "-r", "-z", "--full-tree", empreinte, "--", repo.prefixe or "."
    )
    if fait.returncode != 0:
        raise GitError(f"git ls-tree a échoué : {fait.stderr.decode('utf-8', 'replace').strip()}")
    blobs: list[tuple[str, str]] = []
    for ligne in fait.stdout.split(b"\0"):
        if not ligne:
            continue
        entete, _, chemin_brut = ligne.partition(b"\t")
        mode, genre, oid = entete.decode("ascii").split(" ")
        chemin = chemin_brut.decode("utf-8", "surrogateescape")
        if genre != "blob" or mode == "120000" or not chemin.startswith(repo.prefixe):
            continue
        relatif = chemin[len(repo.prefixe) :]
        if _lisible(relatif):
            blobs.append((relatif, oid))
    if not blobs and not _existe(repo, empreinte):
        dossier = repo.prefixe.rstrip("/") or "."
        raise GitError(f"le dossier « {dossier} » n'existe pas dans la révision {empreinte[:12]}")
    contenus = _contenus(repo, [oid for _, oid in blobs])
    return {relatif: (oid, contenus[oid]) for relatif, oid in blobs}


def _existe(repo: Depot, empreinte: str) -> bool:
    if not repo.prefixe:
        return True
    fait = _git(repo.racine, "cat-file", "-e", f"{empreinte}:{repo.prefixe.rstrip('/')}")
    return fait.returncode == 0


def _contenus(repo: Depot, oids: list[str]) -> dict[str, bytes]:
    """Les contenus de plusieurs objets, par un seul `git cat-file --batch`."""
    uniques = sorted(set(oids))
    if not uniques:
        return {}
    fait = _git(
        repo.racine, "cat-file", "--batch", entree="".join(o + "\n" for o in uniques).encode()
    )
    if fait.returncode != 0:
        raise GitError(f"git cat-file a échoué : {fait.stderr.decode('utf-8', 'replace').strip()}")
    sortie = fait.stdout
    out: dict[str, bytes] = {}
    position = 0
    for oid in uniques:
        fin = sortie.index(b"\n", position)
        entete = sortie[position:fin].decode("ascii").split(" ")
        if len(entete) != 3 or entete[0] != oid:
            raise GitError(f"réponse inattendue de git cat-file pour l'objet {oid}")
        taille = int(entete[2])
        out[oid] = sortie[fin + 1 : fin + 1 + taille]
        position = fin + 1 + taille + 1
    return out
