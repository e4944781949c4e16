"""Le texte d'un article place une partie générée inconnue ou s'écrit mal (« {{ … }} »).

Pourquoi : un article place les parties tirées des données par un paragraphe « {{ nom }} »
(plan_action, programmation, secteurs("commune")…) et écrit une valeur du programme par
« {{ periode }} ». Un nom mal écrit ferait échouer le build ; la règle le dit à la ligne près,
avec les noms admis. `secteurs("commune")` doit nommer une commune qui a des secteurs.

Exemple conforme (avenant/articles/article-7.yaml) :

    texte: |
      {{ plan_action }}

Exemple fautif :

    texte: |
      {{ plan_daction }}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.article_text import TexteError, blocs
from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "AVE005"
NAME = "texte-article"
SEVERITY = Severity.ERROR
CHAMPS = ()


def check(data: Dataset) -> Iterator[Problem]:
    communes = (
        {s.commune for s in data.secteurs.model.secteurs} if data.secteurs is not None else set()
    )
    for entry in sorted(data.articles, key=lambda e: e.doc.path):
        try:
            found = blocs(entry.model.texte)
        except TexteError as exc:
            yield problem(
                entry, "texte", message=exc.message, context=exc.message, line_offset=exc.line
            )
            continue
        for part in found:
            if part.kind == "part" and part.argument is not None and part.argument not in communes:
                yield problem(
                    entry,
                    "texte",
                    message=f"aucun secteur d'intervention pour la commune « {part.argument} » "
                    "(avenant/secteurs.yaml)",
                    context=f"secteurs={part.argument}",
                    line_offset=part.line,
                )
