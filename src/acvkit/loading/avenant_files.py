"""Les fichiers du texte de l'avenant (dossier avenant/) : leur sorte, leur modèle, leur place."""

from __future__ import annotations

from pydantic import BaseModel

from acvkit.models.avenant import Article, DocumentAvenant, Evaluation, SecteursFile

# avenant/articles/*.yaml, et ces trois fichiers.
AVENANT_FILES = {
    "secteurs.yaml": "secteurs",
    "evaluation.yaml": "evaluation",
    "document.yaml": "document",
}
AVENANT_MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "secteurs": SecteursFile,
    "evaluation": Evaluation,
    "document": DocumentAvenant,
}


def avenant_kind(parts: tuple[str, ...]) -> str | None:
    """La sorte d'un fichier du dossier avenant/ (chemin découpé), None s'il n'en est pas un."""
    if len(parts) == 3 and parts[:2] == ("avenant", "articles"):
        return "article"
    if len(parts) == 2 and parts[0] == "avenant":
        return AVENANT_FILES.get(parts[1])
    return None
