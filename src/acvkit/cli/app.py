"""L'interface en ligne de commande `acv` : lit les options, appelle la bibliothèque, affiche."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from acvkit import __version__
from acvkit.cli.group import AcvGroup
from acvkit.cli.i18n import localize
from acvkit.reporters import MODULES as REPORTER_NAMES

if TYPE_CHECKING:
    from collections.abc import Callable

    from acvkit.loading import Dataset

localize()

app = typer.Typer(
    name="acv",
    cls=AcvGroup,
    options_metavar="[OPTIONS]",
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)


def _discover_data(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """Sans --data : le dossier de données est cherché en remontant depuis le dossier courant."""
    source = ctx.get_parameter_source(param.name) if param.name else None
    if source is not None and source.name == "DEFAULT":
        from acvkit.workspace import default_data

        ctx.meta["acv_data_discovered"] = True
        return default_data(value)
    return value


DataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        help="Dossier des données (programme.yaml, fiches/…), cherché par défaut en remontant "
        "depuis le dossier courant.",
        show_default=True,
        callback=_discover_data,
    ),
]


# Les formats de `acv validate` : les clés du registre des vues, jamais répétées ici.
FormatValidate = StrEnum("FormatValidate", {name: name for name in REPORTER_NAMES})  # type: ignore[misc]
TEXT = FormatValidate("text")

P = ParamSpec("P")
R = TypeVar("R")


def fail_usage(message: str) -> typer.Exit:
    typer.echo(f"Erreur : {message}", err=True)
    return typer.Exit(2)


def handled(command: Callable[P, R]) -> Callable[P, R]:
    """Une erreur expliquée (AcvError) devient son message : sortie 2 pour une commande mal
    écrite, 1 sinon ; des données en erreur sont d'abord montrées."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        from acvkit.errors import AcvError, UsageError
        from acvkit.linting.report import InvalidData

        try:
            return command(*args, **kwargs)
        except UsageError as exc:
            raise fail_usage(str(exc)) from exc
        except InvalidData as exc:
            from acvkit.reporters import ReportOptions, reporter

            reporter("text")(exc.report, sys.stderr, ReportOptions())
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from exc
        except AcvError as exc:
            from acvkit.safe_text import visible

            typer.echo(f"Erreur : {visible(str(exc))}", err=True)
            raise typer.Exit(1) from exc

    return run


# La date du rapport de suivi (validate, suivi, build) ; lue par parse_as_of.
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--au",
        help="Date du rapport de suivi (AAAA-MM-JJ ou JJ/MM/AAAA) ; sinon SOURCE_DATE_EPOCH, "
        "sinon aujourd'hui.",
    ),
]


def parse_as_of(texte: str | None) -> date | None:
    """La date de --au, ou None (la date du rapport sera alors SOURCE_DATE_EPOCH ou aujourd'hui)."""
    if texte is None:
        return None
    from acvkit.suivi.dates import DateError, parse_date

    try:
        return parse_date(texte)
    except DateError as exc:
        raise fail_usage(f"--au : {exc}") from exc


def _version(value: bool) -> None:
    if value:
        typer.echo(f"acv {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Affiche la version et quitte."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="N'affiche que l'essentiel (problèmes, erreurs).")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Affiche aussi la configuration et les détails.")
    ] = False,
) -> None:
    """Le programme Action Cœur de Ville comme des données versionnées : valider, chiffrer, publier.

    Les couleurs s'éteignent quand la sortie n'est pas un terminal, ou avec NO_COLOR=1.

    Exemples : [bold]acv validate[/] · [bold]acv costs --by collectivite[/] · [bold]acv -q build[/]
    """
    ctx.obj = Verbosity(quiet=quiet and not verbose, verbose=verbose)


@dataclass(frozen=True)
class Verbosity:
    quiet: bool = False
    verbose: bool = False


def verbosity_of(ctx: typer.Context) -> Verbosity:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Verbosity) else Verbosity()


def load_clean(data: Path, as_of: date | None = None) -> Dataset:
    """Les données, sans erreur ; sinon `InvalidData`, que `handled` affiche (sortie 1)."""
    from acvkit import api

    return api.load_valid(data, as_of=as_of)


# --- acv init -----------------------------------------------------------------------------------


# --- Suivi après la signature (acv suivi, acv new suivi) ---------------------------------------


# --- acv diff ------------------------------------------------------------------------------------


# --- acv indicateurs (issue #18) ---------------------------------------------------------------
