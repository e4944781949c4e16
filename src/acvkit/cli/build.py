"""acv build : les annexes et le tableur ANCT."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acvkit.cli.app import (
    AsOfOption,
    DataOption,
    app,
    handled,
    load_clean,
    parse_as_of,
    verbosity_of,
)

if TYPE_CHECKING:
    from acvkit.api import Built


def _print_build(built: Built, out: Path, verbose: bool) -> None:
    """Le tableau des fichiers écrits (et, avec -v, inchangés), puis le bilan."""
    from rich.console import Console
    from rich.table import Table

    # Le bandeau sur sa propre ligne : en titre du tableau, rich le couperait à sa largeur.
    typer.echo(f"Documents produits dans {out}/ (formats : {', '.join(built.formats)})")
    table = Table(header_style="bold", box=None)
    table.add_column("Fichier")
    table.add_column("Taille", justify="right")
    table.add_column("")
    written = set(built.written)
    for relative, size in built.sizes.items():
        state = "écrit" if relative in written else "inchangé"
        if relative in written or verbose:
            table.add_row(relative, f"{size / 1024:.1f} Ko".replace(".", ","), state)
    Console().print(table)
    typer.echo(f"{len(built.written)} fichier(s) écrit(s), {len(built.unchanged)} inchangé(s).")


@app.command()
@handled
def build(
    ctx: typer.Context,
    data: DataOption = Path("data"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Dossier de sortie.")] = Path("build"),
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="Formats, séparés par des virgules : html, md, docx, xlsx, odt, pdf.",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Dossier de gabarits qui remplace celui d'acvkit."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--depuis",
            help="Révision git de la version précédente : ajoute l'annexe « modifications ».",
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Produit les annexes de l'avenant (HTML, Markdown, DOCX) et le tableur ANCT depuis les données.

    Refuse de construire à partir de données en erreur. Chaque fichier est écrit d'un coup (les
    anciens restent intacts si le build échoue). Avec SOURCE_DATE_EPOCH, mêmes données = mêmes octets.
    Sans odt ni pdf, le défaut est html,md,docx,xlsx ; odt et pdf demandent LibreOffice.

    Exemples : [bold]acv build[/] · [bold]acv build --format html,xlsx --out public[/]
    """
    from rich.console import Console

    from acvkit import api

    dataset = load_clean(data, parse_as_of(as_of))
    api.templates_dir(templates)  # refusé avant tout calcul s'il n'existe pas
    wanted = api.parse_formats(formats)
    with Console(stderr=True).status("Production des annexes…") as status:
        built = api.build(
            dataset,
            out,
            wanted,
            templates,
            since=since,
            progress=lambda step: status.update(f"Production des annexes : {step}…"),
        )
    verbosity = verbosity_of(ctx)
    if not verbosity.quiet:
        _print_build(built, out, verbosity.verbose)
