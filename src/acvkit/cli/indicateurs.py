"""acv indicateurs : les indicateurs chiffrés et leur trajectoire."""

from __future__ import annotations

import sys
from pathlib import Path

from acvkit.cli.app import app, data_option, format_option, handled, load_clean


@app.command()
@data_option
@format_option(["text", "json", "md", "csv"], "text")
@handled
def indicateurs(data: Path, output_format: str) -> None:
    """Indicateurs d'évaluation chiffrés : référence, dernière valeur, cible, avancement et verdict.

    La trajectoire relie la référence aux cibles en ligne droite ; le verdict (en avance, dans la
    trajectoire, en retard, pas de valeur, non évaluable) compare la dernière valeur à la valeur
    attendue, avec une tolérance de 5 % du chemin de la référence à la cible (voir le README).

    Exemples : acv indicateurs · acv indicateurs --format json
    """
    from acvkit.indicateurs import evaluate_dataset
    from acvkit.indicateurs.outputs import to_csv, to_json, to_markdown, to_text

    evaluations = evaluate_dataset(load_clean(data))
    rendering = {
        "text": to_text,
        "json": to_json,
        "md": to_markdown,
        "csv": to_csv,
    }[output_format]
    sys.stdout.write(rendering(evaluations))
