"""Un article renvoie à une annexe que l'avenant n'a pas (« précisé en annexe 6 »).

Pourquoi : les articles renvoient aux annexes par leur numéro ; une annexe renumérotée ou retirée
laisse un renvoi vers rien dans le document signé. Les annexes sont celles de
avenant/document.yaml, ou à défaut celles du modèle national (1 à 5), les annexes produites
à la place que leur donne programme.yaml (`document:`).

Exemple conforme (avenant/articles/article-5.yaml) :

    texte: |
      Le périmètre des secteurs d’intervention est précisé en annexe 3.

Exemple fautif :

    texte: |
      Le périmètre des secteurs d’intervention est précisé en annexe 7.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from acvkit.article_text import paragraphs
from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models.avenant import ANNEXES_MODELE
from acvkit.rules.common.base import Problem, problem

CODE = "AVE002"
NAME = "annexe-inconnue"
SEVERITY = Severity.ERROR
CHAMPS = ()

_REFERENCE = re.compile(r"\bannexes?\s+n?°?\s*(\d+)\b", re.IGNORECASE)


def check(data: Dataset) -> Iterator[Problem]:
    if data.document is not None and data.document.model.annexes:
        numbers = {a.numero for a in data.document.model.annexes}
    elif data.programme is not None:
        # Le modèle national, les annexes produites là où la structure du programme les place.
        numbers = {n for n, _, c in ANNEXES_MODELE if c is None or c == "secteurs"}
        for partie in data.programme.model.structure().parties.values():
            if partie.annexe and partie.annexe.isdigit():
                numbers.add(int(partie.annexe))
    else:
        numbers = {n for n, _, _ in ANNEXES_MODELE}
    for entry in sorted(data.articles, key=lambda e: e.doc.path):
        for line, paragraph in paragraphs(entry.model.texte):
            for match in _REFERENCE.finditer(paragraph):
                if int(match.group(1)) not in numbers:
                    known_names = ", ".join(str(n) for n in sorted(numbers))
                    yield problem(
                        entry,
                        "texte",
                        message=f"renvoi à l'« {match.group(0)} », que l'avenant n'a pas "
                        f"(annexes : {known_names})",
                        context=f"annexe={match.group(1)}",
                        line_offset=line,
                    )
