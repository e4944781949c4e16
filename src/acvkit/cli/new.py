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

    Exemple : [bold]acv new fiche --collectivite bethune --sous-axe 4.2 --titre "Place du Marché"[/]
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

    Exemple : [bold]acv new fiche --collectivite bethune --sous-axe 4.2 --titre "Requalification de la place du Marché"[/]
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


def _recorded(recorded: object) -> None:
    from acvkit.suivi.record import Recorded

    assert isinstance(recorded, Recorded)
    for phrase in recorded.phrases:
        typer.echo(phrase)
    typer.echo(f"Écrit : {recorded.path}")


@new_app.command("financement")
@handled
def new_financement(
    numero: Annotated[int, typer.Argument(help="Numéro de la fiche, par exemple 60.")],
    financeur: Annotated[
        str,
        typer.Option(
            "--financeur",
            help="Identifiant du financeur (partenaires.yaml), par exemple region-hdf.",
            autocompletion=completion.partenaires,
        ),
    ],
    demande: Annotated[
        str | None, typer.Option("--demande", help="Montant demandé, en euros.")
    ] = None,
    attribue: Annotated[
        str | None, typer.Option("--attribue", help="Montant attribué (notifié), en euros.")
    ] = None,
    le: Annotated[
        str | None,
        typer.Option(
            "--le", help="Date de l'attribution (AAAA-MM-JJ ou JJ/MM/AAAA), avec --attribue."
        ),
    ] = None,
    verse: Annotated[
        str | None,
        typer.Option("--verse", help="Un versement reçu, en euros : ajouté au total déjà versé."),
    ] = None,
    total_verse: Annotated[
        str | None,
        typer.Option(
            "--total-verse", help="Le total versé à ce jour, en euros (remplace le total)."
        ),
    ] = None,
    refuse: Annotated[bool, typer.Option("--refuse", help="La demande est refusée.")] = False,
    reference: Annotated[
        str | None,
        typer.Option("--reference", help="N° de délibération, de dossier ou de convention."),
    ] = None,
    nouveau: Annotated[
        bool,
        typer.Option(
            "--nouveau", help="Ajoute ce financeur, absent de la fiche (sans montant prévu)."
        ),
    ] = False,
    data: DataOption = Path("data"),
) -> None:
    """Enregistre la vie d'un financement : demandé, attribué (et quand), versé, refusé.

    Le statut suit l'étape la plus avancée ; le montant prévu de l'avenant (`montant`) ne change
    pas. Commentaires et mise en page sont conservés ; rien n'est écrit si le dossier aurait une
    erreur de plus.

    Exemples : [bold]acv new financement 60 --financeur region-hdf --attribue 750000 --le 2025-04-10[/] · [bold]acv new financement 57 --financeur ademe --refuse[/]
    """
    from acvkit import api
    from acvkit.loading import load_folder
    from acvkit.suivi.journal import JournalError
    from acvkit.suivi.record import Stage, record_financement
    from acvkit.suivi.rewrite import parse_montant

    api.check_data_dir(data)
    try:
        stage = Stage(
            demande=parse_montant(demande, "--demande") if demande is not None else None,
            attribue=parse_montant(attribue, "--attribue") if attribue is not None else None,
            verse=parse_montant(verse, "--verse") if verse is not None else None,
            total_verse=(
                parse_montant(total_verse, "--total-verse") if total_verse is not None else None
            ),
            refuse=refuse,
            date_attribution=parse_as_of(le) if le is not None else None,
            reference=reference,
        )
        recorded = record_financement(
            load_folder(data).dataset, data, numero, financeur, stage, nouveau
        )
    except JournalError as exc:
        raise fail_usage(str(exc)) from exc
    _recorded(recorded)


@new_app.command("realise")
@handled
def new_realise(
    numero: Annotated[int, typer.Argument(help="Numéro de la fiche, par exemple 54.")],
    annee: Annotated[int, typer.Option("--annee", help="Année de la dépense, par exemple 2025.")],
    montant: Annotated[
        str, typer.Option("--montant", help="Montant dépensé cette année-là, en euros.")
    ],
    base: Annotated[
        str | None,
        typer.Option("--base", help="HT ou TTC, si elle diffère de celle du coût de la fiche."),
    ] = None,
    data: DataOption = Path("data"),
) -> None:
    """Enregistre la dépense réalisée d'une fiche une année (remplace celle de cette année).

    Exemple : [bold]acv new realise 54 --annee 2025 --montant 612000[/]
    """
    from acvkit import api
    from acvkit.loading import load_folder
    from acvkit.suivi.journal import JournalError
    from acvkit.suivi.record import record_realise
    from acvkit.suivi.rewrite import parse_montant

    api.check_data_dir(data)
    if base is not None and base not in {"HT", "TTC"}:
        raise fail_usage(f"--base « {base} » : HT ou TTC")
    try:
        recorded = record_realise(
            load_folder(data).dataset,
            data,
            numero,
            annee,
            parse_montant(montant, "--montant"),
            base,
        )
    except JournalError as exc:
        raise fail_usage(str(exc)) from exc
    _recorded(recorded)


@new_app.command("mesure")
@handled
def new_mesure(
    indicateur: Annotated[
        str,
        typer.Argument(help="Identifiant de l'indicateur, par exemple ind-3-04."),
    ],
    annee: Annotated[
        int, typer.Option("--annee", help="Année de l'observation, par exemple 2025.")
    ],
    valeur: Annotated[
        str, typer.Option("--valeur", help="La valeur observée, sans unité : 47.8 ou 47,8.")
    ],
    territoire: Annotated[
        str | None,
        typer.Option(
            "--territoire",
            help="Identifiant de la collectivité observée, par exemple bethune.",
            autocompletion=completion.collectivites,
        ),
    ] = None,
    perimetre: Annotated[
        str | None, typer.Option("--perimetre", help="commune, epci ou centre-ville.")
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="D'où vient la valeur.")] = None,
    commentaire: Annotated[
        str | None, typer.Option("--commentaire", help="Précision : « provisoire »…")
    ] = None,
    unite: Annotated[
        str | None,
        typer.Option(
            "--unite", help="L'unité de l'indicateur (km, logements, %), s'il n'en a pas."
        ),
    ] = None,
    data: DataOption = Path("data"),
) -> None:
    """Enregistre une valeur observée d'un indicateur (remplace celle de même année et de même lieu).

    Exemple : [bold]acv new mesure ind-3-04 --annee 2025 --valeur 47.8 --territoire bethune --perimetre commune[/]
    """
    from pydantic import ValidationError

    from acvkit import api
    from acvkit.loading import load_folder
    from acvkit.models.mesure import Mesure
    from acvkit.suivi.journal import JournalError
    from acvkit.suivi.record import record_mesure
    from acvkit.suivi.rewrite import parse_valeur

    api.check_data_dir(data)
    try:
        try:
            mesure = Mesure.model_validate(
                {
                    "annee": annee,
                    "valeur": parse_valeur(valeur, "--valeur"),
                    "territoire": territoire,
                    "perimetre": perimetre,
                    "source": source,
                    "commentaire": commentaire,
                }
            )
        except ValidationError as exc:
            from acvkit.loading.model_errors import french_message

            raise JournalError(french_message(exc.errors()[0], Mesure)) from None
        recorded = record_mesure(
            load_folder(data).dataset, data, indicateur, mesure, (unite or "").strip() or None
        )
    except JournalError as exc:
        raise fail_usage(str(exc)) from exc
    _recorded(recorded)
