"""acv validate : les diagnostics des données, dans la forme choisie."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

import acvkit.cli.completion as completion
from acvkit.cli.app import (
    FORMATS_VALIDATE,
    Exit,
    app,
    argument,
    as_of_option,
    data_option,
    format_option,
    handled,
    option,
    parse_as_of,
    verbosity_of,
)
from acvkit.cli.french import completion as complete_with


@app.command()
@argument(
    "paths",
    nargs=-1,
    type=click.Path(path_type=Path),
    metavar="CHEMINS",
    help="Fichiers ou dossiers dont montrer les diagnostics ; tout le dossier de données "
    "est lu quand même (les règles croisent les fichiers).",
)
@data_option
@format_option(FORMATS_VALIDATE, "text")
@option(
    "--select",
    "select",
    multiple=True,
    metavar="CODES",
    shell_complete=complete_with(completion.rule_codes),
    help="Règles à appliquer (codes ou préfixes, séparés par des virgules).",
)
@option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="CODES",
    shell_complete=complete_with(completion.rule_codes),
    help="Règles à ne pas appliquer (codes ou préfixes).",
)
@option("--strict", is_flag=True, help="Traite les avertissements comme des erreurs (sortie 1).")
@option(
    "--baseline",
    type=click.Path(path_type=Path),
    metavar="FICHIER",
    help="Ligne de base : créée si absente, puis seuls les nouveaux problèmes sont signalés.",
)
@option("--no-cache", is_flag=True, help="Relit tous les fichiers (sans le cache .acv-cache/).")
@as_of_option
@option(
    "--output-file",
    "-o",
    "output_file",
    type=click.Path(path_type=Path),
    metavar="FICHIER",
    help="Écrit le rapport dans ce fichier ; le bilan reste affiché.",
)
@option("--exit-zero", is_flag=True, help="Sort avec 0 même s'il y a des erreurs.")
@option("--statistics", is_flag=True, help="Le nombre de diagnostics de chaque code.")
@option("--no-warnings", is_flag=True, help="Ne montre que les erreurs.")
@click.pass_context
@handled
def validate(
    ctx: click.Context,
    paths: tuple[Path, ...],
    data: Path,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    baseline: Path | None,
    no_cache: bool,
    as_of: str | None,
    output_file: Path | None,
    exit_zero: bool,
    statistics: bool,
    no_warnings: bool,
) -> None:
    """Vérifie les données et signale chaque problème sous la forme `fichier:ligne:col: CODE message`.

    Code de sortie : 0 sans erreur, 1 s'il y a au moins une erreur, 2 pour une commande mal écrite
    (voir docs/commandes.md). Les options --select et --ignore l'emportent sur la configuration
    (acv.toml ou [tool.acv]).

    Exemples : acv validate · acv validate fiches/ville-sur-val ·
    acv validate --format sarif --output-file acv.sarif
    """
    from acvkit import api
    from acvkit.cli.validate_run import after_lint, before_lint, write_report
    from acvkit.reporters import reporter

    verbosity = verbosity_of(ctx)
    data, selection = before_lint(ctx, data, list(paths))
    config = api.load_config(
        api.check_data_dir(data), select=list(select) or None, ignore=list(ignore) or None
    )
    validation = api.validate(
        data,
        config,
        cache=not no_cache,
        as_of=parse_as_of(as_of),
        baseline=baseline,
        strict=strict,
        describe_config=verbosity.verbose and output_format == "text",
    )
    if validation.baseline_created is not None:
        click.echo(
            f"Ligne de base créée : {baseline} ({validation.baseline_created} diagnostic(s) connus).",
            err=True,
        )
    report = after_lint(ctx, validation.report, data, selection, no_warnings=no_warnings)
    options = api.report_options(data, output_format, quiet=verbosity.quiet)
    options = replace(options, docs_base=config.documentation)
    write_report(report, reporter(output_format), options, output_file, statistics=statistics)
    raise Exit(1 if report.errors and not exit_zero else 0)
