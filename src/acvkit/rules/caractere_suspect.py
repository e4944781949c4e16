"""Un texte contient un caractère invisible ou propre à une police (copié de Word ou d'un PDF).

Pourquoi : les puces Wingdings (caractères « d'usage privé »), espaces de largeur nulle et
caractères de contrôle passent inaperçus à l'écran mais s'affichent en carrés dans l'annexe
imprimée ou le tableur ANCT. Remplacez-les par le caractère voulu (« • », « - ») ou supprimez-les.

Exemple conforme :

    description: |
      Axe 1 : Financement de l'étude du Pôle d'Ecomobilité

Exemple fautif (une puce Wingdings U+F0D8 copiée d'un PDF) :

    description: |
      \uf0d8 Axe 1 : Financement de l'étude du Pôle d'Ecomobilité
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.base import Problem, iter_strings

CODE = "CON005"
NAME = "caractere-suspect"
SEVERITY = Severity.WARNING

_PERMIS = {"\n", "\t"}


def _suspect(caractere: str) -> bool:
    if caractere in _PERMIS:
        return False
    return unicodedata.category(caractere) in {"Co", "Cc", "Cf", "Cs"}


def check(data: Dataset) -> Iterator[Problem]:
    for doc in data.documents:
        for loc, texte in iter_strings(doc.data):
            trouves = sorted({c for c in texte if _suspect(c)})
            if trouves:
                codes = ", ".join(f"U+{ord(c):04X}" for c in trouves)
                yield Problem(
                    doc,
                    loc,
                    f"caractère invisible ou de police spéciale ({codes}) dans le texte",
                    context=".".join(map(str, loc)) + f"={codes}",
                )
