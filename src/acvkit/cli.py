"""L'interface en ligne de commande `acv` : lit les options, appelle la bibliothèque, affiche."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from acvkit import __version__
from acvkit.cli_fr import franciser
from acvkit.cli_global import AcvGroup
from acvkit.reporters import MODULES as REPORTER_NAMES

if TYPE_CHECKING:
    from collections.abc import Callable

    from acvkit.api import Built
    from acvkit.diagnostics import Diagnostic
    from acvkit.init_repo import Territoire
    from acvkit.loading import Dataset

franciser()

app = typer.Typer(
    name="acv",
    cls=AcvGroup,
    options_metavar="[OPTIONS]",
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)


def _discover_data(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """Sans --data : le dossier de données est cherché en remontant depuis le dossier courant."""
    source = ctx.get_parameter_source(param.name) if param.name else None
    if source is not None and source.name == "DEFAULT":
        from acvkit.workspace import default_data

        ctx.meta["acv_data_discovered"] = True
        return default_data(value)
    return value


DataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        help="Dossier des données (programme.yaml, fiches/…), cherché par défaut en remontant "
        "depuis le dossier courant.",
        show_default=True,
        callback=_discover_data,
    ),
]


# Les formats de `acv validate` : les clés du registre des vues, jamais répétées ici.
FormatValidate = StrEnum("FormatValidate", {name: name for name in REPORTER_NAMES})  # type: ignore[misc]
TEXT = FormatValidate("text")

P = ParamSpec("P")
R = TypeVar("R")


def _complete_rules(incomplete: str) -> list[tuple[str, str]]:
    from acvkit.completion import rule_codes

    return rule_codes(incomplete)


def _complete_collectivites(incomplete: str) -> list[tuple[str, str]]:
    from acvkit.completion import collectivites

    return collectivites(incomplete)


def _complete_sous_axes(incomplete: str) -> list[tuple[str, str]]:
    from acvkit.completion import sous_axes

    return sous_axes(incomplete)


def _fail_usage(message: str) -> typer.Exit:
    typer.echo(f"Erreur : {message}", err=True)
    return typer.Exit(2)


def handled(command: Callable[P, R]) -> Callable[P, R]:
    """Une erreur expliquée (AcvError) devient son message : sortie 2 pour une commande mal
    écrite, 1 sinon ; des données en erreur sont d'abord montrées."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        from acvkit.errors import AcvError, InvalidData, UsageError

        try:
            return command(*args, **kwargs)
        except UsageError as exc:
            raise _fail_usage(str(exc)) from exc
        except InvalidData as exc:
            from acvkit.reporters import ReportOptions, reporter

            reporter("text")(exc.report, sys.stderr, ReportOptions())
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from exc
        except AcvError as exc:
            from acvkit.safe_text import visible

            typer.echo(f"Erreur : {visible(str(exc))}", err=True)
            raise typer.Exit(1) from exc

    return run


# La date du rapport de suivi (validate, suivi, build) ; lue par _au.
AuOption = Annotated[
    str | None,
    typer.Option(
        "--au",
        help="Date du rapport de suivi (AAAA-MM-JJ ou JJ/MM/AAAA) ; sinon SOURCE_DATE_EPOCH, "
        "sinon aujourd'hui.",
    ),
]


def _au(texte: str | None) -> date | None:
    """La date de --au, ou None (la date du rapport sera alors SOURCE_DATE_EPOCH ou aujourd'hui)."""
    if texte is None:
        return None
    from acvkit.suivi.dates import DateError, lire_date

    try:
        return lire_date(texte)
    except DateError as exc:
        raise _fail_usage(f"--au : {exc}") from exc


def _version(value: bool) -> None:
    if value:
        typer.echo(f"acv {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Affiche la version et quitte."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="N'affiche que l'essentiel (problèmes, erreurs).")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Affiche aussi la configuration et les détails.")
    ] = False,
) -> None:
    """Le programme Action Cœur de Ville comme des données versionnées : valider, chiffrer, publier.

    Les couleurs s'éteignent quand la sortie n'est pas un terminal, ou avec NO_COLOR=1.

    Exemples : [bold]acv validate[/] · [bold]acv costs --by collectivite[/] · [bold]acv -q build[/]
    """
    ctx.obj = Verbosity(quiet=quiet and not verbose, verbose=verbose)


@dataclass(frozen=True)
class Verbosity:
    quiet: bool = False
    verbose: bool = False


def _verbosity(ctx: typer.Context) -> Verbosity:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Verbosity) else Verbosity()


@app.command()
@handled
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Fichiers ou dossiers dont montrer les diagnostics ; tout le dossier de données "
            "est lu quand même (les règles croisent les fichiers).",
            show_default=False,
            metavar="CHEMINS",
        ),
    ] = None,
    data: DataOption = Path("data"),
    output_format: Annotated[
        FormatValidate, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = TEXT,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Règles à appliquer (codes ou préfixes, séparés par des virgules).",
            autocompletion=_complete_rules,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Règles à ne pas appliquer (codes ou préfixes).",
            autocompletion=_complete_rules,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Traite les avertissements comme des erreurs (sortie 1)."),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Ligne de base : créée si absente, puis seuls les nouveaux problèmes sont signalés.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Relit tous les fichiers (sans le cache .acv-cache/)."),
    ] = False,
    au: AuOption = None,
    output_file: Annotated[
        Path | None,
        typer.Option(
            "--output-file",
            "-o",
            help="Écrit le rapport dans ce fichier ; le bilan reste affiché.",
            show_default=False,
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Sort avec 0 même s'il y a des erreurs.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Le nombre de diagnostics de chaque code.")
    ] = False,
    no_warnings: Annotated[
        bool, typer.Option("--no-warnings", help="Ne montre que les erreurs.")
    ] = False,
) -> None:
    """Vérifie les données et signale chaque problème sous la forme `fichier:ligne:col: CODE message`.

    Code de sortie : 0 sans erreur, 1 s'il y a au moins une erreur, 2 pour une commande mal écrite.
    Les options --select et --ignore l'emportent sur la configuration (acv.toml ou \\[tool.acv]).

    Exemples : [bold]acv validate[/] · [bold]acv validate fiches/bethune[/] ·
    [bold]acv validate --format sarif --output-file acv.sarif[/]
    """
    from acvkit import api
    from acvkit.reporters import reporter
    from acvkit.validate_run import after_lint, before_lint, write_report

    verbosity = _verbosity(ctx)
    data, selection = before_lint(ctx, data, paths or [])
    config = api.load_config(api.check_data_dir(data), select=select, ignore=ignore)
    validation = api.validate(
        data,
        config,
        cache=not no_cache,
        au=_au(au),
        baseline=baseline,
        strict=strict,
        describe_config=verbosity.verbose and output_format.value == "text",
    )
    if validation.baseline_created is not None:
        typer.echo(
            f"Ligne de base créée : {baseline} ({validation.baseline_created} diagnostic(s) connus).",
            err=True,
        )
    report = after_lint(ctx, validation.report, data, selection, no_warnings=no_warnings)
    options = api.report_options(data, output_format.value, quiet=verbosity.quiet)
    options = replace(options, docs_base=config.documentation)
    write_report(report, reporter(output_format.value), options, output_file, statistics=statistics)
    raise typer.Exit(1 if report.errors and not exit_zero else 0)


class Dimension(StrEnum):
    axe = "axe"
    sous_axe = "sous-axe"
    collectivite = "collectivite"
    maitre_ouvrage = "maitre-ouvrage"
    financeur = "financeur"
    annee = "annee"
    type = "type"


class FormatCouts(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _load_clean(data: Path, au: date | None = None) -> Dataset:
    """Les données, sans erreur ; sinon `InvalidData`, que `handled` affiche (sortie 1)."""
    from acvkit import api

    return api.load_valid(data, au=au)


@app.command()
@handled
def costs(
    data: DataOption = Path("data"),
    by: Annotated[
        list[Dimension] | None,
        typer.Option("--by", "-b", help="Regroupement ; plusieurs --by font un tableau croisé."),
    ] = None,
    output_format: Annotated[
        FormatCouts, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatCouts.table,
) -> None:
    """Coûts et financements exacts au centime, par axe, sous-axe, collectivité, financeur, année ou type.

    HT, TTC et base non précisée ne sont jamais additionnés en silence. Le JSON est stable
    (montants en texte, « 1712934.00 ») ; le CSV est au format des tableurs français (« ; » et virgule).

    Exemples : [bold]acv costs --by collectivite[/] · [bold]acv costs --by axe --by collectivite --format csv[/]
    """
    from rich.console import Console

    from acvkit import api
    from acvkit.costs.export import to_csv, to_json

    agregat = api.aggregate(_load_clean(data), [d.value for d in by or [Dimension.axe]])
    if output_format is FormatCouts.json:
        sys.stdout.write(to_json(agregat))
    elif output_format is FormatCouts.csv:
        sys.stdout.write(to_csv(agregat))
    else:
        from acvkit.costs_narrow import fit

        console = Console(soft_wrap=False)
        console.print(fit(agregat, console.width))


@app.command("list")
@handled
def list_fiches(
    data: DataOption = Path("data"),
    axe: Annotated[
        str | None, typer.Option("--axe", help="Numéro d'axe (1 à 5) ou sous-axe (4.2).")
    ] = None,
    collectivite: Annotated[
        str | None,
        typer.Option(
            "--collectivite",
            help="Identifiant de collectivité.",
            autocompletion=_complete_collectivites,
        ),
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="etude ou action.")] = None,
    statut: Annotated[
        str | None, typer.Option("--statut", help="a_engager, en_cours, livree…")
    ] = None,
) -> None:
    """Liste les fiches action, filtrées par axe, collectivité, type ou statut.

    Exemple : [bold]acv list --collectivite bruay-la-buissiere --type action[/]
    """
    from rich.console import Console

    from acvkit.views.terminal import fiches_table, matches

    dataset = _load_clean(data)
    fiches = [
        e.model
        for e in dataset.fiches_triees()
        if matches(e.model, axe=axe, collectivite=collectivite, type_=type_, statut=statut)
    ]
    Console(soft_wrap=False).print(fiches_table(fiches, dataset))


@app.command()
@handled
def show(
    numero: Annotated[int, typer.Argument(help="Numéro de la fiche, par exemple 62.")],
    data: DataOption = Path("data"),
) -> None:
    """Affiche une fiche action, ses totaux calculés et ses diagnostics.

    Exemple : [bold]acv show 62[/]
    """
    from rich.console import Console

    from acvkit import api
    from acvkit.views.terminal import fiche_renderables

    report = api.lint(data)
    entry = next((e for e in report.dataset.fiches if e.model.numero == numero), None)
    if entry is None:
        raise _fail_usage(f"aucune fiche FA {numero} lisible dans « {data} »")
    diagnostics = [d for d in report.diagnostics if d.path == entry.doc.path]
    console = Console(soft_wrap=False)
    for renderable in fiche_renderables(entry.model, report.dataset, diagnostics):
        console.print(renderable)


def _print_build(built: Built, out: Path, verbose: bool) -> None:
    """Le tableau des fichiers écrits (et, avec -v, inchangés), puis le bilan."""
    from rich.console import Console
    from rich.table import Table

    titre = f"Build dans {out}/ ({', '.join(built.formats)})"
    table = Table(title=titre, header_style="bold", box=None)
    table.add_column("Fichier")
    table.add_column("Taille", justify="right")
    table.add_column("")
    written = set(built.written)
    for relative, size in built.sizes.items():
        state = "écrit" if relative in written else "inchangé"
        if relative in written or verbose:
            table.add_row(relative, f"{size / 1024:.1f} Ko".replace(".", ","), state)
    Console().print(table)
    typer.echo(f"{len(built.written)} fichier(s) écrit(s), {len(built.unchanged)} inchangé(s).")


@app.command()
@handled
def build(
    ctx: typer.Context,
    data: DataOption = Path("data"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Dossier de sortie.")] = Path("build"),
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="Formats, séparés par des virgules : html, md, docx, xlsx, odt, pdf.",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Dossier de gabarits qui remplace celui d'acvkit."),
    ] = None,
    depuis: Annotated[
        str | None,
        typer.Option(
            "--depuis",
            help="Révision git de la version précédente : ajoute l'annexe « modifications ».",
        ),
    ] = None,
    au: AuOption = None,
) -> None:
    """Produit les annexes de l'avenant (HTML, Markdown, DOCX) et le tableur ANCT depuis les données.

    Refuse de construire à partir de données en erreur. Chaque fichier est écrit d'un coup (les
    anciens restent intacts si le build échoue). Avec SOURCE_DATE_EPOCH, mêmes données = mêmes octets.
    Sans odt ni pdf, le défaut est html,md,docx,xlsx ; odt et pdf demandent LibreOffice.

    Exemples : [bold]acv build[/] · [bold]acv build --format html,xlsx --out public[/]
    """
    from rich.console import Console

    from acvkit import api

    dataset = _load_clean(data, _au(au))
    api.templates_dir(templates)  # refusé avant tout calcul s'il n'existe pas
    wanted = api.parse_formats(formats)
    with Console(stderr=True).status("Production des annexes…") as status:
        built = api.build(
            dataset,
            out,
            wanted,
            templates,
            depuis=depuis,
            progress=lambda step: status.update(f"Production des annexes : {step}…"),
        )
    verbosity = _verbosity(ctx)
    if not verbosity.quiet:
        _print_build(built, out, verbosity.verbose)


@app.command()
@handled
def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Fichiers ou dossiers ; par défaut le dossier --data.", metavar="CHEMINS"
        ),
    ] = None,
    data: DataOption = Path("data"),
    check: Annotated[
        bool, typer.Option("--check", help="N'écrit rien ; sort avec 1 si un fichier changerait.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="N'écrit rien ; montre les changements.")
    ] = False,
) -> None:
    """Met les fichiers de données en forme canonique, sans perdre un commentaire ni une valeur.

    Ordre des clés du format, indentation de 2 espaces, codes entre guillemets, une ligne vide au
    plus entre deux groupes. Un fichier dont la mise en forme changerait les données est laissé tel quel.

    Exemples : [bold]acv fmt[/] · [bold]acv fmt --check[/] · [bold]acv fmt --diff data/fiches/bethune[/]
    """
    from acvkit.fmt import format_paths

    result = format_paths(paths or [data], data, write=not (check or diff))
    for _file, message in result.failed:
        typer.echo(message, err=True)
    for change in result.changed:
        if diff:
            sys.stdout.writelines(change.diff())
        elif check:
            typer.echo(f"{change.file} : à mettre en forme")
        else:
            typer.echo(f"{change.file} : mis en forme")
    verb = "à mettre en forme" if check or diff else "mis en forme"
    if not _verbosity(ctx).quiet:
        typer.echo(result.summary(verb), err=True)
    raise typer.Exit(1 if result.failed or ((check or diff) and result.changed) else 0)


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
            autocompletion=_complete_collectivites,
        ),
    ],
    sous_axe: Annotated[
        str,
        typer.Option(
            "--sous-axe",
            help="Code du sous-axe, par exemple 4.2.",
            autocompletion=_complete_sous_axes,
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
    from acvkit.scaffold import new_fiche as create

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
    from acvkit.scaffold import new_indicateur as create

    file = create(api.load(data), data, axe, intitule, critere)
    typer.echo(f"Indicateur créé : {file}")


@app.command()
@handled
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Dossier où écrire les schémas ; défaut : schemas/ voisin des données.",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="N'écrit rien ; sort avec 1 si un schéma est absent ou périmé."
        ),
    ] = False,
    vscode: Annotated[
        bool,
        typer.Option(
            "--vscode",
            help="Écrit aussi la table yaml.schemas de .vscode/settings.json (à côté des données).",
        ),
    ] = False,
    data: DataOption = Path("data"),
) -> None:
    """Écrit les schémas JSON des fichiers de données, pour la validation et la complétion dans l'éditeur.

    Chaque fichier de données commence par une ligne `# yaml-language-server: $schema=…` qui
    mène au dossier schemas/ voisin du dossier de données : VS Code (extension YAML de Red Hat)
    valide et complète en français. Dans un dépôt qui ne contient que les données, lancez
    « acv schema » une fois (et le crochet acv-schema garde les schémas à jour).

    Exemples : [bold]acv schema[/] · [bold]acv schema --check[/] · [bold]acv schema --vscode[/]
    """
    from acvkit.schema import render_all
    from acvkit.schema_files import SettingsError, default_out, stale, vscode_settings
    from acvkit.workspace import for_display
    from acvkit.writing import atomic_write_text

    schemas = render_all()
    out = out if out is not None else default_out(data)
    shown = for_display(out)
    perimes = stale(out, schemas)
    settings: tuple[Path, str, bool] | None = None
    if vscode:
        try:
            settings = vscode_settings(data.resolve().parent, data, out)
        except SettingsError as exc:
            raise _fail_usage(str(exc)) from exc
    if check:
        for name in perimes:
            typer.echo(f"{shown / name} : périmé ou absent (lancez « acv schema --out {shown} »)")
        if settings is not None and not settings[2]:
            typer.echo(f"{for_display(settings[0])} : yaml.schemas à écrire (acv schema --vscode)")
        raise typer.Exit(1 if perimes or (settings is not None and not settings[2]) else 0)
    for name in perimes:
        atomic_write_text(out / name, schemas[name])
    typer.echo(
        f"{len(perimes)} schéma(s) écrit(s), {len(schemas) - len(perimes)} déjà à jour, dans {shown}/."
    )
    if settings is not None and not settings[2]:
        settings[0].parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(settings[0], settings[1])
        typer.echo(f"{for_display(settings[0])} : table yaml.schemas écrite.")


@app.command("import")
@handled
def import_workbook(
    fichier: Annotated[
        Path, typer.Argument(help="Le tableur ANCT (.xlsx) produit par acv build, corrigé.")
    ],
    data: DataOption = Path("data"),
    write: Annotated[
        bool, typer.Option("--write", help="Écrit les changements dans les fiches YAML.")
    ] = False,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Dossier de gabarits (colonnes du tableur).")
    ] = None,
) -> None:
    """Relit le tableur ANCT (après correction par un partenaire) et montre, champ par champ, ce qui changerait.

    Sans --write, rien n'est écrit. Avec --write, les fiches sont modifiées en place : commentaires et
    mise en page gardés. Une cellule illisible (feuille, ligne, colonne) empêche toute écriture.

    Exemples : [bold]acv import build/anct/plan-action-ACV031.xlsx[/] · [bold]acv import corrige.xlsx --write[/]
    """
    from acvkit import api
    from acvkit.anct.import_xlsx import apply, check_result, read_workbook_file
    from acvkit.safe_text import visible

    dataset = _load_clean(data)
    resultat = read_workbook_file(fichier, dataset, templates or api.default_templates())
    # Les valeurs viennent du tableur : caractères de contrôle échappés avant le terminal.
    for probleme in resultat.problemes:
        typer.echo(visible(f"{fichier} : {probleme}"), err=True)
    for note in resultat.ignores:
        typer.echo(visible(f"Non importé : {note}"), err=True)
    for changement in resultat.changements:
        typer.echo(visible(str(changement)))
    if resultat.problemes:
        typer.echo(
            f"{len(resultat.problemes)} cellule(s) illisible(s) : rien n'est écrit.", err=True
        )
        raise typer.Exit(1)
    if not resultat.changements:
        typer.echo("Aucun changement : les fiches disent déjà ce que dit le tableur.")
        return
    config = api.load_config(data)
    if not write:
        erreurs = check_result(resultat, data, config)
        for erreur in erreurs:
            typer.echo(erreur, err=True)
        if erreurs:
            typer.echo(
                "Le résultat de l'import aurait des erreurs : rien ne serait écrit.", err=True
            )
            raise typer.Exit(1)
        typer.echo(
            f"{len(resultat.changements)} changement(s) ; relancez avec --write pour les écrire."
        )
        return
    written = apply(resultat, data, config)
    typer.echo(
        f"{len(resultat.changements)} changement(s) écrit(s) dans {len(written)} fichier(s)."
    )


@app.command()
@handled
def rules(
    code: Annotated[
        str | None,
        typer.Argument(
            help="Code d'une règle, par exemple CON002.", autocompletion=_complete_rules
        ),
    ] = None,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Toute la documentation en Markdown (docs/regles.md)."),
    ] = False,
) -> None:
    """Liste les règles de `acv validate`, ou affiche la documentation complète de l'une d'elles.

    Exemples : [bold]acv rules[/] · [bold]acv rules CON002[/] · [bold]acv rules --markdown[/]
    """
    from rich.console import Console
    from rich.table import Table

    from acvkit.linting.docs import markdown as rules_markdown
    from acvkit.linting.docs import rule_text
    from acvkit.rules import ALL_RULES
    from acvkit.rules.base import suggest

    if markdown:
        typer.echo(rules_markdown(), nl=False)
        return
    if code is not None:
        rule = ALL_RULES.get(code.upper())
        if rule is None:
            raise _fail_usage(f"règle inconnue « {code} »{suggest(code.upper(), ALL_RULES)}")
        typer.echo(rule_text(rule))
        return
    table = Table(box=None, show_header=True, header_style="bold")
    for titre in ("Code", "Gravité", "Nom", "Ce qu'elle signale"):
        table.add_column(titre)
    for r in ALL_RULES.values():
        table.add_row(r.code, r.severity.libelle, r.name, r.summary)
    Console(soft_wrap=False).print(table)


# --- acv init -----------------------------------------------------------------------------------


def _demander(
    cle: str, valeur: str | None, terminal: bool, verifier: Callable[[str], object]
) -> str:
    """La valeur d'une option ; absente : demandée sur un terminal (jusqu'à une réponse valable)."""
    from acvkit.init_repo import AIDE, InitError

    option, aide = AIDE[cle]
    if valeur is not None:
        return valeur
    if not terminal:
        raise _fail_usage(f"option {option} manquante : {aide} (sans terminal, rien n'est demandé)")
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
        raise _fail_usage(f"option {option} manquante : {aide} (sans terminal, rien n'est demandé)")
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
        raise _fail_usage(str(exc)) from exc
    quiet = _verbosity(ctx).quiet
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
        raise _fail_usage(
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


@app.command()
@handled
def fix(
    data: DataOption = Path("data"),
    diff: Annotated[
        bool, typer.Option("--diff", help="N'écrit rien ; montre les corrections.")
    ] = False,
) -> None:
    """Fait les corrections mécaniques : « vouliez-vous dire » à une seule proposition (clé ou
    identifiant), codes écrits en nombres mis entre guillemets, lignes de schéma rétablies.

    Le reste du fichier (commentaires, mise en page) ne bouge pas. Code de sortie : 1 s'il reste
    une erreur, 0 sinon.

    Exemples : [bold]acv fix --diff[/] · [bold]acv fix[/]
    """
    import difflib

    from acvkit import api
    from acvkit.fixing import fix_folder
    from acvkit.workspace import for_display
    from acvkit.writing import atomic_write_text

    config = api.load_config(api.check_data_dir(data))

    def diagnostics(folder: Path) -> list[Diagnostic]:
        return api.lint(folder, config).diagnostics

    result = fix_folder(data, diagnostics)
    for file, (before, after) in sorted(result.changed.items()):
        shown = for_display(file)
        if diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    before.splitlines(True),
                    after.splitlines(True),
                    f"{shown} (avant)",
                    f"{shown} (après)",
                )
            )
        else:
            atomic_write_text(file, after)
            typer.echo(f"{shown} : {result.corrections.get(file, 1)} correction(s)")
    verbe = "à corriger" if diff else "corrigé(s)"
    typer.echo(f"{len(result.changed)} fichier(s) {verbe}.", err=True)
    if diff:
        raise typer.Exit(1 if result.changed else 0)
    restent = [d for d in diagnostics(data) if d.severity.value == "error"]
    if restent:
        typer.echo(
            f"{len(restent)} erreur(s) restent à corriger à la main (acv validate).", err=True
        )
    raise typer.Exit(1 if restent else 0)


def main() -> None:
    """Point d'entrée : une erreur interne (un bogue) donne un message court et un journal, jamais une trace."""
    import gc

    # Une commande courte crée des centaines de milliers d'objets (10 000 fiches) et presque aucun
    # cycle : le ramasse-miettes, réglé pour des programmes qui durent, la ralentirait d'un quart.
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    from acvkit.output_errors import OutputError, guard_output

    try:
        with guard_output():
            app(prog_name="acv")
    except OutputError as exc:  # sortie pleine, tube fermé : pas un bogue
        raise SystemExit(exc.report()) from None
    except Exception as exc:  # budget d'erreur : tout bogue devient un message, sortie 2
        from acvkit.crash import report_crash

        raise SystemExit(report_crash(exc)) from None


# --- Suivi après la signature (acv suivi, acv new suivi) ---------------------------------------


class FormatSuivi(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    csv = "csv"


@app.command()
@handled
def suivi(
    data: DataOption = Path("data"),
    au: AuOption = None,
    output_format: Annotated[
        FormatSuivi, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatSuivi.text,
) -> None:
    """L'état du plan à une date : fiches et coûts par statut, financements, réalisé, retards.

    Par financeur : prévu, demandé, attribué et versé ; par année : réalisé et prévu ; puis les
    fiches en retard et celles sans suivi depuis plus de six mois. HT et TTC restent séparés.
    Le JSON est stable et documenté (README, docs/format.md).

    Exemples : [bold]acv suivi --au 2025-06-30[/] · [bold]acv suivi --format json[/]
    """
    from acvkit.suivi.etat import etat_suivi
    from acvkit.suivi.sortie import FORMATS

    jour = _au(au)
    dataset = _load_clean(data, jour)
    sys.stdout.write(FORMATS[output_format.value](etat_suivi(dataset, jour)))


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
    from acvkit.suivi.journal import JournalError, ajouter_entree

    api.check_data_dir(data)
    jour = date_rapport(_au(date_entree))
    try:
        file = ajouter_entree(
            load_folder(data).dataset, numero, statut, jour, note, list(vigilance or [])
        )
    except JournalError as exc:
        raise _fail_usage(str(exc)) from exc
    typer.echo(f"Suivi ajouté à FA {numero} ({jour:%d/%m/%Y}, {statut}) : {file}")


# --- acv diff ------------------------------------------------------------------------------------


class FormatDiff(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    github = "github"


@app.command()
@handled
def diff(
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            help="Aucune : HEAD contre l'arbre de travail ; une : cette révision contre l'arbre "
            "de travail ; deux : de la première à la seconde.",
            metavar="REV_AVANT REV_APRES",
            show_default=False,
        ),
    ] = None,
    data: DataOption = Path("data"),
    avant: Annotated[
        Path | None, typer.Option("--avant", help="Dossier de données d'avant (sans git).")
    ] = None,
    apres: Annotated[
        Path | None, typer.Option("--apres", help="Dossier de données d'après (sans git).")
    ] = None,
    output_format: Annotated[
        FormatDiff, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatDiff.text,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Sortie 1 quand quelque chose change (comme git diff)."),
    ] = False,
) -> None:
    """Ce qui change dans le plan entre deux versions : fiches, montants par base, totaux, diagnostics.

    Les révisions sont lues dans git sans extraction ; les deux côtés sont validés puis comparés
    modèle à modèle (une fiche renumérotée est reconnue). Le format github écrit le Markdown dans
    le résumé de l'étape ($GITHUB_STEP_SUMMARY) et l'affiche.

    Exemples : [bold]acv diff[/] · [bold]acv diff origin/main --format md[/] · [bold]acv diff --avant avenant-2/ --apres avenant-3/[/]
    """
    from acvkit import api

    resultat = api.diff(data, revisions or [], avant=avant, apres=apres)
    api.render_diff(resultat, output_format.value, sys.stdout)
    raise typer.Exit(1 if exit_code and not resultat.vide else 0)


# --- acv indicateurs (issue #18) ---------------------------------------------------------------


class FormatIndicateurs(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    csv = "csv"


@app.command()
@handled
def indicateurs(
    data: DataOption = Path("data"),
    output_format: Annotated[
        FormatIndicateurs, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatIndicateurs.text,
) -> None:
    """Indicateurs d'évaluation chiffrés : référence, dernière valeur, cible, avancement et verdict.

    La trajectoire relie la référence aux cibles en ligne droite ; le verdict (en avance, dans la
    trajectoire, en retard, pas de valeur, non évaluable) compare la dernière valeur à la valeur
    attendue, avec une tolérance de 5 % du chemin de la référence à la cible (voir le README).

    Exemples : [bold]acv indicateurs[/] · [bold]acv indicateurs --format json[/]
    """
    from acvkit.indicateurs import evaluer_dataset
    from acvkit.indicateurs.sorties import to_csv, to_json, to_markdown, to_text

    evaluations = evaluer_dataset(_load_clean(data))
    rendu = {
        FormatIndicateurs.text: to_text,
        FormatIndicateurs.json: to_json,
        FormatIndicateurs.md: to_markdown,
        FormatIndicateurs.csv: to_csv,
    }[output_format]
    sys.stdout.write(rendu(evaluations))
