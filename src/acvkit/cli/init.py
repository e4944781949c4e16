"""acv init : le dépôt d'un nouveau territoire."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acvkit.cli.app import (
    app,
    fail_usage,
    verbosity_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from acvkit.init_repo import Territoire


def _demander(
    cle: str, valeur: str | None, terminal: bool, verifier: Callable[[str], object]
) -> str:
    """La valeur d'une option ; absente : demandée sur un terminal (jusqu'à une réponse valable)."""
    from acvkit.init_repo import AIDE, InitError

    option, aide = AIDE[cle]
    if valeur is not None:
        return valeur
    if not terminal:
        raise fail_usage(f"option {option} manquante : {aide} (sans terminal, rien n'est demandé)")
    while True:
        reponse = str(typer.prompt(aide[0].upper() + aide[1:], prompt_suffix=" : ", err=True))
        try:
            verifier(reponse)
        except InitError as exc:
            typer.echo(f"  {exc}", err=True)
            continue
        return reponse


def _demander_communes(terminal: bool) -> list[str]:
    from acvkit.init_repo import AIDE, InitError, parse_commune

    if not terminal:
        option, aide = AIDE["commune"]
        raise fail_usage(f"option {option} manquante : {aide} (sans terminal, rien n'est demandé)")
    communes: list[str] = []
    while True:
        question = "Commune suivante (vide pour finir)" if communes else AIDE["commune"][1]
        reponse = str(
            typer.prompt(
                question[0].upper() + question[1:],
                default="" if communes else None,
                show_default=False,
                prompt_suffix=" : ",
                err=True,
            )
        ).strip()
        if not reponse and communes:
            return communes
        try:
            parse_commune(reponse)
        except InitError as exc:
            typer.echo(f"  {exc}", err=True)
            continue
        communes.append(reponse)


@app.command()
def init(
    ctx: typer.Context,
    dossier: Annotated[Path, typer.Argument(help="Dossier du nouveau dépôt (créé s'il manque).")],
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
    depot_acvkit: Annotated[
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
    from acvkit.init_repo import InitError, git_init, init_repo

    try:
        terr = _territoire_demande(
            dossier, force, avenant, depot_acvkit, id_anct, epci, siren, commune, periode
        )
        resultat = init_repo(dossier, terr, force=force)
    except InitError as exc:
        raise fail_usage(str(exc)) from exc
    quiet = verbosity_of(ctx).quiet
    if not quiet:
        typer.echo(f"Collectivités : {terr.epci.id} (intercommunalité, SIREN {terr.epci.code})")
        for c in terr.communes:
            typer.echo(f"                {c.id} (commune, INSEE {c.code})")
        typer.echo(f"{len(resultat.ecrits)} fichier(s) écrit(s) dans {dossier}/.")
    for relatif in resultat.ignores:
        typer.echo(f"Existe déjà, laissé tel quel : {relatif}", err=True)
    if git:
        try:
            commit = git_init(dossier, f"Plan d'action {terr.id_anct} : dépôt créé par acv init")
        except InitError as exc:
            typer.echo(f"Erreur : {exc}", err=True)
            raise typer.Exit(1) from exc
        if not quiet:
            typer.echo(f"Dépôt git créé, premier commit {commit}.")
    if not quiet:
        typer.echo(
            f"Ensuite : cd {dossier} && acv validate, puis acv new fiche --collectivite "
            f'{terr.communes[0].id} --sous-axe 4.2 --titre "…"'
        )


def _territoire_demande(
    dossier: Path,
    force: bool,
    avenant: int,
    depot_acvkit: str | None,
    id_anct: str | None,
    epci: str | None,
    siren: str | None,
    commune: list[str] | None,
    periode: str | None,
) -> Territoire:
    """Le territoire de `acv init` : options données, les autres demandées sur un terminal."""
    from acvkit.init_repo import (
        AIDE,
        check_id_anct,
        check_nom,
        check_siren,
        parse_periode,
        territoire,
        verifier_dossier,
    )

    terminal = sys.stdin.isatty()
    donnees = {
        "id_anct": id_anct,
        "epci": epci,
        "siren": siren,
        "commune": commune,
        "periode": periode,
    }
    manquantes = [AIDE[cle] for cle, valeur in donnees.items() if valeur is None]
    if manquantes and not terminal:
        raise fail_usage(
            "sans terminal, rien n'est demandé : option(s) manquante(s) "
            + " ; ".join(f"{option} ({aide})" for option, aide in manquantes)
        )
    verifier_dossier(dossier, force)
    valeurs = {
        "id_anct": _demander("id_anct", id_anct, terminal, check_id_anct),
        "epci": _demander("epci", epci, terminal, lambda v: check_nom(v, "l'intercommunalité")),
        "siren": _demander("siren", siren, terminal, check_siren),
    }
    communes = commune or _demander_communes(terminal)
    valeurs["periode"] = _demander("periode", periode, terminal, parse_periode)
    return territoire(communes=communes, avenant=avenant, depot_acvkit=depot_acvkit, **valeurs)
