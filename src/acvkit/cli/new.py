"""acv new fiche, indicateur, suivi : créer sans se tromper de format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import acvkit.cli.completion as completion
from acvkit.cli.app import (
    app,
    argument,
    data_option,
    echo,
    fail_usage,
    handled,
    option,
    parse_as_of,
)
from acvkit.cli.french import INTEGER
from acvkit.cli.french import completion as complete_with


@app.group("new", no_args_is_help=True)
def new_app() -> None:
    """Crée une fiche action, un indicateur ou une entrée de suivi, chaque rubrique présente et commentée.

    Exemple : acv new fiche --collectivite ville-sur-val --sous-axe 4.2 --titre "Place du Marché"
    """


@new_app.command("fiche")
@option(
    "--collectivite",
    required=True,
    metavar="ID",
    shell_complete=complete_with(completion.collectivites),
    help="Identifiant de la collectivité.",
)
@option(
    "--sous-axe",
    "sous_axe",
    required=True,
    metavar="CODE",
    shell_complete=complete_with(completion.sous_axes),
    help="Code du sous-axe, par exemple 4.2.",
)
@option("--titre", required=True, metavar="TEXTE", help="Titre du projet.")
@option(
    "--type", "type_", default="action", show_default=True, metavar="TYPE", help="etude ou action."
)
@data_option
@handled
def new_fiche(collectivite: str, sous_axe: str, titre: str, type_: str, data: Path) -> None:
    """Crée une fiche au numéro libre suivant, dans fiches/<collectivite>/fa-<numero>-<titre>.yaml.

    Exemple : acv new fiche --collectivite ville-sur-val --sous-axe 4.2 --titre "Requalification de la place du Marché"
    """
    from acvkit import api
    from acvkit.scaffolding.new import new_fiche as create

    config = api.load_config(api.check_data_dir(data))
    file = create(api.load(data), data, collectivite, sous_axe, titre, type_, config)
    echo(f"Fiche créée : {file}")


@new_app.command("indicateur")
@option("--axe", required=True, metavar="AXE", help="1 à 5, ou transversal.")
@option("--intitule", required=True, metavar="TEXTE", help="Intitulé de l'indicateur.")
@option("--critere", default="", metavar="TEXTE", help="Critère d'évaluation.")
@data_option
@handled
def new_indicateur(axe: str, intitule: str, critere: str, data: Path) -> None:
    """Crée un indicateur d'évaluation au rang libre suivant de son axe (indicateurs/ind-<axe>-<nn>.yaml).

    Exemple : acv new indicateur --axe 3 --intitule "Nombre de stationnements vélo"
    """
    from acvkit import api
    from acvkit.scaffolding.new import new_indicateur as create

    config = api.load_config(api.check_data_dir(data))
    file = create(api.load(data), data, axe, intitule, critere, config)
    echo(f"Indicateur créé : {file}")


@new_app.command("suivi")
@argument("numero", type=INTEGER, metavar="NUMERO", help="Numéro de la fiche, par exemple 54.")
@option(
    "--statut",
    required=True,
    metavar="STATUT",
    help="a_engager, en_cours, en_cours_finance, livree ou abandonnee.",
)
@option("--note", metavar="TEXTE", help="Ce qui s'est passé.")
@option("--vigilance", multiple=True, metavar="TEXTE", help="Un point de vigilance.")
@option(
    "--date",
    "date_entree",
    metavar="DATE",
    help="Date de l'entrée (AAAA-MM-JJ) ; sinon SOURCE_DATE_EPOCH ou aujourd'hui.",
)
@data_option
@handled
def new_suivi(
    numero: int,
    statut: str,
    note: str | None,
    vigilance: tuple[str, ...],
    date_entree: str | None,
    data: Path,
) -> None:
    """Ajoute une entrée datée au journal de suivi d'une fiche et met son statut à jour.

    Les commentaires et la mise en page du fichier sont conservés.

    Exemple : acv new suivi 54 --statut en_cours_finance --note "Subvention notifiée"
    """
    from acvkit import api
    from acvkit.loading import load_folder
    from acvkit.suivi.dates import date_rapport
    from acvkit.suivi.journal import JournalError, add_journal_entry

    config = api.load_config(api.check_data_dir(data))
    day = date_rapport(parse_as_of(date_entree))
    try:
        file = add_journal_entry(
            load_folder(data).dataset, numero, statut, day, note, list(vigilance or []), config
        )
    except JournalError as exc:
        raise fail_usage(str(exc)) from exc
    echo(f"Suivi ajouté à FA {numero} ({day:%d/%m/%Y}, {statut}) : {file}")


def _recorded(recorded: object) -> None:
    from acvkit.suivi.record import Recorded

    assert isinstance(recorded, Recorded)
    for phrase in recorded.phrases:
        echo(phrase)
    echo(f"Écrit : {recorded.path}")


@new_app.command("financement")
@argument("numero", type=INTEGER, metavar="NUMERO", help="Numéro de la fiche, par exemple 60.")
@option(
    "--financeur",
    required=True,
    metavar="ID",
    shell_complete=complete_with(completion.partenaires),
    help="Identifiant du financeur (partenaires.yaml), par exemple region.",
)
@option("--demande", metavar="MONTANT", help="Montant demandé, en euros.")
@option("--attribue", metavar="MONTANT", help="Montant attribué (notifié), en euros.")
@option(
    "--date-attribution",
    "le",
    metavar="DATE",
    help="Date de l'attribution (AAAA-MM-JJ ou JJ/MM/AAAA), avec --attribue.",
)
@option("--verse", metavar="MONTANT", help="Un versement reçu, en euros : ajouté au total versé.")
@option(
    "--total-verse",
    "total_verse",
    metavar="MONTANT",
    help="Le total versé à ce jour, en euros (remplace le total).",
)
@option("--refuse", is_flag=True, help="La demande est refusée.")
@option("--reference", metavar="TEXTE", help="N° de délibération, de dossier ou de convention.")
@option(
    "--new",
    "nouveau",
    is_flag=True,
    help="Ajoute ce financeur, absent de la fiche (sans montant prévu).",
)
@data_option
@handled
def new_financement(
    numero: int,
    financeur: str,
    demande: str | None,
    attribue: str | None,
    le: str | None,
    verse: str | None,
    total_verse: str | None,
    refuse: bool,
    reference: str | None,
    nouveau: bool,
    data: Path,
) -> None:
    """Enregistre la vie d'un financement : demandé, attribué (et quand), versé, refusé.

    Le statut suit l'étape la plus avancée ; le montant prévu de l'avenant (montant) ne change
    pas. Commentaires et mise en page sont conservés ; rien n'est écrit si le dossier aurait une
    erreur de plus.

    Exemples : acv new financement 60 --financeur region --attribue 750000 --date-attribution 2025-04-10 · acv new financement 57 --financeur ademe --refuse
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
            date_attribution=parse_date_option(le, "--date-attribution"),
            reference=reference,
        )
        recorded = record_financement(
            load_folder(data).dataset, data, numero, financeur, stage, nouveau
        )
    except JournalError as exc:
        raise fail_usage(str(exc)) from exc
    _recorded(recorded)


def parse_date_option(texte: str | None, nom: str) -> date | None:
    """Une date d'option (AAAA-MM-JJ ou JJ/MM/AAAA) ; refus en français si elle n'existe pas."""
    if texte is None:
        return None
    from acvkit.suivi.dates import DateError, parse_date

    try:
        return parse_date(texte)
    except DateError as exc:
        raise fail_usage(f"{nom} : {exc}") from exc


@new_app.command("realise")
@argument("numero", type=INTEGER, metavar="NUMERO", help="Numéro de la fiche, par exemple 54.")
@option("--annee", required=True, type=INTEGER, metavar="ANNEE", help="Année de la dépense.")
@option("--montant", required=True, metavar="MONTANT", help="Montant dépensé cette année-là.")
@option("--base", metavar="BASE", help="HT ou TTC, si elle diffère de celle du coût de la fiche.")
@data_option
@handled
def new_realise(numero: int, annee: int, montant: str, base: str | None, data: Path) -> None:
    """Enregistre la dépense réalisée d'une fiche une année (remplace celle de cette année).

    Exemple : acv new realise 54 --annee 2025 --montant 612000
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
@argument(
    "indicateur", metavar="INDICATEUR", help="Identifiant de l'indicateur, par exemple ind-3-04."
)
@option("--annee", required=True, type=INTEGER, metavar="ANNEE", help="Année de l'observation.")
@option("--valeur", required=True, metavar="VALEUR", help="La valeur, sans unité : 47.8 ou 47,8.")
@option(
    "--territoire",
    metavar="ID",
    shell_complete=complete_with(completion.collectivites),
    help="Identifiant de la collectivité observée, par exemple ville-sur-val.",
)
@option("--perimetre", metavar="PERIMETRE", help="commune, epci ou centre-ville.")
@option("--source", metavar="TEXTE", help="D'où vient la valeur.")
@option("--commentaire", metavar="TEXTE", help="Précision : « provisoire »…")
@option("--unite", metavar="TEXTE", help="L'unité de l'indicateur (km, %), s'il n'en a pas.")
@data_option
@handled
def new_mesure(
    indicateur: str,
    annee: int,
    valeur: str,
    territoire: str | None,
    perimetre: str | None,
    source: str | None,
    commentaire: str | None,
    unite: str | None,
    data: Path,
) -> None:
    """Enregistre une valeur observée d'un indicateur (remplace celle de même année et même lieu).

    Exemple : acv new mesure ind-3-04 --annee 2025 --valeur 47.8 --territoire ville-sur-val --perimetre commune
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
