"""acv build : les annexes et le tableur ANCT."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from acvkit.cli.app import (
    app,
    as_of_option,
    data_option,
    handled,
    load_clean,
    option,
    parse_as_of,
    verbosity_of,
)
from acvkit.cli.french import ChoiceList

if TYPE_CHECKING:
    from acvkit.api import Built

# Les formats de acvkit.annexes.runner.ALL_FORMATS (un test vérifie qu'ils sont les mêmes).
FORMATS = ["html", "md", "docx", "xlsx", "odt", "pdf"]


def _print_build(built: Built, out: Path, verbose: bool) -> None:
    """Le tableau des fichiers écrits (et, avec -v, inchangés), puis le bilan."""
    from rich.console import Console
    from rich.table import Table

    # Le bandeau sur sa propre ligne : en titre du tableau, rich le couperait à sa largeur.
    click.echo(f"Documents produits dans {out}/ (formats : {', '.join(built.formats)})")
    table = Table(header_style="bold", box=None)
    table.add_column("Fichier", overflow="fold")
    table.add_column("Taille", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    written = set(built.written)
    for relative, size in built.sizes.items():
        state = "écrit" if relative in written else "inchangé"
        if relative in written or verbose:
            table.add_row(relative, f"{size / 1024:.1f} Ko".replace(".", ","), state)
    Console().print(table)
    click.echo(f"{len(built.written)} fichier(s) écrit(s), {len(built.unchanged)} inchangé(s).")


@app.command()
@data_option
@option(
    "--out",
    "-o",
    "out",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    metavar="DOSSIER",
    help="Dossier de sortie.",
)
@option(
    "--format",
    "-f",
    "formats",
    type=ChoiceList(FORMATS),
    multiple=True,
    metavar="FORMATS",
    help="Formats, séparés par des virgules ; par défaut html,md,docx,xlsx (odt et pdf "
    "demandent LibreOffice).",
)
@option(
    "--templates",
    type=click.Path(path_type=Path),
    metavar="DOSSIER",
    help="Dossier de gabarits qui remplace celui d'acvkit.",
)
@option(
    "--from-ref",
    "since",
    former=("--depuis",),
    metavar="RÉVISION",
    help="Révision git de la version précédente : ajoute l'annexe « modifications ».",
)
@option(
    "--titre-modifications",
    "titre_modifications",
    metavar="TEXTE",
    help="Titre de l'annexe « modifications » (« Modifications apportées par l'avenant n°3 », "
    "« Suivi du premier semestre 2025 ») ; sinon un titre neutre.",
)
@option(
    "--signature",
    "a_signer",
    is_flag=True,
    help="La copie à signer : sans points d'attention, dite « version à signer » avec sa date ; "
    "refusée tant qu'il reste un texte provisoire (XXXXXXX) ou un « à déterminer » interdit par "
    "acv.toml (a-determiner-interdit).",
)
@as_of_option
@click.pass_context
@handled
def build(
    ctx: click.Context,
    data: Path,
    out: Path,
    formats: tuple[list[str], ...],
    templates: Path | None,
    since: str | None,
    titre_modifications: str | None,
    a_signer: bool,
    as_of: str | None,
) -> None:
    """Produit les annexes de l'avenant (HTML, Markdown, DOCX) et le tableur ANCT depuis les données.

    Refuse de construire à partir de données en erreur. Chaque fichier est écrit d'un coup (les
    anciens restent intacts si le build échoue). Avec SOURCE_DATE_EPOCH, mêmes données = mêmes
    octets. Demande les dépendances des documents : pip install "acvkit[documents]".

    Exemples : acv build · acv build --format html,xlsx --out public
    """
    from rich.console import Console

    from acvkit import api
    from acvkit.cli.documents import require_documents

    wanted = api.parse_formats([name for group in formats for name in group])
    require_documents("acv build")
    dataset = load_clean(data, parse_as_of(as_of))
    api.templates_dir(templates)  # refusé avant tout calcul s'il n'existe pas
    with Console(stderr=True).status("Production des annexes…") as status:
        built = api.build(
            dataset,
            out,
            wanted,
            templates,
            since=since,
            titre_modifications=titre_modifications,
            a_signer=a_signer,
            progress=lambda step: status.update(f"Production des annexes : {step}…"),
        )
    verbosity = verbosity_of(ctx)
    if not verbosity.quiet:
        _print_build(built, out, verbosity.verbose)
