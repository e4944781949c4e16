"""La ligne de commande `acv` : un module par commande, chacun mince sur acvkit.api.

Les modules s'importent dans l'ordre où `acv --help` présente leurs commandes.
"""

# ruff: noqa: I001, F401
from __future__ import annotations

from acvkit.cli.app import app as app
from acvkit.cli import validate, costs, fiches, build, fmt, new, schema, anct, rules
from acvkit.cli import init, suivi, diff, indicateurs

__all__ = ["app", "main"]


def main() -> None:
    """Point d'entrée : une erreur interne (un bogue) donne un message court et un journal, jamais une trace."""
    from acvkit.cli.console import tolerate_console
    from acvkit.cli.output_errors import OutputError, guard_output

    tolerate_console()
    try:
        with guard_output():
            app(prog_name="acv")
    except OutputError as exc:  # sortie pleine, tube fermé : pas un bogue
        raise SystemExit(exc.report()) from None
    except Exception as exc:  # budget d'erreur : tout bogue devient un message, sortie 3
        from acvkit.cli.crash import report_crash

        raise SystemExit(report_crash(exc)) from None
