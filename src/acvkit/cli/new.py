"""acv new fiche, indicateur, suivi : créer sans se tromper de format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import acvkit.cli.completion as completion
from acvkit.cli.app import (
    DataOption,
    app,
    fail_usage,
    handled,
    parse_as_of,
)

if TYPE_CHECKING:
    pass


new_app = typer.Typer(no_args_is_help=True, subcommand_metavar="COMMANDE [ARGUMENTS]...")


app.add_typer(new_app, name="new")


@new_app.callback()
def new_callback() -> None:
    """Crée une fiche action ou un indicateur, chaque rubrique présente et commentée.

    Exemple : [bold]acv new fiche --collectivite ville-sur-val --sous-axe 4.2 --titre "Place du Marché"[/]
    """


@new_app.command("fiche")
@handled
def new_fiche(
    collectivite: Annotated[
        str,
        typer.Option(
            "--collectivite",
            help="Identifiant de la collectivité.",
            autocompletion=completion.collectivites,
        ),
    ],
    sous_axe: Annotated[
        str,
        typer.Option(
            "--sous-axe",
            help="Code du sous-axe, par exemple 4.2.",
            autocompletion=completion.sous_axes,
        ),
    ],
    titre: Annotated[str, typer.Option("--titre", help="Titre du projet.")],
    type_: Annotated[str, typer.Option("--type", help="etude ou action.")] = "action",
    data: DataOption = Path("data"),
) -> None:
    """Crée une fiche au numéro libre suivant, dans fiches/<collectivite>/fa-<numero>-<titre>.yaml.

    Exemple : [bold]acv new fiche --collectivite ville-sur-val --sous-axe 4.2 --titre "Requalification de la place du Marché"[/]
    """
    from acvkit import api
    from acvkit.scaffolding.new import new_fiche as create

    file = create(api.load(data), data, collectivite, sous_axe, titre, type_)
    typer.echo(f"Fiche créée : {file}")


@new_app.command("indicateur")
@handled
def new_indicateur(
    axe: Annotated[str, typer.Option("--axe", help="1 à 5, ou transversal.")],
    intitule: Annotated[str, typer.Option("--intitule", help="Intitulé de l'indicateur.")],
    critere: Annotated[str, typer.Option("--critere", help="Critère d'évaluation.")] = "",
    data: DataOption = Path("data"),
) -> None:
    """Crée un indicateur d'évaluation au rang libre suivant de son axe (indicateurs/ind-<axe>-<nn>.yaml).

    Exemple : [bold]acv new indicateur --axe 3 --intitule "Nombre de stationnements vélo"[/]
    """
    from acvkit import api
    from acvkit.scaffolding.new import new_indicateur as create

    file = create(api.load(data), data, axe, intitule, critere)
    typer.echo(f"Indicateur créé : {file}")


@new_app.command("suivi")
@handled
def new_suivi(
    numero: Annotated[int, typer.Argument(help="Numéro de la fiche, par exemple 54.")],
    statut: Annotated[
        str,
        typer.Option(
            "--statut", help="a_engager, en_cours, en_cours_finance, livree ou abandonnee."
        ),
    ],
    note: Annotated[str | None, typer.Option("--note", help="Ce qui s'est passé.")] = None,
    vigilance: Annotated[
        list[str] | None,
        typer.Option("--vigilance", help="Un point de vigilance (l'option se répète)."),
    ] = None,
    date_entree: Annotated[
        str | None,
        typer.Option(
            "--date", help="Date de l'entrée (AAAA-MM-JJ) ; sinon SOURCE_DATE_EPOCH ou aujourd'hui."
        ),
    ] = None,
    data: DataOption = Path("data"),
) -> None:
    """Ajoute une entrée datée au journal de suivi d'une fiche et met son statut à jour.

    Les commentaires et la mise en page du fichier sont conservés.

    Exemple : [bold]acv new suivi 54 --statut en_cours_finance --note "Subvention notifiée"[/]
    """
    from acvkit import api
    from acvkit.loading import load_folder
    from acvkit.suivi.dates import date_rapport
    from acvkit.suivi.journal import JournalError, add_journal_entry

    api.check_data_dir(data)
    day = date_rapport(parse_as_of(date_entree))
    try:
        file = add_journal_entry(
            load_folder(data).dataset, numero, statut, day, note, list(vigilance or [])
        )
    except JournalError as exc:
        raise fail_usage(str(exc)) from exc
    typer.echo(f"Suivi ajouté à FA {numero} ({day:%d/%m/%Y}, {statut}) : {file}")
