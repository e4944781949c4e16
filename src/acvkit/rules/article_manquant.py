"""Un article du modèle national manque au texte de l'avenant (dossier avenant/articles/).

Pourquoi : l'avenant signé suit la structure du modèle national de l'ANCT (préambule, articles 1
à 9) ; un article absent laisse un trou dans le document, que le build remplit d'un « à
compléter ». La règle ne s'applique qu'à un dossier qui a un texte d'avenant (dossier avenant/),
et le signale sur le premier fichier de ce texte.

Exemple conforme (avenant/articles/article-9.yaml) :

    numero: 9
    titre: Validation de l’avenant

Exemple fautif (l'article 9 a pris le numéro d'un autre : il n'y a plus d'article 9) :

    numero: 8
    titre: Validation de l’avenant
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models.avenant import ARTICLES_MODELE
from acvkit.rules.common.base import Problem, problem

CODE = "AVE001"
NAME = "article-manquant"
SEVERITY = Severity.ERROR
CHAMPS = ()


def check(data: Dataset) -> Iterator[Problem]:
    entries = sorted(data.articles, key=lambda e: e.doc.path)
    first = data.document or (entries[0] if entries else None)
    if first is None:
        return
    numbers = {e.model.numero for e in entries}
    for numero, titre in ARTICLES_MODELE:
        if numero not in numbers:
            label = "le préambule" if numero == "preambule" else f"l'article {numero}"
            yield problem(
                first,
                message=f"{label} (« {titre} ») manque au texte de l'avenant (avenant/articles/)",
                context=f"article={numero}",
            )
