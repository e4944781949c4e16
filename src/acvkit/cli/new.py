"""acv new fiche, indicateur, suivi : créer sans se tromper de format."""

from __future__ import annotations

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

    file = create(api.load(data), data, collectivite, sous_axe, titre, type_)
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

    file = create(api.load(data), data, axe, intitule, critere)
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

    api.check_data_dir(data)
    day = date_rapport(parse_as_of(date_entree))
    try:
        file = add_journal_entry(
            load_folder(data).dataset, numero, statut, day, note, list(vigilance or [])
        )
    except JournalError as exc:
        raise fail_usage(str(exc)) from exc
    echo(f"Suivi ajouté à FA {numero} ({day:%d/%m/%Y}, {statut}) : {file}")
