"""L'interface en ligne de commande `acv` : lit les options, appelle la bibliothèque, affiche."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from acvkit import __version__
from acvkit.cli_fr import franciser

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
) -> None:
    """Vérifie les données et signale chaque problème sous la forme `fichier:ligne:col: CODE message`.

    Code de sortie : 0 sans erreur, 1 s'il y a au moins une erreur, 2 pour une commande mal écrite.

    Exemple : [bold]acv validate --data data --format github[/]
    """
    from acvkit.config import ConfigError, load_config
    from acvkit.linter import lint
    from acvkit.reporters import REPORTERS
    from acvkit.rules import ALL_RULES

    _check_data(data)
    try:
        config = load_config(data, set(ALL_RULES))
    except ConfigError as exc:
        raise _fail_usage(str(exc)) from exc
    report = lint(data, config, display_root=data.as_posix())
    REPORTERS[output_format.value](report, sys.stdout)
    raise typer.Exit(1 if report.errors else 0)


def main() -> None:
    app(prog_name="acv")
