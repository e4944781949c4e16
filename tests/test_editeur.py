"""Les habitudes de l'éditeur (VS Code, check-jsonschema) : schémas justes, lignes de schéma vérifiées."""

from __future__ import annotations

import json
from typing import Any

from acvkit.schema import SCHEMAS, generate


def _noms_de_champs(node: Any) -> list[str]:
    noms: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                noms += list(value)
            noms += _noms_de_champs(value)
    elif isinstance(node, list):
        for value in node:
            noms += _noms_de_champs(value)
    return noms


def test_aucun_champ_invente_par_la_conversion_draft07() -> None:
    for model in SCHEMAS.values():
        schema = json.loads(json.dumps(generate(model)))
        noms = set(_noms_de_champs(schema))
        assert "markdownDescription" not in noms, model.__name__
        # Chaque champ offert par l'éditeur est un champ du modèle (ou d'un modèle imbriqué).
        connus = {n for m in _tous_les_modeles() for n in m.model_fields}
        assert noms <= connus, (model.__name__, noms - connus)


def _tous_les_modeles() -> list[Any]:
    from acvkit.models import Modele

    found: list[Any] = []
    pending: list[Any] = [Modele]
    while pending:
        for sub in pending.pop().__subclasses__():
            found.append(sub)
            pending.append(sub)
    return found


def test_fiche_schema_description_est_un_champ_et_garde_son_markdown() -> None:
    fiche = generate(SCHEMAS["fiche"])
    assert "description" in fiche["properties"]
    assert "markdownDescription" not in fiche["properties"]
    assert (
        fiche["properties"]["description"]["markdownDescription"]
        == fiche["properties"]["description"]["description"]
    )
