"""acv import : relire le tableur ANCT corrigé."""

from __future__ import annotations

from pathlib import Path

import click

from acvkit.cli.app import Exit, app, argument, data_option, echo, handled, load_clean, option


@app.command("import")
@argument(
    "file",
    type=click.Path(path_type=Path),
    metavar="FICHIER",
    help="Le tableur ANCT (.xlsx) produit par acv build, corrigé.",
)
@data_option
@option("--write", is_flag=True, help="Écrit les changements dans les fiches YAML.")
@option(
    "--templates",
    type=click.Path(path_type=Path),
    metavar="DOSSIER",
    help="Dossier de gabarits (colonnes du tableur).",
)
@handled
def import_workbook(file: Path, data: Path, write: bool, templates: Path | None) -> None:
    """Relit le tableur ANCT (après correction par un partenaire) et montre, champ par champ, ce qui changerait.

    Sans --write, rien n'est écrit. Avec --write, les fiches sont modifiées en place : commentaires et
    mise en page gardés. Une cellule illisible (feuille, ligne, colonne) empêche toute écriture.

    Exemples : acv import build/anct/plan-action-ACV099.xlsx · acv import corrige.xlsx --write
    """
    from acvkit import api
    from acvkit.cli.documents import require_documents

    require_documents("acv import")
    from acvkit.anct.importing.workbook import apply, check_result, read_workbook_file
    from acvkit.safe_text import visible

    dataset = load_clean(data)
    resultat = read_workbook_file(file, dataset, templates or api.default_templates())
    # Les valeurs viennent du tableur : caractères de contrôle échappés avant le terminal.
    for issue in resultat.problems:
        echo(visible(f"{file} : {issue}"), err=True)
    for note in resultat.ignores:
        echo(visible(f"Non importé : {note}"), err=True)
    for change in resultat.changes:
        echo(visible(str(change)))
    if resultat.problems:
        echo(f"{len(resultat.problems)} cellule(s) illisible(s) : rien n'est écrit.", err=True)
        raise Exit(1)
    if not resultat.changes:
        echo("Aucun changement : les fiches disent déjà ce que dit le tableur.")
        return
    config = api.load_config(data)
    if not write:
        errors = check_result(resultat, data, config)
        for error in errors:
            echo(error, err=True)
        if errors:
            echo("Le résultat de l'import aurait des erreurs : rien ne serait écrit.", err=True)
            raise Exit(1)
        echo(f"{len(resultat.changes)} changement(s) ; relancez avec --write pour les écrire.")
        return
    written = apply(resultat, data, config)
    echo(f"{len(resultat.changes)} changement(s) écrit(s) dans {len(written)} fichier(s).")
