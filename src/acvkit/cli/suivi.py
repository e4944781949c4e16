"""acv suivi : l'état du plan à une date."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from acvkit.cli.app import (
    AsOfOption,
    DataOption,
    app,
    handled,
    load_clean,
    parse_as_of,
)


class FormatSuivi(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    csv = "csv"


@app.command()
@handled
def suivi(
    data: DataOption = Path("data"),
    as_of: AsOfOption = None,
    output_format: Annotated[
        FormatSuivi, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatSuivi.text,
) -> None:
    """L'état du plan à une date : fiches et coûts par statut, financements, réalisé, retards.

    Par financeur : prévu, demandé, attribué et versé ; par année : réalisé et prévu ; puis les
    fiches en retard et celles sans suivi depuis plus de six mois. HT et TTC restent séparés.
    Le JSON est stable et documenté (README, docs/format.md).

    Exemples : [bold]acv suivi --au 2025-06-30[/] · [bold]acv suivi --format json[/]
    """
    from acvkit.suivi.etat import etat_suivi
    from acvkit.suivi.output import FORMATS

    day = parse_as_of(as_of)
    dataset = load_clean(data, day)
    sys.stdout.write(FORMATS[output_format.value](etat_suivi(dataset, day)))
