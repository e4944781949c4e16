"""Un texte provisoire est resté dans les données (« XXX », « TODO », « à compléter »).

Pourquoi : les modèles Word portent des marques à remplacer (« représentée par XXXXXXX »,
« A Ville-sur-Val, le XXX ») ; une seule oubliée se retrouve dans l'avenant signé. La règle lit toutes
les valeurs de tous les fichiers, programme compris.

Exemple conforme :

    representant: Catherine BARDY

Exemple fautif :

    representant: XXXXXXX
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.rules.common.base import Problem, iter_strings
from acvkit.yaml.document import YamlDocument

CODE = "CON003"
NAME = "texte-provisoire"
SEVERITY = Severity.WARNING

_MARKS = re.compile(
    r"(?<![A-Za-z])(X{3,}|TODO|TBD|FIXME)(?![A-Za-z])|à compléter|a completer|\?\?\?|\[\.\.\.\]",
    re.IGNORECASE,
)


# Des morceaux que toute marque contient : cherchés d'abord (en C, sans expression régulière).
_INDICES = ("xxx", "todo", "tbd", "fixme", "compléter", "completer", "???", "[...]")


def check_document(doc: YamlDocument) -> Iterator[Problem]:
    # Un passage rapide sur le texte brut écarte presque tous les fichiers sans rien à signaler.
    lowercase = doc.text.lower()
    if not any(hint in lowercase for hint in _INDICES):
        return
    if doc.data is not None and _MARKS.search(doc.text):
        for loc, texte in iter_strings(doc.data):
            if m := _MARKS.search(texte):
                yield Problem(
                    doc,
                    loc,
                    f"texte provisoire « {m.group(0)} » à remplacer",
                    context=".".join(map(str, loc)) + f"={m.group(0)}",
                )
