"""Lecture d'un dossier de données : fichiers YAML (lus par acvkit.yaml), puis modèles validés.

Le jeu de données et la lecture (qui chargent les modèles) ne sont importés qu'à la première
demande : la découverte des fichiers et le cache servent au chemin à chaud sans les modèles.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from acvkit.loading.dataset import Dataset, Entry
    from acvkit.loading.folder import LoadResult, load_folder

_LAZY = {
    "Dataset": "dataset",
    "Entry": "dataset",
    "LoadResult": "folder",
    "load_folder": "folder",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"acvkit.loading.{_LAZY[name]}"), name)
    raise AttributeError(name)


__all__ = ["Dataset", "Entry", "LoadResult", "load_folder"]
