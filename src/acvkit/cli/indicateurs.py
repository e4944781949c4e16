"""acv indicateurs : les indicateurs chiffrés et leur trajectoire."""

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


class FormatIndicateurs(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    csv = "csv"


@app.command()
@handled
def indicateurs(
    data: DataOption = Path("data"),
    output_format: Annotated[
        FormatIndicateurs, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatIndicateurs.text,
) -> None:
    """Indicateurs d'évaluation chiffrés : référence, dernière valeur, cible, avancement et verdict.

    La trajectoire relie la référence aux cibles en ligne droite ; le verdict (en avance, dans la
    trajectoire, en retard, pas de valeur, non évaluable) compare la dernière valeur à la valeur
    attendue, avec une tolérance de 5 % du chemin de la référence à la cible (voir le README).

    Exemples : [bold]acv indicateurs[/] · [bold]acv indicateurs --format json[/]
    """
    from acvkit.indicateurs import evaluate_dataset
    from acvkit.indicateurs.outputs import to_csv, to_json, to_markdown, to_text

    evaluations = evaluate_dataset(load_clean(data))
    rendering = {
        FormatIndicateurs.text: to_text,
        FormatIndicateurs.json: to_json,
        FormatIndicateurs.md: to_markdown,
        FormatIndicateurs.csv: to_csv,
    }[output_format]
    sys.stdout.write(rendering(evaluations))
