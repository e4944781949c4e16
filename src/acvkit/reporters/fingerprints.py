"""Empreintes stables d'un diagnostic : sans numéro de ligne, uniques même pour deux problèmes identiques."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable

from acvkit.diagnostics import Diagnostic


def fingerprints(diagnostics: list[Diagnostic], path: Callable[[str], str]) -> list[str]:
    """Une empreinte par diagnostic : chemin, code, contexte, et rang parmi les identiques."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for d in diagnostics:
        key = (path(d.path), d.code, d.context or d.message)
        seen[key] += 1
        texte = "\x1f".join([*key, str(seen[key])])
        # surrogateescape : un nom de fichier qui n'était pas en UTF-8 garde ses octets.
        out.append(hashlib.sha256(texte.encode("utf-8", "surrogateescape")).hexdigest())
    return out
