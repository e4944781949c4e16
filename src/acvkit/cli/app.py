"""L'interface en ligne de commande `acv` : lit les options, appelle la bibliothèque, affiche.

Écrite avec Click (acvkit.cli.french : aide et erreurs en français). Chaque module de commande
s'enregistre sur `app` ; `acv --help` les présente dans l'ordre d'import (acvkit.cli).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import click

from acvkit.cli.french import Choice, Group, Option, Refused
from acvkit.cli.group import hoist_global_flags
from acvkit.reporters import MODULES as REPORTER_NAMES

if TYPE_CHECKING:
    from acvkit.loading import Dataset

Exit = click.exceptions.Exit
echo = click.echo
P = ParamSpec("P")
R = TypeVar("R")


class RootGroup(Group):
    """Le groupe racine d'`acv` : options globales (-q, -v) acceptées à toute place."""

    group_class = Group

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_flags(list(args)))


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from acvkit import __version__

        click.echo(f"acv {__version__}")
        ctx.exit()


def _shell() -> str:
    import os

    shell = Path(os.environ.get("SHELL", "")).name
    if shell not in ("bash", "zsh", "fish"):
        raise fail_usage(
            f"shell non reconnu « {shell or 'aucun'} » : la complétion existe pour bash, zsh et "
            "fish (la variable SHELL dit lequel)"
        )
    return shell


def _completion_script(ctx: click.Context, shell: str) -> str:
    from click.shell_completion import get_completion_class

    completion_class = get_completion_class(shell)
    assert completion_class is not None
    return completion_class(ctx.find_root().command, {}, "acv", "_ACV_COMPLETE").source()


def _show_completion(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_completion_script(ctx, _shell()))
        ctx.exit()


def _install_completion(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Le script de complétion écrit dans le dossier de l'utilisateur, lu au démarrage du shell."""
    if not value or ctx.resilient_parsing:
        return
    from acvkit.writing.atomic import atomic_write_text

    shell = _shell()
    home = Path.home()
    if shell == "fish":
        script = home / ".config/fish/completions/acv.fish"
    else:
        script = home / f".acv-completion.{shell}"
        rc = home / f".{shell}rc"
        line = f"source {script}"
        existing = rc.read_text(encoding="utf-8") if rc.exists() else ""
        if line not in existing.splitlines():
            separator = "" if not existing or existing.endswith("\n") else "\n"
            atomic_write_text(rc, f"{existing}{separator}{line}\n")
    script.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(script, _completion_script(ctx, shell))
    click.echo(f"Complétion {shell} installée dans {script}.")
    click.echo("Elle prendra effet au prochain démarrage du terminal.")
    ctx.exit()


@dataclass(frozen=True)
class Verbosity:
    quiet: bool = False
    verbose: bool = False


@click.group(
    "acv",
    cls=RootGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_version,
    help="Affiche la version et quitte.",
)
@click.option(
    "--install-completion",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_install_completion,
    help="Installe la complétion pour le shell courant (bash, zsh, fish).",
)
@click.option(
    "--show-completion",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_show_completion,
    help="Affiche le script de complétion du shell courant, pour le copier ou l'adapter.",
)
@click.option("-q", "--quiet", is_flag=True, help="N'affiche que l'essentiel (problèmes, erreurs).")
@click.option(
    "-v", "--verbose", is_flag=True, help="Affiche aussi la configuration et les détails."
)
@click.pass_context
def app(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Le programme Action Cœur de Ville comme des données versionnées : valider, chiffrer, publier.

    Les couleurs s'éteignent quand la sortie n'est pas un terminal, ou avec NO_COLOR=1.

    Exemples : acv validate · acv couts --by collectivite · acv -q build
    """
    ctx.obj = Verbosity(quiet=quiet and not verbose, verbose=verbose)


def verbosity_of(ctx: click.Context) -> Verbosity:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Verbosity) else Verbosity()


def _discover_data(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """Sans --data : le dossier de données est cherché en remontant depuis le dossier courant.

    Une écriture interrompue dans ce dossier (processus tué) y est d'abord terminée ou annulée.
    """
    source = ctx.get_parameter_source(param.name) if param.name else None
    if source is not None and source.name == "DEFAULT":
        from acvkit.workspace import default_data

        ctx.meta["acv_data_discovered"] = True
        value = default_data(value)
    if not ctx.resilient_parsing:
        recover_interrupted(value)
    return value


def recover_interrupted(folder: Path) -> None:
    """Termine ou annule l'écriture interrompue de `folder` (acvkit.writing), en le disant."""
    from acvkit.writing.journal import pending

    if not pending(folder):
        return
    from acvkit.errors import WriteError
    from acvkit.safe_text import visible
    from acvkit.writing.journal import recover

    try:
        done = recover(folder)
    except WriteError as exc:
        raise fail_usage(visible(str(exc))) from exc
    if done:
        click.echo(f"Note : {visible(done)}.", err=True)


def data_option(command: Callable[P, R]) -> Callable[P, R]:
    """--data, -d : le dossier des données."""
    return click.option(
        "--data",
        "-d",
        "data",
        cls=Option,
        type=click.Path(path_type=Path),
        default=Path("data"),
        show_default=True,
        metavar="DOSSIER",
        callback=_discover_data,
        help="Dossier des données (programme.yaml, fiches/…), cherché par défaut en remontant "
        "depuis le dossier courant.",
    )(command)


def as_of_option(command: Callable[P, R]) -> Callable[P, R]:
    """--date-rapport : la date du rapport de suivi (validate, suivi, build) ; lue par parse_as_of."""
    return click.option(
        "--date-rapport",
        "as_of",
        cls=Option,
        former=("--au",),
        metavar="DATE",
        help="Date du rapport de suivi (AAAA-MM-JJ ou JJ/MM/AAAA) ; sinon SOURCE_DATE_EPOCH, "
        "sinon aujourd'hui.",
    )(command)


def format_option(
    choices: list[str], default: str, former: dict[str, str] | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """--format, -f : la forme de la sortie, parmi des valeurs complétées au TAB."""
    return click.option(
        "--format",
        "-f",
        "output_format",
        cls=Option,
        type=Choice(choices, former),
        default=default,
        show_default=True,
        metavar="FORMAT",
        help="Forme de la sortie.",
    )


# Les formats de `acv validate` : les clés du registre des vues, jamais répétées ici.
FORMATS_VALIDATE = list(REPORTER_NAMES)


def fail_usage(message: str) -> click.UsageError:
    """Une commande mal écrite (sortie 2), à lever : `raise fail_usage(...)`."""
    return Refused(message)


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
            click.echo(str(exc), err=True)
            raise Exit(1) from exc
        except AcvError as exc:
            from acvkit.errors import ResultRefused
            from acvkit.safe_text import visible

            for line in exc.lines if isinstance(exc, ResultRefused) else []:
                click.echo(visible(line), err=True)
            click.echo(f"Erreur : {visible(str(exc))}", err=True)
            raise Exit(1) from exc

    return run


def parse_as_of(texte: str | None) -> date | None:
    """La date de --date-rapport, ou None (SOURCE_DATE_EPOCH ou aujourd'hui)."""
    if texte is None:
        return None
    from acvkit.suivi.dates import DateError, parse_date

    try:
        return parse_date(texte)
    except DateError as exc:
        raise fail_usage(f"--date-rapport : {exc}") from exc


def load_clean(data: Path, as_of: date | None = None) -> Dataset:
    """Les données, sans erreur ; sinon `InvalidData`, que `handled` affiche (sortie 1)."""
    from acvkit import api

    return api.load_valid(data, as_of=as_of)


def argument(name: str, **kwargs: Any) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Un argument avec son aide (acvkit.cli.french.Argument)."""
    from acvkit.cli.french import Argument

    return click.argument(name, cls=Argument, **kwargs)


def option(*names: str, **kwargs: Any) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Une option d'acv (acvkit.cli.french.Option : anciennes graphies cachées)."""
    return click.option(*names, cls=Option, **kwargs)
