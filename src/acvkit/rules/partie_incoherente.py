"""Une partie de la première page ne nomme pas le représentant du signataire qu'elle désigne.

Pourquoi : la mention d'une partie (« La commune de …, représentée par son maire … ») est écrite
telle que l'avenant la porte, dans avenant/document.yaml ; le représentant est aussi dans
programme.yaml, d'où vient la page des signatures. Un changement de représentant fait d'un côté
seulement donnerait deux noms dans le même document. Une partie doit aussi désigner un
signataire de programme.yaml, et la page des signatures ne citer que des signataires.

Exemple conforme (avenant/document.yaml) :

    mention: La Ville de Ville-sur-Val, représentée par son maire Jeanne MARTIN ;

Exemple fautif :

    mention: La Ville de Ville-sur-Val, représentée par son maire Paul DURAND ;
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "AVE006"
NAME = "partie-incoherente"
SEVERITY = Severity.WARNING
CHAMPS = ()

_PROVISIONAL = re.compile(r"X{3,}")


def check(data: Dataset) -> Iterator[Problem]:
    entry = data.document
    if entry is None or data.programme is None:
        return
    signataires = {s.organisation: s for s in data.programme.model.signataires}
    for index, partie in enumerate(entry.model.parties):
        signataire = signataires.get(partie.signataire)
        if signataire is None:
            yield problem(
                entry,
                "parties",
                index,
                "signataire",
                message=f"« {partie.signataire} » n'est pas un signataire de programme.yaml",
                context=f"signataire={partie.signataire}",
            )
            continue
        representant = signataire.representant or ""
        if (
            partie.mention
            and representant
            and not _PROVISIONAL.search(representant)
            and " ".join(representant.split()).casefold()
            not in " ".join(partie.mention.split()).casefold()
        ):
            yield problem(
                entry,
                "parties",
                index,
                "mention",
                message=f"la mention ne nomme pas « {representant} », représentant de "
                f"« {partie.signataire} » dans programme.yaml",
                context=f"mention={partie.signataire}",
            )
    for index, organisation in enumerate(entry.model.signatures or []):
        if organisation not in signataires:
            yield problem(
                entry,
                "signatures",
                index,
                message=f"« {organisation} » n'est pas un signataire de programme.yaml",
                context=f"signatures={organisation}",
            )
