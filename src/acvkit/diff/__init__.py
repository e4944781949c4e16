"""`acv diff` : ce qui change dans le plan entre deux versions, dit pour un comité.

Deux révisions git du dossier de données (lues sans extraction), une révision et l'arbre de
travail, ou deux dossiers. Les deux côtés sont validés, puis comparés modèle à modèle.
"""

from __future__ import annotations

from pathlib import Path

from acvkit.config import Config
from acvkit.diff.compare import Difference, comparer
from acvkit.diff.git import GitError, commit, depot, lire_revision
from acvkit.diff.sides import Cote, Lectures, cote_dossier, trop_gros, valider
from acvkit.loading.parallel import Workers

__all__ = ["Difference", "GitError", "difference_dossiers", "difference_git"]


def _cote_revision(data: Path, revision: str, max_bytes: int) -> Cote:
    repo = depot(data)
    empreinte = commit(repo, revision)
    fichiers = lire_revision(repo, empreinte)
    contenus = trop_gros({r: raw for r, (_oid, raw) in fichiers.items()}, max_bytes)
    return Cote(data.as_posix(), contenus, revision=revision, commit=empreinte)


def _comparer(avant: Cote, apres: Cote, config: Config, lectures: Lectures) -> Difference:
    with Workers() as workers:
        rapport_avant = valider(avant, config, lectures, workers)
        rapport_apres = valider(apres, config, lectures, workers)
    lectures.enregistrer()
    return comparer(avant, rapport_avant, apres, rapport_apres)


def difference_git(data: Path, avant: str, apres: str | None, config: Config) -> Difference:
    """`avant` contre `apres` (une révision, ou l'arbre de travail quand `apres` vaut None)."""
    cote_avant = _cote_revision(data, avant, config.max_octets)
    if apres is None:
        cote_apres = cote_dossier(data, config.max_octets)
        cote_apres.arbre = True
    else:
        cote_apres = _cote_revision(data, apres, config.max_octets)
    return _comparer(cote_avant, cote_apres, config, Lectures(data))


def difference_dossiers(avant: Path, apres: Path, config: Config) -> Difference:
    """Deux dossiers de données (deux avenants qui n'ont jamais été dans git)."""
    return _comparer(
        cote_dossier(avant, config.max_octets),
        cote_dossier(apres, config.max_octets),
        config,
        Lectures(),
    )
