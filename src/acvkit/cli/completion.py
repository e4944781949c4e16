"""Complétion dans le shell : codes de règles (--select, --ignore, acv rules), collectivités,
partenaires et sous-axes des données (acv new fiche, acv list), lus dans le dossier trouvé."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from acvkit.loading.dataset import Dataset


def rule_codes(incomplete: str) -> list[tuple[str, str]]:
    """Codes (et préfixes de famille) qui commencent par ce qui est tapé, avec leur résumé."""
    from acvkit.rules import ALL_RULES

    # Après une virgule (--select INT,MO…), seule la dernière partie se complète.
    before, _, last = incomplete.rpartition(",")
    prefix = f"{before}," if before else ""
    families = sorted({code[:3] for code in ALL_RULES})
    out = [(prefix + f, "famille de règles") for f in families if f.startswith(last.upper())]
    out += [
        (prefix + code, rule.summary)
        for code, rule in ALL_RULES.items()
        if code.startswith(last.upper())
    ]
    return out


def _dataset() -> Dataset | None:
    """Les données du dossier trouvé depuis le répertoire courant ; None si aucun, ou illisible :
    une complétion ne fait jamais échouer le shell."""
    from acvkit.loading import load_folder
    from acvkit.workspace import find_data_root

    root = find_data_root(Path.cwd())
    if root is None:
        return None
    from acvkit.errors import AcvError

    try:
        # load_folder fait de tout problème de fichier un diagnostic : seuls le système
        # (dossier illisible) ou une erreur expliquée restent à taire ; un bogue reste visible.
        return load_folder(root).dataset
    except (OSError, AcvError):
        return None


def collectivites(incomplete: str) -> list[tuple[str, str]]:
    """Les identifiants de collectivités du programme (et des fiches), avec leur nom."""
    dataset = _dataset()
    if dataset is None:
        return []
    names = {e.model.id: e.model.nom for e in dataset.partenaires}
    ids = {e.model.collectivite for e in dataset.fiches}
    if dataset.programme is not None:
        territoire = dataset.programme.model.territoire
        ids |= {c.collectivite for c in territoire.communes} | {territoire.epci.collectivite}
    return [(i, names.get(i, "")) for i in sorted(ids) if i.startswith(incomplete)]


def partenaires(incomplete: str) -> list[tuple[str, str]]:
    """Les identifiants de partenaires.yaml (financeurs, partenaires), avec leur nom."""
    dataset = _dataset()
    if dataset is None:
        return []
    names = sorted({(e.model.id, e.model.nom) for e in dataset.partenaires})
    return [(i, nom) for i, nom in names if i.startswith(incomplete)]


def sous_axes(incomplete: str) -> list[tuple[str, str]]:
    """Les codes de sous-axes des axes, avec leur intitulé."""
    dataset = _dataset()
    if dataset is None:
        return []
    return [(c, t) for c, t in sorted(dataset.sous_axes().items()) if c.startswith(incomplete)]
