"""acv diff : ce qui change entre deux versions du plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from acvkit.cli.app import (
    Exit,
    app,
    argument,
    as_of_option,
    data_option,
    format_option,
    handled,
    option,
    parse_as_of,
)


@app.command()
@argument(
    "revisions",
    nargs=-1,
    metavar="RÉVISIONS",
    help="Aucune : HEAD contre l'arbre de travail ; une : cette révision contre l'arbre "
    "de travail ; deux : de la première à la seconde.",
)
@data_option
@option(
    "--from-data",
    "before",
    former=("--avant",),
    type=click.Path(path_type=Path),
    metavar="DOSSIER",
    help="Dossier de données d'avant (sans git).",
)
@option(
    "--to-data",
    "after",
    former=("--apres",),
    type=click.Path(path_type=Path),
    metavar="DOSSIER",
    help="Dossier de données d'après (sans git).",
)
@format_option(["text", "md", "json", "github"], "text")
@option("--exit-code", is_flag=True, help="Sortie 1 quand quelque chose change (comme git diff).")
@as_of_option
@handled
def diff(
    revisions: tuple[str, ...],
    data: Path,
    before: Path | None,
    after: Path | None,
    output_format: str,
    exit_code: bool,
    as_of: str | None,
) -> None:
    """Ce qui change dans le plan entre deux versions : fiches, montants par base, totaux, diagnostics.

    Les révisions sont lues dans git sans extraction ; les deux côtés sont validés puis comparés
    modèle à modèle (une fiche renumérotée est reconnue). Le format github écrit le Markdown dans
    le résumé de l'étape ($GITHUB_STEP_SUMMARY) et l'affiche.

    Exemples : acv diff · acv diff origin/main --format md · acv diff --from-data avenant-2/ --to-data avenant-3/
    """
    from acvkit import api

    resultat = api.diff(data, list(revisions), before=before, after=after, as_of=parse_as_of(as_of))
    api.render_diff(resultat, output_format, sys.stdout)
    raise Exit(1 if exit_code and not resultat.vide else 0)
