"""acv rules : la documentation des règles, hors ligne."""

from __future__ import annotations

import acvkit.cli.completion as completion
from acvkit.cli.app import app, argument, echo, fail_usage, format_option, handled, option
from acvkit.cli.french import completion as complete_with


@app.command()
@argument(
    "code",
    required=False,
    metavar="CODE",
    shell_complete=complete_with(completion.rule_codes),
    help="Code d'une règle, par exemple CON002.",
)
@format_option(["text", "md"], "text")
@option("--markdown", "markdown", is_flag=True, hidden=True)
@handled
def rules(code: str | None, output_format: str, markdown: bool) -> None:
    """Liste les règles de `acv validate`, ou affiche la documentation complète de l'une d'elles.

    Le format md donne toute la documentation en Markdown (docs/regles.md).

    Exemples : acv rules · acv rules CON002 · acv rules --format md
    """
    from rich.console import Console
    from rich.table import Table

    from acvkit.linting.docs import markdown as rules_markdown
    from acvkit.linting.docs import rule_text
    from acvkit.rules import ALL_RULES
    from acvkit.rules.common.base import suggest

    if markdown or output_format == "md":  # --markdown : ancien nom de --format md
        echo(rules_markdown(), nl=False)
        return
    if code is not None:
        rule = ALL_RULES.get(code.upper())
        if rule is None:
            raise fail_usage(f"règle inconnue « {code} »{suggest(code.upper(), ALL_RULES)}")
        echo(rule_text(rule))
        return
    # Code, gravité et nom entiers (jamais coupés ni tronqués) ; le résumé se plie à la largeur.
    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("Code", no_wrap=True)
    table.add_column("Gravité", no_wrap=True)
    table.add_column("Nom", no_wrap=True, min_width=max(len(r.name) for r in ALL_RULES.values()))
    table.add_column("Ce qu'elle signale", overflow="fold", ratio=1)
    for r in ALL_RULES.values():
        table.add_row(r.code, r.severity.libelle, r.name, r.summary)
    Console(soft_wrap=False).print(table)
