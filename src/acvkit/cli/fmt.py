"""acv fmt et acv fix : la forme canonique et les corrections mécaniques."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from acvkit.cli.app import Exit, app, argument, data_option, handled, option, verbosity_of

if TYPE_CHECKING:
    from acvkit.diagnostics import Diagnostic


@app.command()
@argument(
    "paths",
    nargs=-1,
    type=click.Path(path_type=Path),
    metavar="CHEMINS",
    help="Fichiers ou dossiers ; par défaut le dossier --data.",
)
@data_option
@option("--check", is_flag=True, help="N'écrit rien ; sort avec 1 si un fichier changerait.")
@option("--diff", is_flag=True, help="N'écrit rien ; montre les changements.")
@click.pass_context
@handled
def fmt(ctx: click.Context, paths: tuple[Path, ...], data: Path, check: bool, diff: bool) -> None:
    """Met les fichiers de données en forme canonique, sans perdre un commentaire ni une valeur.

    Ordre des clés du format, indentation de 2 espaces, codes entre guillemets, une ligne vide au
    plus entre deux groupes. Un fichier dont la mise en forme changerait les données est laissé tel quel.

    Exemples : acv fmt · acv fmt --check · acv fmt --diff data/fiches/ville-sur-val
    """
    from acvkit.safe_text import visible
    from acvkit.scaffolding.fmt import format_paths

    result = format_paths(list(paths) or [data], data, write=not (check or diff))
    for _file, message in result.failed:
        click.echo(visible(message), err=True)
    for change in result.changed:
        if diff:
            sys.stdout.writelines(change.diff())
        elif check:
            click.echo(f"{visible(change.file)} : à mettre en forme")
        else:
            click.echo(f"{visible(change.file)} : mis en forme")
    verb = "à mettre en forme" if check or diff else "mis en forme"
    if not verbosity_of(ctx).quiet:
        click.echo(result.summary(verb), err=True)
    raise Exit(1 if result.failed or ((check or diff) and result.changed) else 0)


@app.command()
@data_option
@option("--diff", is_flag=True, help="N'écrit rien ; montre les corrections.")
@handled
def fix(data: Path, diff: bool) -> None:
    """Fait les corrections mécaniques : « vouliez-vous dire » à une seule proposition (clé ou
    identifiant), codes écrits en nombres mis entre guillemets, lignes de schéma rétablies.

    Le reste du fichier (commentaires, mise en page) ne bouge pas. Code de sortie : 1 s'il reste
    une erreur, 0 sinon.

    Exemples : acv fix --diff · acv fix
    """
    from acvkit import api
    from acvkit.safe_text import visible
    from acvkit.scaffolding.fix import fix_folder
    from acvkit.workspace import for_display

    config = api.load_config(api.check_data_dir(data))

    def diagnostics(folder: Path) -> list[Diagnostic]:
        return api.lint(folder, config).diagnostics

    result = fix_folder(data, diagnostics)
    if diff:
        sys.stdout.writelines(result.diff())
    else:
        result.write(data, config)  # tous les fichiers corrigés, ou aucun
        for file in sorted(result.changed):
            shown = visible(for_display(file))
            click.echo(f"{shown} : {result.corrections.get(file, 1)} correction(s)")
    action_word = "à corriger" if diff else "corrigé(s)"
    click.echo(f"{len(result.changed)} fichier(s) {action_word}.", err=True)
    if diff:
        raise Exit(1 if result.changed else 0)
    remaining = [d for d in diagnostics(data) if d.severity.value == "error"]
    if remaining:
        click.echo(
            f"{len(remaining)} erreur(s) restent à corriger à la main (acv validate).", err=True
        )
    raise Exit(1 if remaining else 0)
