"""L'interface en ligne de commande `acv` : lit les options, appelle la bibliothèque, affiche."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acvkit import __version__
from acvkit.cli_fr import franciser

if TYPE_CHECKING:
    from acvkit.loading import Dataset

franciser()

app = typer.Typer(
    name="acv",
    help="Le programme Action Cœur de Ville comme des données versionnées : valider, chiffrer, publier.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)

DataOption = Annotated[
    Path,
    typer.Option(
        "--data", "-d", help="Dossier des données (programme.yaml, fiches/…).", show_default=True
    ),
]


class FormatValidate(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"


def _codes(values: list[str] | None) -> list[str]:
    """`--select INT,MON --select CAL` → ["INT", "MON", "CAL"]."""
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def _fail_usage(message: str) -> typer.Exit:
    typer.echo(f"Erreur : {message}", err=True)
    return typer.Exit(2)


def _check_data(data: Path) -> None:
    if not data.is_dir():
        raise _fail_usage(f"le dossier de données « {data} » n'existe pas (option --data)")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"acv {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Affiche la version et quitte."
        ),
    ] = False,
) -> None:
    """Le programme Action Cœur de Ville comme des données versionnées : valider, chiffrer, publier."""


@app.command()
def validate(
    data: DataOption = Path("data"),
    output_format: Annotated[
        FormatValidate, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatValidate.text,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", help="Règles à appliquer (codes ou préfixes, séparés par des virgules)."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Règles à ne pas appliquer (codes ou préfixes)."),
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
) -> None:
    """Vérifie les données et signale chaque problème sous la forme `fichier:ligne:col: CODE message`.

    Code de sortie : 0 sans erreur, 1 s'il y a au moins une erreur, 2 pour une commande mal écrite.
    Les options --select et --ignore l'emportent sur la configuration (acv.toml ou [tool.acv]).

    Exemple : [bold]acv validate --data data --format github --ignore CON004[/]
    """
    import os

    from acvkit.baseline import BaselineError, apply_baseline, write_baseline
    from acvkit.config import ConfigError, load_config, parse_config
    from acvkit.linter import lint, strict_report
    from acvkit.reporters import REPORTERS, ReportOptions, repo_relative
    from acvkit.rules import ALL_RULES

    _check_data(data)
    try:
        config = load_config(data, set(ALL_RULES))
        overrides = parse_config(
            {"select": _codes(select), "ignore": _codes(ignore)},
            "ligne de commande",
            set(ALL_RULES),
        )
    except ConfigError as exc:
        raise _fail_usage(str(exc)) from exc
    if select:
        config.select = overrides.select
    if ignore:
        config.ignore = overrides.ignore
    display = data.as_posix()
    report = lint(data, config, display_root=display)
    if baseline is not None:
        if not baseline.exists():
            count = write_baseline(report, baseline, display)
            typer.echo(
                f"Ligne de base créée : {baseline} ({count} diagnostic(s) connus).", err=True
            )
        try:
            report = apply_baseline(report, baseline, display)
        except BaselineError as exc:
            raise _fail_usage(str(exc)) from exc
    if strict:
        report = strict_report(report)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    options = ReportOptions(
        repo_path=repo_relative(data, Path.cwd()),
        step_summary=Path(summary) if summary and output_format is FormatValidate.github else None,
    )
    REPORTERS[output_format.value](report, sys.stdout, options)
    raise typer.Exit(1 if report.errors else 0)


class Dimension(StrEnum):
    axe = "axe"
    sous_axe = "sous-axe"
    collectivite = "collectivite"
    maitre_ouvrage = "maitre-ouvrage"
    financeur = "financeur"
    annee = "annee"
    type = "type"


class FormatCouts(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _load_clean(data: Path) -> Dataset:
    """Charge les données ; s'il y a des erreurs, les affiche et sort avec le code 1."""
    from acvkit.config import ConfigError, load_config
    from acvkit.linter import lint
    from acvkit.reporters import REPORTERS, ReportOptions
    from acvkit.rules import ALL_RULES

    _check_data(data)
    try:
        config = load_config(data, set(ALL_RULES))
    except ConfigError as exc:
        raise _fail_usage(str(exc)) from exc
    report = lint(data, config, display_root=data.as_posix())
    if report.errors:
        report.diagnostics = report.errors
        REPORTERS["text"](report, sys.stderr, ReportOptions())
        typer.echo(
            "Les données comportent des erreurs : corrigez-les d'abord (acv validate).", err=True
        )
        raise typer.Exit(1)
    return report.dataset


@app.command()
def costs(
    data: DataOption = Path("data"),
    by: Annotated[
        list[Dimension] | None,
        typer.Option("--by", "-b", help="Regroupement ; plusieurs --by font un tableau croisé."),
    ] = None,
    output_format: Annotated[
        FormatCouts, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatCouts.table,
) -> None:
    """Coûts et financements exacts au centime, par axe, sous-axe, collectivité, financeur, année ou type.

    HT, TTC et base non précisée ne sont jamais additionnés en silence. Le JSON est stable
    (montants en texte, « 1712934.00 ») ; le CSV est au format des tableurs français (« ; » et virgule).

    Exemples : [bold]acv costs --by collectivite[/] · [bold]acv costs --by axe --by collectivite --format csv[/]
    """
    from rich.console import Console

    from acvkit.aggregation import DimensionError, aggregate_dataset
    from acvkit.costs_output import to_csv, to_json, to_table

    dataset = _load_clean(data)
    dimensions = tuple(d.value for d in by or [Dimension.axe])
    try:
        agregat = aggregate_dataset(dataset, dimensions)
    except DimensionError as exc:
        raise _fail_usage(str(exc)) from exc
    if output_format is FormatCouts.json:
        sys.stdout.write(to_json(agregat))
    elif output_format is FormatCouts.csv:
        sys.stdout.write(to_csv(agregat))
    else:
        Console(soft_wrap=False).print(to_table(agregat))


@app.command("list")
def list_fiches(
    data: DataOption = Path("data"),
    axe: Annotated[
        str | None, typer.Option("--axe", help="Numéro d'axe (1 à 5) ou sous-axe (4.2).")
    ] = None,
    collectivite: Annotated[
        str | None, typer.Option("--collectivite", help="Identifiant de collectivité.")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="etude ou action.")] = None,
    statut: Annotated[
        str | None, typer.Option("--statut", help="a_engager, en_cours, livree…")
    ] = None,
) -> None:
    """Liste les fiches action, filtrées par axe, collectivité, type ou statut.

    Exemple : [bold]acv list --collectivite bruay-la-buissiere --type action[/]
    """
    from rich.console import Console

    from acvkit.fiche_view import fiches_table, matches

    dataset = _load_clean(data)
    fiches = [
        e.model
        for e in dataset.fiches_triees()
        if matches(e.model, axe=axe, collectivite=collectivite, type_=type_, statut=statut)
    ]
    Console(soft_wrap=False).print(fiches_table(fiches, dataset))


@app.command()
def show(
    numero: Annotated[int, typer.Argument(help="Numéro de la fiche, par exemple 62.")],
    data: DataOption = Path("data"),
) -> None:
    """Affiche une fiche action, ses totaux calculés et ses diagnostics.

    Exemple : [bold]acv show 62[/]
    """
    from rich.console import Console

    from acvkit.config import load_config
    from acvkit.fiche_view import fiche_renderables
    from acvkit.linter import lint
    from acvkit.rules import ALL_RULES

    _check_data(data)
    report = lint(data, load_config(data, set(ALL_RULES)), display_root=data.as_posix())
    entry = next((e for e in report.dataset.fiches if e.model.numero == numero), None)
    if entry is None:
        raise _fail_usage(f"aucune fiche FA {numero} lisible dans « {data} »")
    diagnostics = [d for d in report.diagnostics if d.path == entry.doc.path]
    console = Console(soft_wrap=False)
    for renderable in fiche_renderables(entry.model, report.dataset, diagnostics):
        console.print(renderable)


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(help="Code d'une règle, par exemple CON002.")
    ] = None,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Toute la documentation en Markdown (docs/regles.md)."),
    ] = False,
) -> None:
    """Liste les règles de `acv validate`, ou affiche la documentation complète de l'une d'elles.

    Exemples : [bold]acv rules[/] · [bold]acv rules CON002[/] · [bold]acv rules --markdown[/]
    """
    from rich.console import Console
    from rich.table import Table

    from acvkit.rules import ALL_RULES
    from acvkit.rules.base import suggest
    from acvkit.rules_doc import markdown as rules_markdown
    from acvkit.rules_doc import rule_text

    if markdown:
        typer.echo(rules_markdown(), nl=False)
        return
    if code is not None:
        rule = ALL_RULES.get(code.upper())
        if rule is None:
            raise _fail_usage(f"règle inconnue « {code} »{suggest(code.upper(), ALL_RULES)}")
        typer.echo(rule_text(rule))
        return
    table = Table(box=None, show_header=True, header_style="bold")
    for titre in ("Code", "Gravité", "Nom", "Ce qu'elle signale"):
        table.add_column(titre)
    for r in ALL_RULES.values():
        table.add_row(r.code, r.severity.libelle, r.name, r.summary)
    Console(soft_wrap=False).print(table)


def main() -> None:
    app(prog_name="acv")
