"""La description ou les objectifs d'une fiche sont recopiés d'une autre fiche.

Pourquoi : une fiche créée en dupliquant la précédente garde souvent ses objectifs. Dans un avenant
réel, une fiche de véloroute a gardé les objectifs de la fiche du parking relais qui la précède. La
comparaison ignore la casse, la ponctuation et les espaces.

Exemple conforme (deux fiches aux objectifs propres) :

    objectifs: [Participer à l'attractivité de la gare]
    ---
    objectifs: [Développer la pratique et l'usage du vélo]

Exemple fautif (la seconde fiche recopie la première) :

    objectifs: [Participer à l'attractivité de la gare]
    ---
    objectifs: [Participer à l'attractivité de la gare]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, item_text
from acvkit.rules.common.base import Problem, problem

CODE = "CON002"
NAME = "contenu-copie"
SEVERITY = Severity.WARNING
# Les champs des fiches lus (la validation à froid ne transmet que ceux-là, avec les empreintes
# de `prepare`) et les chemins où ses problèmes sont situés.
CHAMPS = ("numero",)
LOCS = (("description",), ("objectifs",))


_NOT_WORD = re.compile(r"\W+")


def _fingerprint(texte: str) -> str:
    return _NOT_WORD.sub(" ", texte.casefold()).strip()


def _sections(fiche: Fiche) -> dict[str, str]:
    sections = {}
    if fiche.description and fiche.description.strip():
        sections["description"] = _fingerprint(fiche.description)
    objectifs = " | ".join(_fingerprint(item_text(o)) for o in fiche.objectifs or [])
    if objectifs.strip(" |"):
        sections["objectifs"] = objectifs
    return sections


def prepare(fiche: Fiche) -> dict[str, str]:
    """Les empreintes de la fiche, calculées par le processus qui la lit (mises en cache avec elle)."""
    return _sections(fiche)


def check(data: Dataset) -> Iterator[Problem]:
    first_seen: dict[tuple[str, str], int] = {}
    for entry in data.sorted_fiches():
        prepared = (entry.doc.prepared or {}).get(CODE) if not entry.base else None
        sections = prepared if isinstance(prepared, dict) else _sections(entry.model)
        for key, digest in sections.items():
            original = first_seen.setdefault((key, digest), entry.model.numero)
            if original != entry.model.numero:
                nom = "la description" if key == "description" else "les objectifs"
                yield problem(
                    entry,
                    key,
                    message=f"FA {entry.model.numero} reprend mot pour mot {nom} de FA {original}",
                    context=f"{key}=FA{original}",
                )
