"""acv init : le dépôt d'un nouveau territoire."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from acvkit.cli.app import Exit, app, argument, echo, fail_usage, handled, option, verbosity_of
from acvkit.cli.french import INTEGER

if TYPE_CHECKING:
    from collections.abc import Callable

    from acvkit.scaffolding.territoire import Territoire


def _ask(key: str, valeur: str | None, terminal: bool, check: Callable[[str], object]) -> str:
    """La valeur d'une option ; absente : demandée sur un terminal (jusqu'à une réponse valable)."""
    from acvkit.scaffolding.init_repo import HELP, InitError

    option, help_text = HELP[key]
    if valeur is not None:
        return valeur
    if not terminal:
        raise fail_usage(
            f"option {option} manquante : {help_text} (sans terminal, rien n'est demandé)"
        )
    while True:
        answer = str(
            click.prompt(help_text[0].upper() + help_text[1:], prompt_suffix=" : ", err=True)
        )
        try:
            check(answer)
        except InitError as exc:
            echo(f"  {exc}", err=True)
            continue
        return answer


def _ask_communes(terminal: bool) -> list[str]:
    from acvkit.scaffolding.init_repo import HELP, InitError, parse_commune

    if not terminal:
        option, help_text = HELP["commune"]
        raise fail_usage(
            f"option {option} manquante : {help_text} (sans terminal, rien n'est demandé)"
        )
    communes: list[str] = []
    while True:
        question = "Commune suivante (vide pour finir)" if communes else HELP["commune"][1]
        answer = str(
            click.prompt(
                question[0].upper() + question[1:],
                default="" if communes else None,
                show_default=False,
                prompt_suffix=" : ",
                err=True,
            )
        ).strip()
        if not answer and communes:
            return communes
        try:
            parse_commune(answer)
        except InitError as exc:
            echo(f"  {exc}", err=True)
            continue
        communes.append(answer)


@app.command()
@argument(
    "folder",
    type=click.Path(path_type=Path),
    metavar="DOSSIER",
    help="Dossier du nouveau dépôt (créé s'il manque).",
)
@option("--id-anct", "id_anct", metavar="ID", help="Identifiant ANCT du territoire : ACV099.")
@option(
    "--epci", metavar="NOM", help="Nom de l'intercommunalité : « Communauté de communes du Val »."
)
@option("--siren", metavar="SIREN", help="SIREN de l'intercommunalité : 200000008.")
@option(
    "--commune",
    multiple=True,
    metavar="NOM:INSEE",
    help="Commune et code INSEE : « Ville-sur-Val:99001 ».",
)
@option("--periode", metavar="AAAA-AAAA", help="Période du programme : 2023-2026.")
@option(
    "--avenant",
    type=INTEGER,
    default=1,
    show_default=True,
    metavar="NUMERO",
    help="Numéro de l'avenant.",
)
@option(
    "--acvkit-source",
    "source",
    former=("--depot-acvkit",),
    metavar="SOURCE",
    help="D'où pre-commit et la CI installent acvkit : une adresse (git+https://…@v0.2.0, "
    "https://…/acvkit-0.2.0-py3-none-any.whl) ou un chemin ; par défaut acvkit==VERSION depuis "
    "l'index des paquets (PyPI).",
)
@option("--force", is_flag=True, help="Complète un dossier non vide, sans écraser aucun fichier.")
@option("--git", is_flag=True, help="Lance aussi git init et fait un premier commit.")
@click.pass_context
@handled
def init(
    ctx: click.Context,
    folder: Path,
    id_anct: str | None,
    epci: str | None,
    siren: str | None,
    commune: tuple[str, ...],
    periode: str | None,
    avenant: int,
    source: str | None,
    force: bool,
    git: bool,
) -> None:
    """Crée le dépôt de plan d'action d'un nouveau territoire, prêt à commiter.

    Écrit data/ (programme, partenaires, axes, dossiers des fiches), la configuration, pre-commit,
    la CI GitHub et GitLab, les réglages de l'éditeur et un README. Une option absente est demandée
    sur un terminal. Un dossier non vide est refusé sans --force ; aucun fichier n'est écrasé.

    Exemple : acv init plan-acv --id-anct ACV099 --epci "Communauté de communes du Val" --siren 200000008 --commune "Ville-sur-Val:99001" --periode 2023-2026
    """
    from acvkit.scaffolding.init_repo import InitError, git_init, init_repo

    try:
        terr = _territoire_demande(
            folder, force, avenant, source, id_anct, epci, siren, list(commune) or None, periode
        )
        resultat = init_repo(folder, terr, force=force)
    except InitError as exc:
        raise fail_usage(str(exc)) from exc
    quiet = verbosity_of(ctx).quiet
    if not quiet:
        echo(f"Collectivités : {terr.epci.id} (intercommunalité, SIREN {terr.epci.code})")
        for c in terr.communes:
            echo(f"                {c.id} (commune, INSEE {c.code})")
        echo(f"{len(resultat.written)} fichier(s) écrit(s) dans {folder}/.")
        echo(f"pre-commit et la CI installeront {terr.origin}.")
    if terr.local:
        echo(
            f"Attention : acvkit vient d'un chemin de cette machine ({terr.source}) ; pre-commit "
            "l'installera ici, mais la CI (GitHub, GitLab) ne le trouvera pas : donnez plutôt "
            "une adresse à --acvkit-source, ou publiez acvkit (docs/publier.md).",
            err=True,
        )
    for relative in resultat.ignores:
        echo(f"Existe déjà, laissé tel quel : {relative}", err=True)
    if git:
        try:
            commit = git_init(folder, f"Plan d'action {terr.id_anct} : dépôt créé par acv init")
        except InitError as exc:
            echo(f"Erreur : {exc}", err=True)
            raise Exit(1) from exc
        if not quiet:
            echo(f"Dépôt git créé, premier commit {commit}.")
    if not quiet:
        echo(
            f"Ensuite : cd {folder} && acv validate, puis acv new fiche --collectivite "
            f'{terr.communes[0].id} --sous-axe 4.2 --titre "…"'
        )


def _territoire_demande(
    folder: Path,
    force: bool,
    avenant: int,
    source: str | None,
    id_anct: str | None,
    epci: str | None,
    siren: str | None,
    commune: list[str] | None,
    periode: str | None,
) -> Territoire:
    """Le territoire de `acv init` : options données, les autres demandées sur un terminal."""
    from acvkit.scaffolding.init_repo import (
        HELP,
        check_folder,
        check_id_anct,
        check_name,
        check_siren,
        parse_periode,
        territoire,
    )

    terminal = sys.stdin.isatty()
    data = {
        "id_anct": id_anct,
        "epci": epci,
        "siren": siren,
        "commune": commune,
        "periode": periode,
    }
    missing = [HELP[key] for key, valeur in data.items() if valeur is None]
    if missing and not terminal:
        raise fail_usage(
            "sans terminal, rien n'est demandé : option(s) manquante(s) "
            + " ; ".join(f"{option} ({help_text})" for option, help_text in missing)
        )
    check_folder(folder, force)
    valeurs = {
        "id_anct": _ask("id_anct", id_anct, terminal, check_id_anct),
        "epci": _ask("epci", epci, terminal, lambda v: check_name(v, "l'intercommunalité")),
        "siren": _ask("siren", siren, terminal, check_siren),
    }
    communes = commune or _ask_communes(terminal)
    valeurs["periode"] = _ask("periode", periode, terminal, parse_periode)
    return territoire(communes=communes, avenant=avenant, source=source, **valeurs)
