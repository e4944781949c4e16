"""Les liens vers la documentation des règles, qui marchent pour un outil installé.

Par défaut, la page docs/regles.md du dépôt d'acvkit, à l'étiquette de la version installée
(`<Repository>/blob/v<version>/docs/regles.md`, l'adresse du dépôt étant celle de pyproject.toml) ;
un dépôt de données peut la remplacer (clé `documentation` de acv.toml) par sa propre copie.
Hors ligne, `acv rules CODE` affiche la même documentation.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, metadata

from acvkit import __version__

# Quand les métadonnées du paquet sont absentes (sources lues sans installation).
_REPO = "https://github.com/acvkit/acvkit"


@cache
def repository() -> str:
    """L'adresse du dépôt d'acvkit, lue dans les métadonnées du paquet (pyproject.toml)."""
    try:
        urls = metadata("acvkit").get_all("Project-URL") or []
    except PackageNotFoundError:  # pragma: no cover
        return _REPO
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository" and url.strip():
            return str(url).strip().rstrip("/")
    return _REPO


def default_base() -> str:
    """La page des règles pour la version installée."""
    return f"{repository()}/blob/v{__version__}/docs/regles.md"


def rule_url(code: str, base: str | None = None) -> str:
    """Le lien vers la documentation d'une règle : la base (configurée ou non) et l'ancre du code."""
    return f"{(base or default_base()).rstrip('#')}#{code.lower()}"
