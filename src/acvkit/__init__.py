"""acvkit : le programme Action Cœur de Ville comme des données versionnées.

L'interface publique, pour s'en servir depuis Python (voir « Utiliser acvkit depuis Python »
dans le README) :

    import acvkit
    dataset = acvkit.load("data")
    rapport = acvkit.lint("data")            # ou acvkit.lint(dataset)
    agregat = acvkit.aggregate(dataset, by=["collectivite"])
    acvkit.build(dataset, "build", formats=["html", "md"])

Les noms sont chargés à la première demande : `import acvkit` reste immédiat (ni Pydantic ni
openpyxl), ce qui garde rapides la ligne de commande et pre-commit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any


def _version() -> str:
    """La version n'est écrite qu'à un endroit : pyproject.toml (voir docs/release.md). Lue à la
    première demande : importlib.metadata coûte plus que tout le chemin rapide d'`acv validate`."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("acvkit")
    except PackageNotFoundError:  # pragma: no cover — sources lues sans installation
        return "0+inconnue"


# Nom public → module qui le définit.
_PUBLIC = {
    "load": "acvkit.api",
    "lint": "acvkit.api",
    "aggregate": "acvkit.api",
    "build": "acvkit.api",
    "load_config": "acvkit.api",
    "load_valid": "acvkit.api",
    "validate": "acvkit.api",
    "Built": "acvkit.api",
    "Validation": "acvkit.api",
    "Linter": "acvkit.linting.engine",
    "LintReport": "acvkit.linting.engine",
    "Dataset": "acvkit.loading.dataset",
    "Fiche": "acvkit.models",
    "Diagnostic": "acvkit.diagnostics",
    "Severity": "acvkit.diagnostics",
    "Config": "acvkit.config",
    "Agregat": "acvkit.costs.aggregate",
    "AcvError": "acvkit.errors",
    "BuildError": "acvkit.errors",
    "ConfigError": "acvkit.errors",
    "InvalidData": "acvkit.linting.report",
    "UsageError": "acvkit.errors",
}

__all__ = [
    "AcvError",
    "Agregat",
    "BuildError",
    "Built",
    "Config",
    "ConfigError",
    "Dataset",
    "Diagnostic",
    "Fiche",
    "InvalidData",
    "LintReport",
    "Linter",
    "Severity",
    "UsageError",
    "Validation",
    "__version__",
    "aggregate",
    "build",
    "lint",
    "load",
    "load_config",
    "load_valid",
    "validate",
]

if TYPE_CHECKING:
    __version__: str

    from acvkit.api import (
        Built,
        Validation,
        aggregate,
        build,
        lint,
        load,
        load_config,
        load_valid,
        validate,
    )
    from acvkit.config import Config
    from acvkit.costs.aggregate import Agregat
    from acvkit.diagnostics import Diagnostic, Severity
    from acvkit.errors import AcvError, BuildError, ConfigError, UsageError
    from acvkit.linting.engine import Linter, LintReport
    from acvkit.linting.report import InvalidData
    from acvkit.loading.dataset import Dataset
    from acvkit.models import Fiche


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'acvkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # une fois chargé, plus de détour
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
