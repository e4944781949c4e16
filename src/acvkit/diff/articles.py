"""Le texte de l'avenant d'une version à l'autre : articles, secteurs, évaluation, document.

Chaque article est comparé par son numéro, chaque secteur par son `id` ; un texte long (le texte
d'un article, la description d'un secteur) s'écrit mot à mot (diff.words), comme une description
de fiche. La comparaison (diff.compare) les range avec le référentiel : `acv diff` et l'annexe
« modifications » disent quels articles l'avenant amende, et comment.
"""

from __future__ import annotations

from pydantic import BaseModel

from acvkit.loading.dataset import Dataset

# Les sortes comparées, dans l'ordre où elles s'écrivent, et leur nom dans les phrases.
AVENANT_LABELS = {
    "articles": "Article",
    "secteurs": "Secteur d'intervention",
    "evaluation": "Évaluation",
    "document": "Document de l'avenant",
}


def avenant_models(data: Dataset) -> dict[str, dict[str, BaseModel]]:
    """Les modèles du texte de l'avenant, par sorte, chacun sous sa clé (numéro, id…)."""
    return {
        "articles": {
            ("préambule" if e.model.numero == "preambule" else e.model.numero): e.model
            for e in data.articles
        },
        "secteurs": {s.id: s for s in data.secteurs.model.secteurs} if data.secteurs else {},
        "evaluation": {"article 8": data.evaluation.model} if data.evaluation else {},
        "document": {"parties et annexes": data.document.model} if data.document else {},
    }


def article_order(key: str) -> tuple[int, str]:
    """Le préambule, puis les articles par numéro ; les autres clés par ordre alphabétique."""
    if key == "préambule":
        return (-1, "")
    return (int(key), "") if key.isdigit() else (10**6, key)
