"""acv suivi : l'état du plan à une date."""

from __future__ import annotations

import sys
from pathlib import Path

from acvkit.cli.app import (
    app,
    as_of_option,
    data_option,
    format_option,
    handled,
    load_clean,
    parse_as_of,
)


@app.command()
@data_option
@as_of_option
@format_option(["text", "json", "md", "csv"], "text")
@handled
def suivi(data: Path, as_of: str | None, output_format: str) -> None:
    """L'état du plan à une date : fiches et coûts par statut, financements, réalisé, retards.

    Par financeur : prévu, demandé, attribué et versé ; par année : réalisé et prévu ; puis les
    fiches en retard et celles sans suivi depuis plus de six mois. HT et TTC restent séparés.
    Le JSON est stable et documenté (README, docs/format.md).

    Exemples : acv suivi --date-rapport 2025-06-30 · acv suivi --format json
    """
    from acvkit.suivi.etat import etat_suivi
    from acvkit.suivi.output import FORMATS

    day = parse_as_of(as_of)
    dataset = load_clean(data, day)
    sys.stdout.write(FORMATS[output_format](etat_suivi(dataset, day)))
