"""Les dépendances des documents (extra `acvkit[documents]`) : acv validate s'installe sans elles.

Une commande qui produit ou lit des documents (acv build, acv import) vérifie d'abord qu'elles
sont installées, et dit sinon en français quoi installer.
"""

from __future__ import annotations

from importlib.util import find_spec

# Module importé → distribution à installer ; la liste de l'extra « documents » de pyproject.toml
# (un test vérifie qu'elles sont les mêmes).
MODULES = {
    "docx": "python-docx",
    "openpyxl": "openpyxl",
    "resvg_py": "resvg-py",
    "pyphen": "pyphen",
}

INSTALL = (
    'pip install "acvkit[documents]" (ou pipx install --force "acvkit[documents]", '
    'ou uv tool install "acvkit[documents]")'
)


def missing() -> list[str]:
    """Les distributions de l'extra qui manquent, dans l'ordre de MODULES."""
    return [dist for module, dist in MODULES.items() if find_spec(module) is None]


def require_documents(command: str) -> None:
    """Lève UsageError (sortie 2 : la commande ne peut pas être suivie ici) si une dépendance des
    documents manque."""
    absent = missing()
    if absent:
        from acvkit.errors import UsageError

        raise UsageError(
            f"{command} a besoin des dépendances des documents, absentes ici "
            f"({', '.join(absent)}) : installez-les avec {INSTALL}"
        )
