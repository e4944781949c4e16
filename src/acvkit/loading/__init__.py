"""Lecture des fichiers de données : YAML sûr avec positions, puis modèles validés."""

from acvkit.loading.dataset import Dataset, Entry
from acvkit.loading.folder import LoadResult, load_folder
from acvkit.loading.yamlfile import YamlDocument, YamlProblem

__all__ = ["Dataset", "Entry", "LoadResult", "YamlDocument", "YamlProblem", "load_folder"]
