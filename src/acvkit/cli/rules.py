"""acv rules : la documentation des règles, hors ligne."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import acvkit.cli.completion as completion
from acvkit.cli.app import (
    app,
    fail_usage,
    handled,
)

if TYPE_CHECKING:
    pass


@app.command()
@handled
def rules(
    code: Annotated[
        str | None,
        typer.Argument(
            help="Code d'une règle, par exemple CON002.", autocompletion=completion.rule_codes
        ),
    ] = None,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Toute la documentation en Markdown (docs/regles.md)."),
    ] = False,
) -> None:
    """Liste les règles de `acv validate`, ou affiche la documentation complète de l'une d'elles.

    Exemples : [bold]acv rules[/] · [bold]acv rules CON002[/] · [bold]acv rules --markdown[/]
    """
    from rich.console import Console
    from rich.table import Table

    from acvkit.linting.docs import markdown as rules_markdown
    from acvkit.linting.docs import rule_text
    from acvkit.rules import ALL_RULES
    from acvkit.rules.common.base import suggest

    if markdown:
        typer.echo(rules_markdown(), nl=False)
        return
    if code is not None:
        rule = ALL_RULES.get(code.upper())
        if rule is None:
            raise fail_usage(f"règle inconnue « {code} »{suggest(code.upper(), ALL_RULES)}")
        typer.echo(rule_text(rule))
        return
    table = Table(box=None, show_header=True, header_style="bold")
    for titre in ("Code", "Gravité", "Nom", "Ce qu'elle signale"):
        table.add_column(titre)
    for r in ALL_RULES.values():
        table.add_row(r.code, r.severity.libelle, r.name, r.summary)
    Console(soft_wrap=False).print(table)
