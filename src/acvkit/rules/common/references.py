"""Parcours de toutes les références à des organisations (pour les règles d'intégrité)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from acvkit.loading.dataset import Dataset
from acvkit.yaml.document import YamlDocument
from acvkit.yaml.positions import Loc


@dataclass(frozen=True)
class Reference:
    doc: YamlDocument
    loc: Loc
    role: str
    value: str


def iter_references(data: Dataset) -> Iterator[Reference]:
    """Chaque identifiant d'organisation écrit dans les fiches et le programme, avec sa place."""
    for entry in data.fiches:
        fiche, doc = entry.model, entry.doc
        yield Reference(doc, ("collectivite",), "collectivité", fiche.collectivite)
        if isinstance(fiche.maitre_ouvrage, str):
            yield Reference(doc, ("maitre_ouvrage",), "maître d'ouvrage", fiche.maitre_ouvrage)
        for i, maitre in enumerate(
            fiche.maitre_ouvrage if isinstance(fiche.maitre_ouvrage, list) else []
        ):
            yield Reference(doc, ("maitre_ouvrage", i), "maître d'ouvrage", maitre)
        for i, partenaire in enumerate(fiche.partenaires or []):
            yield Reference(doc, ("partenaires", i), "partenaire", partenaire)
        for i, financement in enumerate(fiche.financements or []):
            yield Reference(
                doc, ("financements", i, "financeur"), "financeur", financement.financeur
            )
            for j, cofinanceur in enumerate(financement.cofinanceurs or []):
                yield Reference(
                    doc, ("financements", i, "cofinanceurs", j), "cofinanceur", cofinanceur
                )
    if data.programme is not None:
        programme, doc = data.programme.model, data.programme.doc
        yield Reference(
            doc,
            ("territoire", "epci", "collectivite"),
            "collectivité",
            programme.territoire.epci.collectivite,
        )
        for i, commune in enumerate(programme.territoire.communes):
            yield Reference(
                doc,
                ("territoire", "communes", i, "collectivite"),
                "collectivité",
                commune.collectivite,
            )
        for i, signataire in enumerate(programme.signataires):
            yield Reference(
                doc, ("signataires", i, "organisation"), "signataire", signataire.organisation
            )
