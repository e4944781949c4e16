"""La ligne de commande en français, par les moyens que Click prévoit pour cela.

Click est étendu, jamais corrigé : des classes de commande, de groupe, d'argument et d'option
(le paramètre `cls=` de ses décorateurs), des types de paramètres (`click.ParamType`), et son
mode non autonome (`standalone_mode=False`), dont les exceptions sont rendues ici à partir de
leurs attributs publics (l'option inconnue, le paramètre manquant, les suggestions). Aucun texte
anglais n'est traduit par motif, et rien n'est changé pour le reste du processus.

Pas de catalogue gettext : Click le consulterait selon la langue de la session (LANG,
LANGUAGE), qu'un poste Windows n'a pas ; l'aide et les erreurs seraient alors en anglais.
"""

from __future__ import annotations

import difflib
import inspect
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

import click
from click.shell_completion import CompletionItem

from acvkit.cli.help_text import (
    NBSP,
    argument_record,
    help_paragraphs,
    option_record,
    reflow,
    typography,
    write_dl,
    write_text,
)

EXIT_USAGE = 2


class Argument(click.Argument):
    """Un argument avec une aide (Click n'en prévoit pas), nommé en capitales dans l'utilisation."""

    def __init__(self, *args: Any, help: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = help

    def make_metavar(self, ctx: click.Context) -> str:
        name = (self.metavar or (self.name or "").upper()).upper()
        if not self.required:
            name = f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


class Option(click.Option):
    """Une option qui peut garder d'anciennes graphies, acceptées mais absentes de l'aide."""

    def __init__(self, *args: Any, former: Sequence[str] = (), **kwargs: Any) -> None:
        # Les anciennes graphies sont des noms de plus de la même option (mêmes valeurs).
        super().__init__([*args[0], *former], *args[1:], **kwargs)
        self.former = tuple(former)

    def shown_names(self) -> list[str]:
        return [name for name in self.opts if name not in self.former]


class Choice(click.ParamType):  # type: ignore[type-arg]  # générique depuis Click 8.5 seulement
    """Une valeur parmi une liste, refusée en français avec la plus proche ; complétée au TAB."""

    name = "choix"

    def __init__(self, choices: Iterable[str], former: dict[str, str] | None = None) -> None:
        self.choices = tuple(choices)
        self.former = dict(former or {})  # ancienne valeur → nouvelle, acceptée sans être montrée

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        texte = str(value)
        texte = self.former.get(texte, texte)
        if texte in self.choices:
            return texte
        self.fail(
            f"« {texte} » n'est pas une valeur possible ({', '.join(self.choices)})"
            + closest(texte, self.choices),
            param,
            ctx,
        )

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(c) for c in self.choices if c.startswith(incomplete)]


class ChoiceList(Choice):
    """Des valeurs séparées par des virgules (html,docx), chacune vérifiée ; rend la liste."""

    name = "liste"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, list):
            return value
        parts = [p.strip() for p in str(value).split(",") if p.strip()]
        if not parts:
            self.fail("liste vide", param, ctx)
        return [Choice.convert(self, p, param, ctx) for p in parts]

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        before, comma, last = incomplete.rpartition(",")
        prefix = before + comma
        return [CompletionItem(prefix + c) for c in self.choices if c.startswith(last)]


class Integer(click.ParamType):  # type: ignore[type-arg]
    """Un nombre entier, refusé en français."""

    name = "entier"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int):
            return value
        texte = str(value).strip()
        if re.fullmatch(r"[+-]?\d+", texte):
            return int(texte)
        self.fail(f"« {texte} » n'est pas un nombre entier", param, ctx)


INTEGER = Integer()


def closest(value: str, candidates: Iterable[str]) -> str:
    found = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {found[0]} » ?" if found else ""


def completion(
    source: Callable[[str], list[tuple[str, str]]],
) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """Une source de complétion (texte tapé → (valeur, aide)) au format de Click."""

    def complete(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(value, help=text or None) for value, text in source(incomplete)]

    return complete


class _French:
    """Ce que les commandes et les groupes d'acv ont en commun : l'aide et l'usage en français."""

    _french_help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        command: click.Command = self  # type: ignore[assignment]
        names = command.get_help_option_names(ctx)
        if not names or not command.add_help_option:
            return None
        if self._french_help is None:

            def show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
                if value and not ctx.resilient_parsing:
                    click.echo(ctx.get_help(), color=ctx.color)
                    ctx.exit()

            self._french_help = click.Option(
                names,
                is_flag=True,
                is_eager=True,
                expose_value=False,
                callback=show_help,
                help="Affiche cette aide et quitte.",
            )
        return self._french_help

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command: click.Command = self  # type: ignore[assignment]
        pieces = command.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=f"Utilisation{NBSP}: ")

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command: click.Command = self  # type: ignore[assignment]
        command.format_usage(ctx, formatter)
        command.format_help_text(ctx, formatter)
        command.format_options(ctx, formatter)
        command.format_epilog(ctx, formatter)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command: click.Command = self  # type: ignore[assignment]
        if command.help:
            formatter.write_paragraph()
            with formatter.indentation():
                write_text(formatter, help_paragraphs(command.help))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command: click.Command = self  # type: ignore[assignment]
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in command.get_params(ctx):
            if getattr(param, "hidden", False):
                continue
            if isinstance(param, click.Argument):
                arguments.append(argument_record(param, ctx))
            elif isinstance(param, click.Option):
                options.append(option_record(param, ctx))
        for titre, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(titre + NBSP):
                    write_dl(formatter, records)
        if isinstance(command, click.Group):
            command.format_commands(ctx, formatter)


class Command(_French, click.Command):
    """Une commande d'acv : aide française, et erreurs de saisie en français."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return _parse_without_extra(super().parse_args, ctx, args)


def _parse_without_extra(
    parse: Callable[[click.Context, list[str]], list[str]],
    ctx: click.Context,
    args: list[str],
) -> list[str]:
    """`parse` avec des arguments en trop refusés par un message français."""
    allowed = ctx.allow_extra_args
    ctx.allow_extra_args = True
    try:
        rest = parse(ctx, args)
    except click.UsageError as exc:
        if exc.ctx is None:  # l'analyseur de Click ne la donne pas : l'aide et l'option la lisent
            exc.ctx = ctx
        raise
    finally:
        ctx.allow_extra_args = allowed
    if rest and not allowed and not ctx.resilient_parsing:
        word = "argument inattendu" if len(rest) == 1 else "arguments inattendus"
        raise click.UsageError(f"{word} : {' '.join(rest)}", ctx)
    return rest


class Group(_French, click.Group):
    """Un groupe de commandes d'acv ; d'anciens noms de commande restent acceptés, cachés."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return _parse_without_extra(super().parse_args, ctx, args)

    command_class = Command
    group_class: type[click.Group | type] | None = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "COMMANDE [ARGUMENTS]...")
        kwargs.setdefault("options_metavar", "[OPTIONS]")
        super().__init__(*args, **kwargs)
        self.former: dict[str, str] = {}  # ancien nom → nom actuel

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, self.former.get(cmd_name, cmd_name))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            if name.startswith("-"):
                self.parse_args(ctx, args)  # une option inconnue : Click la signale
            visible = self.list_commands(ctx)
            raise click.UsageError(f"commande inconnue « {name} »{closest(name, visible)}", ctx)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            short = command.get_short_help_str(limit=formatter.width - 6 - len(name))
            rows.append((name, typography(_summary(command.help or short))))
        if rows:
            with formatter.section("Commandes" + NBSP):
                write_dl(formatter, rows)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click en mode non autonome ; ses exceptions rendues en français, puis la sortie."""
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            assert exc.ctx is not None
            click.echo(exc.ctx.get_help(), err=True)
            code = EXIT_USAGE
        except click.ClickException as exc:
            show_error(exc)
            code = exc.exit_code
        except click.Abort:
            click.echo("Interrompu.", err=True)
            code = 1
        else:
            code = result if isinstance(result, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _summary(texte: str) -> str:
    first = inspect.cleandoc(texte).split("\n\n")[0]
    return reflow(first)


# --- Les erreurs de saisie ---------------------------------------------------------------------


def _hint(param: click.Parameter | None, ctx: click.Context | None) -> str:
    if param is None:
        return "la valeur"
    if isinstance(param, click.Argument):
        return param.make_metavar(ctx) if ctx is not None else (param.name or "").upper()
    names = param.shown_names() if isinstance(param, Option) else list(param.opts)
    longs = [n for n in names if n.startswith("--")]
    return (longs or names or [param.name or ""])[0]


def _option_of(ctx: click.Context | None, name: str) -> click.Option | None:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def error_message(exc: click.ClickException) -> str:
    """Le message français d'une exception de Click, tiré de ses attributs."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.exceptions.NoSuchOption):
        message = f"option inconnue : {exc.option_name}"
        if exc.possibilities:
            message += f" ; vouliez-vous dire {' ou '.join(sorted(exc.possibilities))} ?"
        return message
    if isinstance(exc, click.exceptions.MissingParameter):
        param = exc.param
        if isinstance(param, click.Argument):
            return f"argument {_hint(param, ctx)} manquant"
        text = f" ({param.help})" if param is not None and param.help else ""
        return f"option {_hint(param, ctx)} manquante{text}"
    if isinstance(exc, click.exceptions.BadOptionUsage):
        option = _option_of(ctx, exc.option_name)
        if option is not None and (option.is_flag or option.count):
            return f"l'option {exc.option_name} ne prend pas de valeur"
        return f"l'option {exc.option_name} demande une valeur"
    if isinstance(exc, click.exceptions.BadParameter):
        return f"valeur invalide pour {_hint(exc.param, ctx)} : {exc.message}"
    if isinstance(exc, click.exceptions.BadArgumentUsage):
        return "arguments mal écrits"
    return exc.message


def show_error(exc: click.ClickException) -> None:
    """L'utilisation, où trouver l'aide, puis l'erreur : sur la sortie d'erreur."""
    ctx = getattr(exc, "ctx", None)
    message = error_message(exc)
    lines = []
    if isinstance(exc, click.UsageError) and not isinstance(exc, Refused) and ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"Essayez « {ctx.command_path} --help » pour l'aide.")
        lines.append("")
    lines.append(f"Erreur : {message}")
    click.echo("\n".join(lines), err=True)


class Refused(click.UsageError):
    """Une commande qu'acv ne peut pas suivre telle quelle, découverte par la commande elle-même
    (option incohérente, fichier introuvable, écriture impossible) : sortie 2, le message seul."""


def fail(message: str) -> NoReturn:
    """Une commande refusée par la commande elle-même : sortie 2 (voir Refused)."""
    raise Refused(message)
