"""Le plan d'action (article 7.1) liste des fiches dont l'Annexe 2 ne donne pas le détail.

Pourquoi : chaque fiche du plan d'action global a sa fiche détaillée en Annexe 2 (« Liste et
détails des fiches action ») ; un article qui place le plan d'action (« {{ plan_action }} »)
dans un avenant sans annexe des fiches action laisserait les fiches sans leur détail. La règle
le signale là où le plan est placé, quand avenant/document.yaml liste ses annexes sans
`contenu: fiches-action`.

Exemple conforme (avenant/document.yaml) :

    annexes:
      - {numero: 2, titre: Fiches action, contenu: fiches-action}

Exemple fautif :

    annexes:
      - {numero: 2, titre: Fiches action}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.article_text import parts_of
from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models.avenant import ContenuAnnexe
from acvkit.rules.common.base import Problem, problem

CODE = "AVE003"
NAME = "fiche-sans-annexe"
SEVERITY = Severity.ERROR
CHAMPS = ("numero",)


def check(data: Dataset) -> Iterator[Problem]:
    if data.document is None or not data.document.model.annexes or not data.fiches:
        return
    if any(a.contenu == ContenuAnnexe.FICHES_ACTION for a in data.document.model.annexes):
        return
    numbers = ", ".join(f"FA {e.model.numero}" for e in data.sorted_fiches())
    for entry in sorted(data.articles, key=lambda e: e.doc.path):
        for part in parts_of(entry.model.texte):
            if part.texte == "plan_action":
                yield problem(
                    entry,
                    "texte",
                    message="le plan d'action liste des fiches sans détail en annexe "
                    f"({numbers}) : aucune annexe de avenant/document.yaml n'a "
                    "« contenu: fiches-action »",
                    context="plan_action",
                    line_offset=part.line,
                )
