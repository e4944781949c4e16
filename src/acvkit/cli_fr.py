"""Les libellés de l'aide de Typer/Rich en français."""

from __future__ import annotations

import typer.rich_utils as ru


def franciser() -> None:
    """Remplace les titres de panneaux et mentions de l'aide par leur traduction française."""
    ru.ARGUMENTS_PANEL_TITLE = "Arguments"
    ru.OPTIONS_PANEL_TITLE = "Options"
    ru.COMMANDS_PANEL_TITLE = "Commandes"
    ru.ERRORS_PANEL_TITLE = "Erreur"
    ru.ABORTED_TEXT = "Interrompu."
    ru.DEFAULT_STRING = "[défaut : {}]"
    ru.REQUIRED_LONG_STRING = "[obligatoire]"
    ru.ENVVAR_STRING = "[variable d'environnement : {}]"
    ru.DEPRECATED_STRING = "(obsolète) "
    ru.RICH_HELP = "Essayez [blue]'{command_path} {help_option}'[/] pour l'aide."
