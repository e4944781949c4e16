"""Les vues d'une liste de diagnostics : texte pour une personne, JSON, GitHub, GitLab, SARIF.

Le registre est la table `MODULES` (nom du format → module) : l'option --format de
`acv validate` en est tirée sans charger les vues, qui ne le sont qu'à la première demande.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from acvkit.reporters.options import ReportOptions, repo_relative

if TYPE_CHECKING:
    from acvkit.linting.report import LintReport

Reporter = Callable[["LintReport", TextIO, ReportOptions], None]

MODULES: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "github": "github",
    "gitlab": "gitlab",
    "sarif": "sarif",
}


def reporter(name: str) -> Reporter:
    """La vue d'un format du registre."""
    render: Reporter = importlib.import_module(f"acvkit.reporters.{MODULES[name]}").render
    return render


def __getattr__(name: str) -> Any:
    if name == "REPORTERS":  # toutes les vues, chargées
        return {key: reporter(key) for key in MODULES}
    raise AttributeError(name)


__all__ = ["MODULES", "ReportOptions", "Reporter", "repo_relative", "reporter"]
