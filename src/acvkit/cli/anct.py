"""acv import : relire le tableur ANCT corrigé."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acvkit.cli.app import (
    DataOption,
    app,
    handled,
    load_clean,
)

if TYPE_CHECKING:
    pass


@app.command("import")
@handled
def import_workbook(
    file: Annotated[
        Path,
        typer.Argument(
            help="Le tableur ANCT (.xlsx) produit par acv build, corrigé.", metavar="fichier"
        ),
    ],
    data: DataOption = Path("data"),
    write: Annotated[
        bool, typer.Option("--write", help="Écrit les changements dans les fiches YAML.")
    ] = False,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Dossier de gabarits (colonnes du tableur).")
    ] = None,
) -> None:
    """Relit le tableur ANCT (après correction par un partenaire) et montre, champ par champ, ce qui changerait.

    Sans --write, rien n'est écrit. Avec --write, les fiches sont modifiées en place : commentaires et
    mise en page gardés. Une cellule illisible (feuille, ligne, colonne) empêche toute écriture.

    Exemples : [bold]acv import build/anct/plan-action-ACV099.xlsx[/] · [bold]acv import corrige.xlsx --write[/]
    """
    from acvkit import api
    from acvkit.anct.importing.workbook import apply, check_result, read_workbook_file
    from acvkit.safe_text import visible

    dataset = load_clean(data)
    resultat = read_workbook_file(file, dataset, templates or api.default_templates())
    # Les valeurs viennent du tableur : caractères de contrôle échappés avant le terminal.
    for issue in resultat.problems:
        typer.echo(visible(f"{file} : {issue}"), err=True)
    for note in resultat.ignores:
        typer.echo(visible(f"Non importé : {note}"), err=True)
    for change in resultat.changes:
        typer.echo(visible(str(change)))
    if resultat.problems:
        typer.echo(
            f"{len(resultat.problems)} cellule(s) illisible(s) : rien n'est écrit.", err=True
        )
        raise typer.Exit(1)
    if not resultat.changes:
        typer.echo("Aucun changement : les fiches disent déjà ce que dit le tableur.")
        return
    config = api.load_config(data)
    if not write:
        errors = check_result(resultat, data, config)
        for error in errors:
            typer.echo(error, err=True)
        if errors:
            typer.echo(
                "Le résultat de l'import aurait des erreurs : rien ne serait écrit.", err=True
            )
            raise typer.Exit(1)
        typer.echo(
            f"{len(resultat.changes)} changement(s) ; relancez avec --write pour les écrire."
        )
        return
    written = apply(resultat, data, config)
    typer.echo(f"{len(resultat.changes)} changement(s) écrit(s) dans {len(written)} fichier(s).")
