"""L'interface de Typer et Click en français : aide, erreurs de saisie, messages d'usage."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import re
import sys
from collections.abc import Callable
from typing import Any

# Les messages de Click et Typer que voit une personne qui tape une commande.
MESSAGES: dict[str, str] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Arguments": "Arguments",
    "Error": "Erreur",
    "Error: {message}": "Erreur : {message}",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Essayez [blue]« {command_path} {help_option} »[/] pour l'aide.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "No such command {name!r}.": "Commande inconnue {name!r}.",
    "No such option {name!r}.": "Option inconnue {name!r}.",
    "No such option: {name}": "Option inconnue : {name}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "L'option {name!r} demande une valeur.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Got unexpected extra argument ({args})": "Argument en trop ({args})",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} n'est pas l'une des valeurs {choices}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} n'existe pas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire l'une de : {possibilities} ?)",
    "Aborted!": "Interrompu.",
    "Aborted.": "Interrompu.",
    "[default: {}]": "[défaut : {}]",
    "[required]": "[obligatoire]",
    "[env var: {}]": "[variable d'environnement : {}]",
    "(deprecated) ": "(obsolète) ",
    "default: {default}": "défaut : {default}",
    "required": "obligatoire",
    "integer": "entier",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "Install completion for the current shell.": "Installe la complétion pour le shell courant.",
    "Show completion for the current shell, to copy it or customize the installation.": "Affiche la complétion pour le shell courant, pour la copier ou l'adapter.",
}

_MODULES = ("core", "exceptions", "types", "parser", "decorators", "formatting", "termui")


def _modules() -> list[str]:
    """Les modules qui affichent des messages : Click, la copie de Click embarquée par Typer, et Typer."""
    names = [f"click.{m}" for m in _MODULES] + ["typer.core", "typer.main"]
    return names + [f"typer._click.{m}" for m in _MODULES]


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


# Fragments des messages d'erreur de la copie de Click embarquée par Typer (textes non traduisibles).
FRAGMENTS: list[tuple[str, str]] = [
    # Typer lit les nombres par pydantic : ses messages anglais, du plus long au plus court.
    (
        "Input should be a valid integer, unable to parse string as an integer",
        "nombre entier attendu",
    ),
    ("Input should be a valid integer", "nombre entier attendu"),
    ("Input should be a valid number, unable to parse string as a number", "nombre attendu"),
    ("Input should be a valid number", "nombre attendu"),
    ("Input should be a valid boolean", "oui ou non attendu"),
    ("Input should be a valid date", "date attendue (AAAA-MM-JJ)"),
    ("Input should be", "valeur attendue :"),
    ("No such option:", "Option inconnue :"),
    ("No such command:", "Commande inconnue :"),
    ("Missing option", "Option manquante"),
    ("Missing argument", "Argument manquant"),
    ("Missing parameter", "Paramètre manquant"),
    ("Missing command", "Commande manquante"),
    ("Invalid value for", "Valeur invalide pour"),
    ("Invalid value", "Valeur invalide"),
    ("Value error, ", ""),
    ("is not one of", "n'est pas l'une des valeurs"),
    ("is not a valid integer", "n'est pas un entier valide"),
    ("is not a valid", "n'est pas un"),
    ("No such command", "Commande inconnue"),
    ("No such option", "Option inconnue"),
    ("(Did you mean one of:", "(Vouliez-vous dire l'une de :"),
    ("(Possible options:", "(options possibles :"),
    ("Did you mean", "Vouliez-vous dire"),
    ("requires an argument", "demande une valeur"),
    ("does not take a value", "ne prend pas de valeur"),
    ("does not exist", "n'existe pas"),
    ("is a directory", "est un dossier"),
    ("is a file", "est un fichier"),
    ("Directory", "Dossier"),
    ("File", "Fichier"),
    ("Path", "Chemin"),
]


_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra arguments? ?(?:\(s\))? \((.*)\)", re.DOTALL)


def translate(texte: str) -> str:
    texte = _EXTRA_ARGUMENTS.sub(
        lambda m: (
            ("arguments inattendus : " if " " in m.group(1) else "argument inattendu : ")
            + m.group(1)
        ),
        texte,
    )
    for english, french in FRAGMENTS:
        texte = texte.replace(english, french)
    return texte.replace("?", " ?").replace("  ?", " ?")


def _localize_exceptions(module: Any) -> None:
    for name in dir(module):
        cls = getattr(module, name)
        if (
            isinstance(cls, type)
            and issubclass(cls, Exception)
            and "format_message" in cls.__dict__
        ):
            original = cls.__dict__["format_message"]

            def format_message(self: Any, _original: Callable[[Any], str] = original) -> str:
                return translate(_original(self))

            setattr(cls, "format_message", format_message)  # noqa: B010 — remplacement de méthode de classe


class _AfterImport(importlib.abc.MetaPathFinder):
    """Applique un correctif à un module au moment où il est importé (sans l'importer plus tôt)."""

    def __init__(self, name: str, patch: Callable[[Any], None]) -> None:
        self.name = name
        self.patch = patch

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module
        patch = self.patch

        def exec_then_patch(module: Any) -> None:
            exec_module(module)
            patch(module)

        loader.exec_module = exec_then_patch  # type: ignore[method-assign]
        return spec


def after_import(name: str, patch: Callable[[Any], None]) -> None:
    """`patch(module)` tout de suite si le module est déjà chargé, sinon dès son import."""
    if name in sys.modules:
        patch(sys.modules[name])
    else:
        sys.meta_path.insert(0, _AfterImport(name, patch))


def _localize_typer() -> None:
    import typer.main

    core = importlib.import_module("typer._click.core")
    get_help_option = core.Command.get_help_option

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = MESSAGES["Show this message and exit."]
        return option

    core.Command.get_help_option = help_option
    formatting = importlib.import_module("typer._click.formatting")
    write_usage = formatting.HelpFormatter.write_usage

    def usage(self: Any, programmation: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, programmation, args, "Utilisation : " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage
    get_command = typer.main.get_command

    def command(typer_instance: Any) -> Any:
        result = get_command(typer_instance)
        for param in getattr(result, "params", []):
            texte = MESSAGES.get(param.help or "")
            if texte:
                param.help = texte
            if param.name == "install_completion":
                param.callback = _installer_completion
        _reflow_all(result)
        return result

    typer.main.get_command = command
    _localize_types()

    def testing(module: Any) -> None:
        module._get_command = command

    after_import("typer.testing", testing)
    _localize_exceptions(importlib.import_module("typer._click.exceptions"))


def _patch_gettext(module: Any) -> None:
    for attribute, replacement in (("_", _gettext), ("ngettext", _ngettext)):
        if hasattr(module, attribute):
            setattr(module, attribute, replacement)


def _patch_rich_utils(ru: Any) -> None:
    _patch_gettext(ru)
    ru.ARGUMENTS_PANEL_TITLE = "Arguments"
    ru.OPTIONS_PANEL_TITLE = "Options"
    ru.COMMANDS_PANEL_TITLE = "Commandes"
    ru.ERRORS_PANEL_TITLE = "Erreur"
    ru.ABORTED_TEXT = "Interrompu."
    ru.DEFAULT_STRING = "[défaut : {}]"
    ru.REQUIRED_LONG_STRING = "[obligatoire]"
    ru.ENVVAR_STRING = "[variable d'environnement : {}]"
    ru.DEPRECATED_STRING = "(obsolète) "
    ru.RICH_HELP = MESSAGES["Try [blue]'{command_path} {help_option}'[/] for help."]


def localize() -> None:
    """Remplace les textes de Click et Typer par leur traduction (seuls les textes affichés changent)."""
    for name in _modules():
        after_import(name, _patch_gettext)
    after_import("typer.rich_utils", _patch_rich_utils)
    if importlib.util.find_spec("typer._click") is not None:
        _localize_typer()


# Types affichés dans l'aide (« <path> » → « <chemin> ») ; un drapeau n'en montre aucun.
TYPES: dict[str, str] = {
    "<path>": "<chemin>",
    "<text>": "<texte>",
    "<str>": "<texte>",
    "<integer>": "<entier>",
    "<int>": "<entier>",
    "<list[str]>": "<texte>",
    "<list[Path]>": "<chemin>",
    "<file>": "<fichier>",
    "<directory>": "<dossier>",
}


def _localize_types() -> None:
    import typer.core

    for cls in (typer.core.TyperOption, typer.core.TyperArgument):
        original = cls.display_type_rich

        def display_type_rich(self: Any, ctx: Any, _original: Any = original) -> str | None:
            if getattr(self, "is_flag", False):
                return None
            texte = _original(self, ctx)
            return TYPES.get(texte, texte) if isinstance(texte, str) else texte

        cls.display_type_rich = display_type_rich  # type: ignore[method-assign]


def _installer_completion(ctx: Any, param: Any, value: Any) -> Any:
    """--install-completion, avec des messages en français."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    shell, path = install(shell=value) if isinstance(value, str) else install()
    sys.stdout.write(f"Complétion {shell} installée dans {path}.\n")
    sys.stdout.write("Elle prendra effet au prochain démarrage du terminal.\n")
    raise SystemExit(0)


_SOFT_BREAK = re.compile(r"(?<=\S)\n(?=\S)")


def reflow(texte: str) -> str:
    """Les lignes d'un paragraphe d'aide rejointes : le terminal coupe à sa largeur, jamais au
    milieu d'une phrase à la largeur du code source. Les paragraphes (ligne vide) restent."""
    return _SOFT_BREAK.sub(" ", texte)


def _reflow_all(command: Any) -> None:
    if isinstance(getattr(command, "help", None), str):
        command.help = reflow(command.help)
    for sub in getattr(command, "commands", {}).values():
        _reflow_all(sub)
