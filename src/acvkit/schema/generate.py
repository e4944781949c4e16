"""Les schémas JSON des fichiers de données, pour que l'éditeur (VS Code) valide et complète en français."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from acvkit.models import Axe, Fiche, Indicateur, PartenairesFile, Programme, Statut, StrictModel
from acvkit.models.avenant import Article, DocumentAvenant, Evaluation, SecteursFile

if TYPE_CHECKING:
    from acvkit.schema.ids import DataIds

SCHEMAS: dict[str, type[BaseModel]] = {
    "fiche": Fiche,
    "axe": Axe,
    "indicateur": Indicateur,
    "partenaires": PartenairesFile,
    "programme": Programme,
    # Le texte de l'avenant (dossier avenant/)
    "article": Article,
    "secteurs": SecteursFile,
    "evaluation": Evaluation,
    "document": DocumentAvenant,
}

# Descriptions françaises des valeurs des listes fermées (VS Code : enumDescriptions).
ENUM_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "TypeFiche": {
        "etude": "Une étude (diagnostic, AMO, programmation…)",
        "action": "Une réalisation (travaux, dispositif…)",
    },
    # Le libellé unique de chaque statut (models.suivi.LIBELLES_STATUT), le même partout.
    "Statut": {s.value: s.libelle for s in Statut},
    "Base": {"HT": "Hors taxes", "TTC": "Toutes taxes comprises"},
    "NatureFinancement": {
        "subvention": "Subvention d'un partenaire : se déduit du coût",
        "pret": "Prêt au maître d'ouvrage (remboursé) : montré, jamais déduit du coût",
        "avance_remboursable": "Avance remboursable : montrée, jamais déduite du coût",
        "fonds_propres": "Fonds propres du maître d'ouvrage (autofinancement)",
        "investissement_prive": "Investissement d'un opérateur privé : se déduit du coût",
    },
    "StatutFinancement": {
        "prevu": "Prévu à l'avenant, pas encore demandé",
        "demande": "Demandé au financeur",
        "attribue": "Attribué (délibération, convention)",
        "refuse": "Refusé par le financeur",
        "verse": "Versé, en tout ou partie",
    },
    "Perimetre": {
        "commune": "La commune",
        "epci": "L'intercommunalité",
        "centre-ville": "Le centre-ville (périmètre ORT)",
    },
    "Sens": {
        "hausse": "Progrès quand la valeur augmente",
        "baisse": "Progrès quand la valeur diminue",
    },
    "ContenuAnnexe": {
        "fiches-action": "Les fiches action (Annexe 2)",
        "secteurs": "Les secteurs d'intervention, leurs adresses et la carte de leur périmètre",
        "recapitulatif": "Le récapitulatif global des actions",
        "maquette-financiere": "La maquette financière",
        "plan-action": "Le plan d'action global (article 7.1)",
        "programmation": "La programmation pluriannuelle (article 7.2)",
        "evaluation": "Les objectifs et indicateurs d'évaluation (article 8.3)",
    },
    "Role": {
        "collectivite_beneficiaire": "Collectivité bénéficiaire",
        "partenaire_financeur": "Partenaire financeur",
        "partenaire": "Partenaire signataire, sans financement",
    },
    "NatureDocument": {
        "avenant": "Un avenant à la convention-cadre (numéro : clé avenant)",
        "convention-cadre": "La convention-cadre pluriannuelle elle-même",
    },
    "Nature": {
        "commune": "Commune",
        "epci": "Intercommunalité (EPCI)",
        "region": "Région",
        "departement": "Département",
        "etat": "État",
        "agence_etat": "Agence ou opérateur de l'État",
        "etablissement_public": "Établissement public",
        "sem": "Société d'économie mixte (SEM)",
        "spl": "Société publique locale (SPL)",
        "organisme_paritaire": "Organisme paritaire (Action Logement…)",
        "organisme_social": "Organisme social (CAF…)",
        "union_europeenne": "Fonds européen",
        "entreprise": "Entreprise",
        "association": "Association",
        "autre": "Autre",
    },
}


# Titres français des objets et listes fermées (Pydantic y met le nom de la classe Python).
TITRES: dict[str, str] = {
    "Fiche": "Fiche action",
    "Cout": "Coût",
    "Poste": "Poste de coût",
    "Financement": "Financement",
    "Jalon": "Phase",
    "Echeance": "Échéance",
    "SuiviEntry": "Entrée du journal de suivi",
    "Realisation": "Dépense réalisée",
    "StatutFinancement": "Statut du financement",
    "DetailedItem": "Élément avec détails",
    "TypeFiche": "Type de projet",
    "Statut": "Statut",
    "Base": "Base HT/TTC",
    "Axe": "Axe",
    "SousAxe": "Sous-axe",
    "Indicateur": "Indicateur d'évaluation",
    "Perimetre": "Périmètre",
    "Sens": "Sens du progrès",
    "Reference": "Valeur de référence",
    "Cible": "Cible",
    "Mesure": "Valeur observée",
    "PartenairesFile": "Partenaires",
    "Partenaire": "Partenaire",
    "Nature": "Nature de l'organisation",
    "Programme": "Programme",
    "Territoire": "Territoire",
    "Epci": "EPCI",
    "Commune": "Commune",
    "Signataire": "Signataire",
    "Role": "Rôle",
    "Pilotage": "Pilotage",
    "DocumentProgramme": "Document signé",
    "NatureDocument": "Nature du document",
    "Partie": "Partie du document",
}


# Les mots-clés dont la valeur est une table « nom → schéma » : ces noms sont des données (noms de
# champs, de définitions), pas des mots-clés à réécrire.
_SCHEMA_MAPS = {"properties", "$defs", "definitions", "patternProperties", "dependentSchemas"}


def _draft07(node: Any) -> Any:
    """Pydantic écrit du JSON Schema 2020-12 ; l'extension YAML de VS Code comprend mieux le draft-07.

    Seuls les mots-clés d'un schéma sont réécrits, jamais les noms de champs d'une table
    `properties` (la fiche a un champ `description`, qui ne doit pas engendrer de champ
    `markdownDescription`).
    """
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            key = "definitions" if key == "$defs" else key
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            if key in _SCHEMA_MAPS and isinstance(value, dict):
                out[key] = {name: _draft07(sub) for name, sub in value.items()}
            else:
                out[key] = _draft07(value)
        if "description" in out and "markdownDescription" not in out:
            out["markdownDescription"] = out["description"]
        if "$ref" in out and len(out) > 1:
            # En draft-07, les mots-clés voisins de $ref sont ignorés : on passe par allOf.
            out["allOf"] = [{"$ref": out.pop("$ref")}]
        return out
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def _models() -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    pending: list[type[BaseModel]] = [StrictModel]
    while pending:
        for sub in pending.pop().__subclasses__():
            found[sub.__name__] = sub
            pending.append(sub)
    return found


def _field_titles(node: dict[str, Any], model: type[BaseModel] | None) -> None:
    # Pydantic omet le titre d'un champ qui renvoie vers un autre modèle : on le remet.
    if model is None:
        return
    for name, prop in node.get("properties", {}).items():
        field = model.model_fields.get(name)
        if field is not None and field.title and "title" not in prop:
            prop["title"] = field.title


def generate(model: type[BaseModel]) -> dict[str, Any]:
    schema = _draft07(model.model_json_schema(by_alias=False))
    models = _models()
    _field_titles(schema, model)
    schema["title"] = TITRES.get(model.__name__, schema.get("title"))
    for name, definition in schema.get("definitions", {}).items():
        _field_titles(definition, models.get(name))
        definition["title"] = TITRES.get(name, definition.get("title"))
        if name in ENUM_DESCRIPTIONS and "enum" in definition:
            definition["enumDescriptions"] = [
                ENUM_DESCRIPTIONS[name][v] for v in definition["enum"]
            ]
    return {"$schema": "http://json-schema.org/draft-07/schema#", **schema}


def generate_for(kind: str, ids: DataIds | None = None) -> dict[str, Any]:
    """Le schéma d'une sorte de fichier, avec ses messages français et les identifiants des données."""
    from acvkit.schema.ids import apply_ids
    from acvkit.schema.messages import add_id_patterns, add_messages

    schema = generate(SCHEMAS[kind])
    add_id_patterns(kind, schema)
    if ids is not None:
        apply_ids(kind, schema, ids)
    add_messages(schema)
    return schema


def render_all(ids: DataIds | None = None) -> dict[str, str]:
    """Nom de fichier → texte JSON de chaque schéma (stable : clés dans l'ordre de Pydantic).

    Avec `ids` (les identifiants d'un dossier de données), les champs qui désignent un
    partenaire, un sous-axe, un indicateur ou un axe ne proposent que ceux-là.
    """
    return {
        f"{name}.schema.json": json.dumps(generate_for(name, ids), ensure_ascii=False, indent=2)
        + "\n"
        for name in SCHEMAS
    }


def stale_schemas(out: Path, ids: DataIds | None = None) -> list[str]:
    """Les schémas absents de `out` ou différents de ceux du code (acv schema --check)."""
    return [
        name
        for name, text in render_all(ids).items()
        if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text
    ]


def write_schemas(out: Path, ids: DataIds | None = None) -> tuple[int, int]:
    """Écrit dans `out` les schémas périmés ou absents ; rend (écrits, total)."""
    from acvkit.writing.atomic import atomic_write_text

    schemas = render_all(ids)
    stale = stale_schemas(out, ids)
    for name in stale:
        atomic_write_text(out / name, schemas[name])
    return len(stale), len(schemas)
