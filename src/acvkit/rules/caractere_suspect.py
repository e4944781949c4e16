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

import re
import unicodedata
from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.rules.common.base import Problem, iter_strings
from acvkit.yaml.document import YamlDocument

CODE = "CON005"
NAME = "caractere-suspect"
SEVERITY = Severity.WARNING

_ALLOWED = {"\n", "\t"}

# Tout ce qui n'est pas un caractère imprimable courant ; confirmé ensuite par sa catégorie Unicode.
_CANDIDATES = re.compile(
    "[^\t\n\x20-\x7e\xa0-\xac\xae-\u05ff\u0700-\u070e\u0710-\u088f\u0892-\u08e1\u08e3-\u17ff\u1810-\u200a\u2010-\u2027\u2030-\u205f\u2070-\ud7ff\uf900-\ufefe\uff00-\ufff8]"
)


def _suspect(char: str) -> bool:
    if char in _ALLOWED:
        return False
    return unicodedata.category(char) in {"Co", "Cc", "Cf", "Cs"}


def check_document(doc: YamlDocument) -> Iterator[Problem]:
    # Un seul passage sur le texte brut écarte presque tous les fichiers sans rien à signaler.
    if doc.data is not None and _CANDIDATES.search(doc.text):
        for loc, texte in iter_strings(doc.data):
            if not _CANDIDATES.search(texte):
                continue
            hits = sorted({c for c in _CANDIDATES.findall(texte) if _suspect(c)})
            if hits:
                codes = ", ".join(f"U+{ord(c):04X}" for c in hits)
                yield Problem(
                    doc,
                    loc,
                    f"caractère invisible ou de police spéciale ({codes}) dans le texte",
                    context=".".join(map(str, loc)) + f"={codes}",
                )
