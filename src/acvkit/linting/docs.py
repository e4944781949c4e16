"""La documentation des règles : liste courte, fiche d'une règle, et page Markdown du dépôt."""

from __future__ import annotations

from acvkit.rules import ALL_RULES, Rule

GROUPES = {
    "YML": "Lecture des fichiers",
    "STR": "Structure du dossier",
    "SCH": "Schéma",
    "INT": "Intégrité des références",
    "MON": "Montants",
    "CAL": "Calendrier",
    "CON": "Contenu",
    "IND": "Indicateurs d'évaluation",
    "SUP": "Commentaires de suppression",
    "SUI": "Suivi après la signature",
}


def rule_text(rule: Rule) -> str:
    """La fiche complète d'une règle, pour `acv rules CODE`."""
    return f"{rule.code} {rule.name} ({rule.severity.libelle} par défaut)\n\n{rule.doc}\n"


def markdown() -> str:
    """docs/regles.md : toutes les règles, groupées, avec leurs exemples."""
    lines = [
        "# Les règles de `acv validate`",
        "",
        "Page générée par `acv rules --format md > docs/regles.md` ; un test échoue si elle est périmée.",
        "",
        "| Code | Nom | Gravité | Ce qu'elle signale |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.libelle} | {r.summary} |"
        for r in ALL_RULES.values()
    ]
    groupe = None
    for rule in ALL_RULES.values():
        prefix = rule.code[:3]
        if prefix != groupe:
            groupe = prefix
            lines += ["", f"## {GROUPES.get(prefix, prefix)}"]
        lines += [
            "",
            f"### {rule.code}",
            "",
            f"**{rule.name}** — {rule.severity.libelle} par défaut.",
            "",
        ]
        lines.append(rule.doc)
    return "\n".join(lines) + "\n"
