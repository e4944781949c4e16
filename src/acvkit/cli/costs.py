"""acv couts : coûts et financements agrégés, exacts au centime (ancien nom : costs)."""

from __future__ import annotations

import sys
from pathlib import Path

from acvkit.cli.app import app, data_option, format_option, handled, load_clean, option
from acvkit.cli.french import Choice

DIMENSIONS = ["axe", "sous-axe", "collectivite", "maitre-ouvrage", "financeur", "annee", "type"]


@app.command("couts")
@data_option
@option(
    "--by",
    "-b",
    "by",
    type=Choice(DIMENSIONS),
    multiple=True,
    metavar="REGROUPEMENT",
    help="Regroupement ; plusieurs --by font un tableau croisé.",
)
@format_option(["text", "json", "csv"], "text", former={"table": "text"})
@handled
def couts(data: Path, by: tuple[str, ...], output_format: str) -> None:
    """Coûts et financements exacts au centime, par axe, sous-axe, collectivité, financeur, année ou type.

    HT, TTC et base non précisée ne sont jamais additionnés en silence. Le JSON est stable
    (montants en texte, « 1712934.00 ») ; le CSV est au format des tableurs français (« ; » et virgule).

    Exemples : acv couts --by collectivite · acv couts --by axe --by collectivite --format csv
    """
    from rich.console import Console

    from acvkit import api
    from acvkit.costs.export import to_csv, to_json

    agregat = api.aggregate(load_clean(data), list(by) or ["axe"])
    if output_format == "json":
        sys.stdout.write(to_json(agregat))
    elif output_format == "csv":
        sys.stdout.write(to_csv(agregat))
    else:
        from acvkit.views.costs import fit

        console = Console(soft_wrap=False)
        console.print(fit(agregat, console.width))


app.former["costs"] = "couts"  # ancien nom, accepté une version encore (docs/commandes.md)
