"""La comparaison en JSON stable (version 1), documentée dans le README (section « acv diff »)."""

from __future__ import annotations

from typing import Any

from acvkit.diagnostics import Diagnostic
from acvkit.diff.compare import VERSION, Difference, resume_fiche
from acvkit.rules import ALL_RULES
from acvkit.safe_text import json_dumps


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    rule = ALL_RULES.get(d.code)
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "rule": rule.name if rule else None,
        "url": rule.url if rule else None,
    }


def as_dict(diff: Difference) -> dict[str, Any]:
    referentiel: dict[str, list[dict[str, Any]]] = {
        "programme": [],
        "axes": [],
        "indicateurs": [],
        "partenaires": [],
    }
    for obj in diff.referentiel:
        item: dict[str, Any] = {"cle": obj.key, "etat": obj.etat}
        if obj.etat == "modifie":
            item["changements"] = [c.as_dict() for c in obj.changes]
            if obj.evenements:
                item["evenements"] = obj.evenements
        referentiel[obj.genre].append(item)
    return {
        "version": VERSION,
        "avant": {**diff.avant.description(), "nom": diff.avant.nom},
        "apres": {**diff.apres.description(), "nom": diff.apres.nom},
        "fiches": {
            "ajoutees": [resume_fiche(f) for f in diff.ajoutees],
            "supprimees": [resume_fiche(f) for f in diff.supprimees],
            "illisibles": [{"numero": f.numero, "illisible": side} for side, f in diff.illisibles],
            "renumerotees": [
                {"avant": a.numero, "apres": b.numero, "similarite": score}
                for a, b, score in diff.renumerotees
            ],
            "modifiees": [
                {
                    "numero": m.numero,
                    "changements": [c.as_dict() for c in m.changes],
                    **({"evenements": m.evenements} if m.evenements else {}),
                }
                for m in diff.modifiees
            ],
        },
        "referentiel": referentiel,
        "totaux": {
            nom: [ligne.as_dict() for ligne in lignes] for nom, lignes in diff.totaux.items()
        },
        "financements_suivi": [r.as_dict() for r in diff.financements_suivi],
        "diagnostics": {
            "nouveaux": [_diagnostic(d) for d in diff.new_items],
            "resolus": [_diagnostic(d) for d in diff.resolved_items],
        },
    }


def to_json(diff: Difference) -> str:
    return json_dumps(as_dict(diff)) + "\n"
