"""acv validate : les diagnostics des données, dans la forme choisie."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import acvkit.cli.completion as completion
from acvkit.cli.app import (
    TEXT,
    AsOfOption,
    DataOption,
    FormatValidate,
    app,
    handled,
    parse_as_of,
    verbosity_of,
)

if TYPE_CHECKING:
    pass


@app.command()
@handled
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Fichiers ou dossiers dont montrer les diagnostics ; tout le dossier de données "
            "est lu quand même (les règles croisent les fichiers).",
            show_default=False,
            metavar="CHEMINS",
        ),
    ] = None,
    data: DataOption = Path("data"),
    output_format: Annotated[
        FormatValidate, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = TEXT,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Règles à appliquer (codes ou préfixes, séparés par des virgules).",
            autocompletion=completion.rule_codes,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Règles à ne pas appliquer (codes ou préfixes).",
            autocompletion=completion.rule_codes,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Traite les avertissements comme des erreurs (sortie 1)."),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Ligne de base : créée si absente, puis seuls les nouveaux problèmes sont signalés.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Relit tous les fichiers (sans le cache .acv-cache/)."),
    ] = False,
    as_of: AsOfOption = None,
    output_file: Annotated[
        Path | None,
        typer.Option(
            "--output-file",
            "-o",
            help="Écrit le rapport dans ce fichier ; le bilan reste affiché.",
            show_default=False,
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Sort avec 0 même s'il y a des erreurs.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Le nombre de diagnostics de chaque code.")
    ] = False,
    no_warnings: Annotated[
        bool, typer.Option("--no-warnings", help="Ne montre que les erreurs.")
    ] = False,
) -> None:
    """Vérifie les données et signale chaque problème sous la forme `fichier:ligne:col: CODE message`.

    Code de sortie : 0 sans erreur, 1 s'il y a au moins une erreur, 2 pour une commande mal écrite.
    Les options --select et --ignore l'emportent sur la configuration (acv.toml ou \\[tool.acv]).

    Exemples : [bold]acv validate[/] · [bold]acv validate fiches/ville-sur-val[/] ·
    [bold]acv validate --format sarif --output-file acv.sarif[/]
    """
    from acvkit import api
    from acvkit.cli.validate_run import after_lint, before_lint, write_report
    from acvkit.reporters import reporter

    verbosity = verbosity_of(ctx)
    data, selection = before_lint(ctx, data, paths or [])
    config = api.load_config(api.check_data_dir(data), select=select, ignore=ignore)
    validation = api.validate(
        data,
        config,
        cache=not no_cache,
        as_of=parse_as_of(as_of),
        baseline=baseline,
        strict=strict,
        describe_config=verbosity.verbose and output_format.value == "text",
    )
    if validation.baseline_created is not None:
        typer.echo(
            f"Ligne de base créée : {baseline} ({validation.baseline_created} diagnostic(s) connus).",
            err=True,
        )
    report = after_lint(ctx, validation.report, data, selection, no_warnings=no_warnings)
    options = api.report_options(data, output_format.value, quiet=verbosity.quiet)
    options = replace(options, docs_base=config.documentation)
    write_report(report, reporter(output_format.value), options, output_file, statistics=statistics)
    raise typer.Exit(1 if report.errors and not exit_zero else 0)
