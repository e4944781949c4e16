"""Les messages d'erreur français des schémas (`errorMessage`, lu par yaml-language-server).

yaml-language-server (l'extension YAML de VS Code) montre le texte du mot-clé non standard
`errorMessage` d'un nœud à la place de son message anglais (« String does not match the
pattern… »). Le draft-07 admet les mots-clés inconnus : les schémas passent toujours leur
métaschéma (check-jsonschema --check-metaschema), et check-jsonschema les ignore.
"""

from __future__ import annotations

from typing import Any

from acvkit.models.common import MONTANT_CEILING

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_INDICATEUR_PATTERN = r"^ind-([1-5]|t)-\d{2}$"

MESSAGE_ID: dict[str, str] = {
    "partenaires": "identifiant inconnu de partenaires.yaml : choisissez-en un dans la liste "
    "(acv validate propose le plus proche)",
    "indicateurs": "indicateur inconnu dans indicateurs/ : un identifiant ind-<axe>-<nn>, "
    "par exemple ind-3-04",
    "axes": 'axe inconnu dans axes/ : "1" à "5" entre guillemets, ou transversal',
}

MESSAGE_DATE = "date attendue sous la forme AAAA-MM-JJ, par exemple 2025-03-31"
MESSAGE_MONTANT = (
    "montant en euros attendu : un nombre simple, au plus deux décimales, sans espace ni "
    "symbole (1712934 ou 100625.61)"
)
MESSAGE_PERIODE = "période attendue telle qu'écrite : « 2024 », « T1 2025 », « Fin 2026 »…"

# Motif (pattern) → message.
MESSAGES_PATTERN: dict[str, str] = {
    r"^\d{9}$": "SIREN attendu : neuf chiffres, entre guillemets",
    r"^(\d{5}|2[AB]\d{3})$": "code INSEE attendu : cinq chiffres (ou 2A, 2B et trois chiffres), "
    "entre guillemets",
    ID_PATTERN: "identifiant attendu : minuscules, chiffres et tirets, par exemple "
    "« ville-sur-val »",
    ID_INDICATEUR_PATTERN: "identifiant d'indicateur attendu : ind-<axe>-<nn>, par exemple ind-3-04",
}

# Les identifiants que le modèle vérifie sans que Pydantic l'écrive dans le schéma :
# (schéma, définition ou "" pour la racine, champ) → motif.
PATTERNS_ID: dict[tuple[str, str, str], str] = {
    ("partenaires", "Partenaire", "id"): ID_PATTERN,
    ("indicateur", "", "id"): ID_INDICATEUR_PATTERN,
}


def add_id_patterns(kind: str, schema: dict[str, Any]) -> None:
    """Pose le motif des identifiants (partenaire, indicateur), que vérifie aussi acv validate."""
    for (schema_kind, definition, champ), pattern in PATTERNS_ID.items():
        parent = schema if not definition else schema.get("definitions", {}).get(definition, {})
        prop = parent.get("properties", {}).get(champ)
        if schema_kind == kind and isinstance(prop, dict) and prop.get("type") == "string":
            prop.setdefault("pattern", pattern)


def message_sous_axe(known: bool, classement: bool = False) -> str:
    """Le message d'un code de sous-axe : mal écrit, ou (avec les données) absent de axes/.

    `classement` : le champ `sous_axe` d'une fiche, qui accepte aussi l'axe seul (« 4 »,
    transversal) quand l'axe n'a pas de sous-axe.
    """
    debut = "sous-axe inconnu dans axes/ ou mal écrit" if known else "code de sous-axe mal écrit"
    axe_only = ", ou l'axe seul (\"4\", transversal) s'il n'a pas de sous-axe" if classement else ""
    return (
        f'{debut} : un code entre guillemets, par exemple "4.2"{axe_only} '
        "(sans guillemets, 4.10 vaut 4.1)"
    )


def _message(node: dict[str, Any]) -> str | None:
    if node.get("format") == "date":
        return MESSAGE_DATE
    if node.get("type") == "number" and node.get("exclusiveMaximum") == MONTANT_CEILING:
        return MESSAGE_MONTANT
    if node.get("title") == "Période" and node.get("type") == ["string", "integer"]:
        return MESSAGE_PERIODE
    pattern = node.get("pattern")
    if pattern == r"^[1-5]\.\d{1,2}$":
        return message_sous_axe(False)
    if pattern == r"^([1-5](\.\d{1,2})?|transversal)$":
        return message_sous_axe(False, classement=True)
    if isinstance(pattern, str):
        return MESSAGES_PATTERN.get(pattern)
    return None


def add_messages(node: Any) -> None:
    """Ajoute un `errorMessage` français aux nœuds les plus souvent fautifs (dates, montants…)."""
    if isinstance(node, dict):
        message = _message(node)
        if message is not None and "errorMessage" not in node:
            node["errorMessage"] = message
        for value in node.values():
            add_messages(value)
    elif isinstance(node, list):
        for value in node:
            add_messages(value)
