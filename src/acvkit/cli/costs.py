"""acv costs : coûts et financements agrégés, exacts au centime."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from acvkit.cli.app import (
    DataOption,
    app,
    handled,
    load_clean,
)


class Dimension(StrEnum):
    axe = "axe"
    sous_axe = "sous-axe"
    collectivite = "collectivite"
    maitre_ouvrage = "maitre-ouvrage"
    financeur = "financeur"
    annee = "annee"
    type = "type"


class FormatCouts(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
@handled
def costs(
    data: DataOption = Path("data"),
    by: Annotated[
        list[Dimension] | None,
        typer.Option("--by", "-b", help="Regroupement ; plusieurs --by font un tableau croisé."),
    ] = None,
    output_format: Annotated[
        FormatCouts, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatCouts.table,
) -> None:
    """Coûts et financements exacts au centime, par axe, sous-axe, collectivité, financeur, année ou type.

    HT, TTC et base non précisée ne sont jamais additionnés en silence. Le JSON est stable
    (montants en texte, « 1712934.00 ») ; le CSV est au format des tableurs français (« ; » et virgule).

    Exemples : [bold]acv costs --by collectivite[/] · [bold]acv costs --by axe --by collectivite --format csv[/]
    """
    from rich.console import Console

    from acvkit import api
    from acvkit.costs.export import to_csv, to_json

    agregat = api.aggregate(load_clean(data), [d.value for d in by or [Dimension.axe]])
    if output_format is FormatCouts.json:
        sys.stdout.write(to_json(agregat))
    elif output_format is FormatCouts.csv:
        sys.stdout.write(to_csv(agregat))
    else:
        from acvkit.views.costs import fit

        console = Console(soft_wrap=False)
        console.print(fit(agregat, console.width))
