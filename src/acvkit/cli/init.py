"""acv init : le dépôt d'un nouveau territoire."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acvkit.cli.app import (
    app,
    fail_usage,
    handled,
    verbosity_of,
)

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
            typer.prompt(help_text[0].upper() + help_text[1:], prompt_suffix=" : ", err=True)
        )
        try:
            check(answer)
        except InitError as exc:
            typer.echo(f"  {exc}", err=True)
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
            typer.prompt(
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
            typer.echo(f"  {exc}", err=True)
            continue
        communes.append(answer)


@app.command()
@handled
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(help="Dossier du nouveau dépôt (créé s'il manque).", metavar="dossier")
    ],
    id_anct: Annotated[
        str | None, typer.Option("--id-anct", help="Identifiant ANCT du territoire : ACV099.")
    ] = None,
    epci: Annotated[
        str | None,
        typer.Option(
            "--epci", help="Nom de l'intercommunalité : « Communauté de communes du Val »."
        ),
    ] = None,
    siren: Annotated[
        str | None, typer.Option("--siren", help="SIREN de l'intercommunalité : 200000000.")
    ] = None,
    commune: Annotated[
        list[str] | None,
        typer.Option(
            "--commune", help="Commune et code INSEE : « Ville-sur-Val:99001 » (répétable)."
        ),
    ] = None,
    periode: Annotated[
        str | None, typer.Option("--periode", help="Période du programme : 2023-2026.")
    ] = None,
    avenant: Annotated[int, typer.Option("--avenant", help="Numéro de l'avenant.")] = 1,
    repo_acvkit: Annotated[
        str | None,
        typer.Option("--depot-acvkit", help="Adresse git d'acvkit, pour pre-commit et la CI."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Complète un dossier non vide, sans écraser aucun fichier."),
    ] = False,
    git: Annotated[
        bool, typer.Option("--git", help="Lance aussi git init et fait un premier commit.")
    ] = False,
) -> None:
    """Crée le dépôt de plan d'action d'un nouveau territoire, prêt à commiter.

    Écrit data/ (programme, partenaires, axes, dossiers des fiches), la configuration, pre-commit,
    la CI GitHub et GitLab, les réglages de l'éditeur et un README. Une option absente est demandée
    sur un terminal. Un dossier non vide est refusé sans --force ; aucun fichier n'est écrasé.

    Exemple : [bold]acv init plan-acv --id-anct ACV099 --epci "Communauté de communes du Val" --siren 200000000 --commune "Ville-sur-Val:99001" --periode 2023-2026[/]
    """
    from acvkit.scaffolding.init_repo import InitError, git_init, init_repo

    try:
        terr = _territoire_demande(
            folder, force, avenant, repo_acvkit, id_anct, epci, siren, commune, periode
        )
        resultat = init_repo(folder, terr, force=force)
    except InitError as exc:
        raise fail_usage(str(exc)) from exc
    quiet = verbosity_of(ctx).quiet
    if not quiet:
        typer.echo(f"Collectivités : {terr.epci.id} (intercommunalité, SIREN {terr.epci.code})")
        for c in terr.communes:
            typer.echo(f"                {c.id} (commune, INSEE {c.code})")
        typer.echo(f"{len(resultat.written)} fichier(s) écrit(s) dans {folder}/.")
    for relative in resultat.ignores:
        typer.echo(f"Existe déjà, laissé tel quel : {relative}", err=True)
    if git:
        try:
            commit = git_init(folder, f"Plan d'action {terr.id_anct} : dépôt créé par acv init")
        except InitError as exc:
            typer.echo(f"Erreur : {exc}", err=True)
            raise typer.Exit(1) from exc
        if not quiet:
            typer.echo(f"Dépôt git créé, premier commit {commit}.")
    if not quiet:
        typer.echo(
            f"Ensuite : cd {folder} && acv validate, puis acv new fiche --collectivite "
            f'{terr.communes[0].id} --sous-axe 4.2 --titre "…"'
        )


def _territoire_demande(
    folder: Path,
    force: bool,
    avenant: int,
    repo_acvkit: str | None,
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
    return territoire(communes=communes, avenant=avenant, repo_acvkit=repo_acvkit, **valeurs)
