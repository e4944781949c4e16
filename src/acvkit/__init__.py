"""acvkit : le programme Action Cœur de Ville comme des données versionnées."""

from importlib.metadata import PackageNotFoundError, version

try:  # la version n'est écrite qu'à un endroit : pyproject.toml (voir docs/release.md)
    __version__ = version("acvkit")
except PackageNotFoundError:  # pragma: no cover — sources lues sans installation
    __version__ = "0+inconnue"
