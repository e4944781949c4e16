"""acv diff : ce qui change entre deux versions du plan."""

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
)


class FormatDiff(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    github = "github"


@app.command()
@handled
def diff(
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            help="Aucune : HEAD contre l'arbre de travail ; une : cette révision contre l'arbre "
            "de travail ; deux : de la première à la seconde.",
            metavar="REV_AVANT REV_APRES",
            show_default=False,
        ),
    ] = None,
    data: DataOption = Path("data"),
    before: Annotated[
        Path | None, typer.Option("--avant", help="Dossier de données d'avant (sans git).")
    ] = None,
    after: Annotated[
        Path | None, typer.Option("--apres", help="Dossier de données d'après (sans git).")
    ] = None,
    output_format: Annotated[
        FormatDiff, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatDiff.text,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Sortie 1 quand quelque chose change (comme git diff)."),
    ] = False,
) -> None:
    """Ce qui change dans le plan entre deux versions : fiches, montants par base, totaux, diagnostics.

    Les révisions sont lues dans git sans extraction ; les deux côtés sont validés puis comparés
    modèle à modèle (une fiche renumérotée est reconnue). Le format github écrit le Markdown dans
    le résumé de l'étape ($GITHUB_STEP_SUMMARY) et l'affiche.

    Exemples : [bold]acv diff[/] · [bold]acv diff origin/main --format md[/] · [bold]acv diff --avant avenant-2/ --apres avenant-3/[/]
    """
    from acvkit import api

    resultat = api.diff(data, revisions or [], before=before, after=after)
    api.render_diff(resultat, output_format.value, sys.stdout)
    raise typer.Exit(1 if exit_code and not resultat.vide else 0)
