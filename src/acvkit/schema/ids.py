"""Les identifiants des données dans les schémas : l'éditeur complète `financeur:` et `sous_axe:`.

`acv schema` lit le dossier de données pour lequel il écrit les schémas et met en `enum` (avec
le nom de chaque organisation, l'intitulé de chaque sous-axe en `enumDescriptions`) les champs
qui désignent un partenaire, un sous-axe, un indicateur ou un axe. Un identifiant inconnu est
alors rouge dans l'éditeur ; `acv validate` le refuse aussi (INT003, INT004, IND001, IND003),
avec l'identifiant le plus proche. Une liste vide n'est jamais posée (elle refuserait tout).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acvkit.schema.messages import MESSAGE_ID, message_sous_axe

LabeledIds = list[tuple[str, str]]


@dataclass(frozen=True)
class DataIds:
    """Les identifiants d'un dossier de données, chacun avec son libellé (triés)."""

    partenaires: LabeledIds = field(default_factory=list)
    sous_axes: LabeledIds = field(default_factory=list)
    indicateurs: LabeledIds = field(default_factory=list)
    axes: LabeledIds = field(default_factory=list)


def ids_from_data(data: Path) -> DataIds | None:
    """Les identifiants du dossier `data`, ou None s'il ne se lit pas (absent, illisible)."""
    from acvkit.errors import AcvError
    from acvkit.loading import load_folder

    if not data.is_dir():
        return None
    try:
        dataset = load_folder(data).dataset
    except (OSError, AcvError):  # un dossier qui ne se lit pas : des schémas sans identifiants
        # (un problème de fichier est un diagnostic de load_folder, pas une exception ; un bogue
        # doit rester visible)
        return None
    axes = sorted({(a.model.code, a.model.intitule) for a in dataset.axes})
    return DataIds(
        partenaires=sorted({(e.model.id, e.model.nom) for e in dataset.partenaires}),
        sous_axes=sorted(
            [*dataset.sous_axes().items(), *_axes_without_sous_axe(dataset)],
            key=lambda c: _code_sort_key(c[0]),
        ),
        indicateurs=sorted({(e.model.id, e.model.intitule) for e in dataset.indicateurs}),
        axes=axes,
    )


def _axes_without_sous_axe(dataset: Any) -> LabeledIds:
    """Les axes sans sous-axe : une fiche s'y rattache par le code de l'axe (« 4 », transversal)."""
    return [(a.model.code, a.model.intitule) for a in dataset.axes if not a.model.sous_axes]


def ids_from_texts(files: dict[str, str], prefix: str = "data/") -> DataIds | None:
    """Les identifiants de fichiers pas encore écrits (acv init) : lus dans un dossier temporaire."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files.items():
            if name.startswith(prefix):
                path = Path(tmp) / name[len(prefix) :]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        return ids_from_data(Path(tmp))


def _code_sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 99 for p in code.split("."))


# (schéma, définition ou "" pour la racine, champ) → sorte d'identifiant.
CHAMPS: dict[tuple[str, str, str], str] = {
    ("fiche", "", "collectivite"): "partenaires",
    ("fiche", "", "maitre_ouvrage"): "partenaires",
    ("fiche", "", "partenaires"): "partenaires",
    ("fiche", "", "sous_axe"): "sous_axes",
    ("fiche", "", "indicateurs_evaluation"): "indicateurs",
    ("fiche", "Financement", "financeur"): "partenaires",
    ("programme", "Epci", "collectivite"): "partenaires",
    ("programme", "Commune", "collectivite"): "partenaires",
    ("programme", "Signataire", "organisation"): "partenaires",
    ("indicateur", "", "axe"): "axes",
}


def _string_nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    """Les nœuds de type texte d'un champ : lui-même, ses branches d'anyOf, l'élément d'une liste
    (`maitre_ouvrage` : un identifiant, ou une liste d'identifiants)."""
    if node.get("type") == "string":
        return [node]
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _string_nodes(node["items"])
    found: list[dict[str, Any]] = []
    for branch in node.get("anyOf", []):
        found += _string_nodes(branch) if isinstance(branch, dict) else []
    return found


def apply_ids(kind: str, schema: dict[str, Any], ids: DataIds) -> None:
    """Pose en `enum` les identifiants des données sur les champs qui les désignent."""
    for (schema_kind, definition, champ), id_kind in CHAMPS.items():
        valeurs: LabeledIds = getattr(ids, id_kind)
        if schema_kind != kind or not valeurs:
            continue
        parent = schema if not definition else schema.get("definitions", {}).get(definition, {})
        prop = parent.get("properties", {}).get(champ)
        for node in _string_nodes(prop) if isinstance(prop, dict) else []:
            node["enum"] = [v for v, _ in valeurs]
            node["enumDescriptions"] = [libelle for _, libelle in valeurs]
            node["errorMessage"] = (
                message_sous_axe(True, classement=True)
                if id_kind == "sous_axes"
                else MESSAGE_ID[id_kind]
            )
