"""`acv diff` : ce qui change dans le plan entre deux versions, dit pour un comité.

Deux révisions git du dossier de données (lues sans extraction), une révision et l'arbre de
travail, ou deux dossiers. Les deux côtés sont validés, puis comparés modèle à modèle.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from acvkit.config import Config
from acvkit.diff.compare import Difference, compare
from acvkit.diff.git import GitError, commit, commit_info, git_repo, read_revision
from acvkit.diff.sides import Reads, Side, folder_side, refuse_too_large, validate
from acvkit.loading.parallel import Workers

__all__ = ["Difference", "GitError", "difference_folders", "difference_git"]


def _side_revision(data: Path, revision: str, max_bytes: int) -> Side:
    repo = git_repo(data)
    digest = commit(repo, revision)
    files = read_revision(repo, digest)
    contents = refuse_too_large({r: raw for r, (_oid, raw) in files.items()}, max_bytes)
    info = commit_info(repo, digest)
    return Side(
        data.as_posix(),
        contents,
        revision=revision,
        commit=digest,
        tag=info.tag,
        day=info.day or None,
        subject=info.subject or None,
    )


def _compare(
    avant: Side, apres: Side, config: Config, reads: Reads, as_of: date | None = None
) -> Difference:
    with Workers() as workers:
        before_report = validate(avant, config, reads, workers, as_of)
        after_report = validate(apres, config, reads, workers, as_of)
    reads.save()
    return compare(avant, before_report, apres, after_report)


def difference_git(
    data: Path, avant: str, apres: str | None, config: Config, as_of: date | None = None
) -> Difference:
    """`avant` contre `apres` (une révision, ou l'arbre de travail quand `apres` vaut None)."""
    before_side = _side_revision(data, avant, config.max_bytes)
    if apres is None:
        after_side = folder_side(data, config.max_bytes)
        after_side.tree = True
    else:
        after_side = _side_revision(data, apres, config.max_bytes)
    return _compare(before_side, after_side, config, Reads(data), as_of)


def difference_folders(
    avant: Path, apres: Path, config: Config, as_of: date | None = None
) -> Difference:
    """Deux dossiers de données (deux avenants qui n'ont jamais été dans git)."""
    return _compare(
        folder_side(avant, config.max_bytes),
        folder_side(apres, config.max_bytes),
        config,
        Reads(),
        as_of,
    )
