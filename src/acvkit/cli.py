"""L'interface en ligne de commande `acv` : lit les options, appelle la bibliothèque, affiche."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acvkit import __version__
from acvkit.cli_fr import franciser

if TYPE_CHECKING:
    from acvkit.loading import Dataset

franciser()

app = typer.Typer(
    name="acv",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)

DataOption = Annotated[
    Path,
    typer.Option(
        "--data", "-d", help="Dossier des données (programme.yaml, fiches/…).", show_default=True
    ),
]


class FormatValidate(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"


def _codes(values: list[str] | None) -> list[str]:
    """`--select INT,MON --select CAL` → ["INT", "MON", "CAL"]."""
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def _fail_usage(message: str) -> typer.Exit:
    typer.echo(f"Erreur : {message}", err=True)
    return typer.Exit(2)


def _check_data(data: Path) -> None:
    if not data.is_dir():
        raise _fail_usage(f"le dossier de données « {data} » n'existe pas (option --data)")


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
def validate(
    ctx: typer.Context,
    data: DataOption = Path("data"),
    output_format: Annotated[
        FormatValidate, typer.Option("--format", "-f", help="Forme de la sortie.")
    ] = FormatValidate.text,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", help="Règles à appliquer (codes ou préfixes, séparés par des virgules)."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Règles à ne pas appliquer (codes ou préfixes)."),
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
) -> None:
    """Vérifie les données et signale chaque problème sous la forme `fichier:ligne:col: CODE message`.

    Code de sortie : 0 sans erreur, 1 s'il y a au moins une erreur, 2 pour une commande mal écrite.
    Les options --select et --ignore l'emportent sur la configuration (acv.toml ou \\[tool.acv]).

    Exemple : [bold]acv validate --data data --format github --ignore CON004[/]
    """
    import os

    from acvkit.baseline import BaselineError, apply_baseline, write_baseline
    from acvkit.config import ConfigError, load_config, parse_config
    from acvkit.linter import is_selected, lint, strict_report
    from acvkit.reporters import REPORTERS, ReportOptions, repo_relative
    from acvkit.rules import ALL_RULES

    _check_data(data)
    try:
        config = load_config(data, set(ALL_RULES))
        overrides = parse_config(
            {"select": _codes(select), "ignore": _codes(ignore)},
            "ligne de commande",
            set(ALL_RULES),
        )
    except ConfigError as exc:
        raise _fail_usage(str(exc)) from exc
    if select:
        config.select = overrides.select
    if ignore:
        config.ignore = overrides.ignore
    display = data.as_posix()
    # ACV_LECTURE_LENTE=1 : tout lire par ruamel.yaml (mesures, comparaisons) ; même résultat, plus lent.
    fast = os.environ.get("ACV_LECTURE_LENTE") != "1"
    report = lint(
        data, config, display_root=display, cache=not no_cache, fast=fast, need_dataset=False
    )
    if baseline is not None:
        if not baseline.exists():
            count = write_baseline(report, baseline, display)
            typer.echo(
                f"Ligne de base créée : {baseline} ({count} diagnostic(s) connus).", err=True
            )
        try:
            report = apply_baseline(report, baseline, display)
        except BaselineError as exc:
            raise _fail_usage(str(exc)) from exc
    if strict:
        report = strict_report(report)
    verbosity = _verbosity(ctx)
    report.quiet = verbosity.quiet
    if verbosity.verbose and output_format is FormatValidate.text:
        source = config.source or "aucune (règles par défaut)"
        report.notes.append(f"Configuration : {source}")
        report.notes.append(
            f"Règles appliquées : {len([c for c in ALL_RULES if is_selected(c, config)])}/{len(ALL_RULES)}"
        )
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    options = ReportOptions(
        repo_path=repo_relative(data, Path.cwd()),
        step_summary=Path(summary) if summary and output_format is FormatValidate.github else None,
    )
    REPORTERS[output_format.value](report, sys.stdout, options)
    raise typer.Exit(1 if report.errors else 0)


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


def _load_clean(data: Path, avertissements: list[str] | None = None) -> Dataset:
    """Charge les données ; s'il y a des erreurs, les affiche et sort avec le code 1.

    Avec une liste `avertissements`, les avertissements sont aussi cherchés et y sont ajoutés.
    """
    from acvkit.config import ConfigError, load_config
    from acvkit.linter import lint
    from acvkit.reporters import REPORTERS, ReportOptions
    from acvkit.rules import ALL_RULES

    _check_data(data)
    try:
        config = load_config(data, set(ALL_RULES))
    except ConfigError as exc:
        raise _fail_usage(str(exc)) from exc
    report = lint(
        data,
        config,
        display_root=data.as_posix(),
        cache=True,
        errors_only=avertissements is None,
    )
    if avertissements is not None:
        avertissements.extend(str(d) for d in report.warnings)
    if report.errors:
        report.diagnostics = report.errors
        REPORTERS["text"](report, sys.stderr, ReportOptions())
        typer.echo(
            "Les données comportent des erreurs : corrigez-les d'abord (acv validate).", err=True
        )
        raise typer.Exit(1)
    return report.dataset


@app.command()
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

    from acvkit.aggregation import DimensionError, aggregate_dataset
    from acvkit.costs_output import to_csv, to_json, to_table

    dataset = _load_clean(data)
    dimensions = tuple(d.value for d in by or [Dimension.axe])
    try:
        agregat = aggregate_dataset(dataset, dimensions)
    except DimensionError as exc:
        raise _fail_usage(str(exc)) from exc
    if output_format is FormatCouts.json:
        sys.stdout.write(to_json(agregat))
    elif output_format is FormatCouts.csv:
        sys.stdout.write(to_csv(agregat))
    else:
        Console(soft_wrap=False).print(to_table(agregat))


@app.command("list")
def list_fiches(
    data: DataOption = Path("data"),
    axe: Annotated[
        str | None, typer.Option("--axe", help="Numéro d'axe (1 à 5) ou sous-axe (4.2).")
    ] = None,
    collectivite: Annotated[
        str | None, typer.Option("--collectivite", help="Identifiant de collectivité.")
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

    from acvkit.fiche_view import fiches_table, matches

    dataset = _load_clean(data)
    fiches = [
        e.model
        for e in dataset.fiches_triees()
        if matches(e.model, axe=axe, collectivite=collectivite, type_=type_, statut=statut)
    ]
    Console(soft_wrap=False).print(fiches_table(fiches, dataset))


@app.command()
def show(
    numero: Annotated[int, typer.Argument(help="Numéro de la fiche, par exemple 62.")],
    data: DataOption = Path("data"),
) -> None:
    """Affiche une fiche action, ses totaux calculés et ses diagnostics.

    Exemple : [bold]acv show 62[/]
    """
    from rich.console import Console

    from acvkit.config import load_config
    from acvkit.fiche_view import fiche_renderables
    from acvkit.linter import lint
    from acvkit.rules import ALL_RULES

    _check_data(data)
    report = lint(data, load_config(data, set(ALL_RULES)), display_root=data.as_posix())
    entry = next((e for e in report.dataset.fiches if e.model.numero == numero), None)
    if entry is None:
        raise _fail_usage(f"aucune fiche FA {numero} lisible dans « {data} »")
    diagnostics = [d for d in report.diagnostics if d.path == entry.doc.path]
    console = Console(soft_wrap=False)
    for renderable in fiche_renderables(entry.model, report.dataset, diagnostics):
        console.print(renderable)


def default_templates() -> Path:
    """Les gabarits d'acvkit : templates/ du dépôt, installé comme paquet acvkit_templates."""
    import importlib.util

    spec = importlib.util.find_spec("acvkit_templates")
    if spec is None or spec.origin is None:
        raise _fail_usage("gabarits d'acvkit introuvables : réinstallez acvkit")
    return Path(spec.origin).parent


@app.command()
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
) -> None:
    """Produit les annexes de l'avenant (HTML, Markdown, DOCX) et le tableur ANCT depuis les données.

    Refuse de construire à partir de données en erreur. Chaque fichier est écrit d'un coup (les
    anciens restent intacts si le build échoue). Avec SOURCE_DATE_EPOCH, mêmes données = mêmes octets.
    Sans odt ni pdf, le défaut est html,md,docx,xlsx ; odt et pdf demandent LibreOffice.

    Exemples : [bold]acv build[/] · [bold]acv build --format html,xlsx --out public[/]
    """
    from rich.console import Console
    from rich.table import Table

    from acvkit.build.reproducible import data_commit, source_date
    from acvkit.build.runner import BuildError, parse_formats, render_all, write_all

    avertissements: list[str] = []  # repris dans les points d'attention de l'index
    dataset = _load_clean(data, avertissements)
    templates_dir = templates if templates is not None else default_templates()
    if not templates_dir.is_dir():
        raise _fail_usage(
            f"le dossier de gabarits « {templates_dir} » n'existe pas (option --templates)"
        )
    try:
        wanted = parse_formats(formats or [])
    except BuildError as exc:
        raise _fail_usage(str(exc)) from exc
    console = Console(stderr=True)
    when = source_date(data)
    try:
        with console.status("Production des annexes…") as status:
            files = render_all(
                dataset,
                wanted,
                templates_dir,
                when,
                data_commit(data),
                progress=lambda step: status.update(f"Production des annexes : {step}…"),
                avertissements=avertissements,
            )
    except BuildError as exc:
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(1) from exc
    result = write_all(files, out)
    verbosity = _verbosity(ctx)
    if verbosity.quiet:
        return
    table = Table(title=f"Build dans {out}/ ({', '.join(wanted)})", header_style="bold", box=None)
    table.add_column("Fichier")
    table.add_column("Taille", justify="right")
    table.add_column("")
    sizes = dict(result.written)
    for relative, content in files.items():
        state = "écrit" if relative in sizes else "inchangé"
        if relative in sizes or verbosity.verbose:
            table.add_row(relative, f"{len(content) / 1024:.1f} Ko".replace(".", ","), state)
    Console().print(table)
    typer.echo(f"{len(result.written)} fichier(s) écrit(s), {len(result.unchanged)} inchangé(s).")


@app.command()
def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Fichiers ou dossiers ; par défaut le dossier --data."),
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
    import difflib
    from pathlib import PurePosixPath

    from acvkit.formatting import FormatError, format_text, model_for
    from acvkit.loading.discovery import discover
    from acvkit.writing import atomic_write_text

    files: list[Path] = []
    for target in paths or [data]:
        if target.is_dir():
            files += [target / r for r in discover(target)]
        elif target.is_file():
            files.append(target)
        else:
            raise _fail_usage(f"« {target} » n'existe pas")
    changed, failed = [], 0
    for file in files:
        try:
            relative = file.resolve().relative_to(data.resolve())
        except ValueError:
            relative = file
        model = model_for(PurePosixPath(relative.as_posix()))
        if model is None:
            continue
        try:
            before = file.read_text(encoding="utf-8")
            after = format_text(before, file.as_posix(), model)
        except (FormatError, UnicodeDecodeError, OSError) as exc:
            typer.echo(
                f"{file} : {exc}" if not isinstance(exc, FormatError) else str(exc), err=True
            )
            failed += 1
            continue
        if after == before:
            continue
        changed.append(file)
        if diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    before.splitlines(True),
                    after.splitlines(True),
                    f"{file} (avant)",
                    f"{file} (après)",
                )
            )
        elif check:
            typer.echo(f"{file} : à mettre en forme")
        else:
            atomic_write_text(file, after)
    verbe = "à mettre en forme" if check or diff else "mis en forme"
    if not _verbosity(ctx).quiet:
        typer.echo(
            f"{len(changed)} fichier(s) {verbe}, {len(files) - len(changed) - failed} déjà en forme"
            + (f", {failed} en erreur" if failed else "")
            + ".",
            err=True,
        )
    raise typer.Exit(1 if failed or ((check or diff) and changed) else 0)


new_app = typer.Typer(no_args_is_help=True)
app.add_typer(new_app, name="new")


@new_app.callback()
def new_callback() -> None:
    """Crée une fiche action ou un indicateur, chaque rubrique présente et commentée.

    Exemple : [bold]acv new fiche --collectivite bethune --sous-axe 4.2 --titre "Place du Marché"[/]
    """


@new_app.command("fiche")
def new_fiche(
    collectivite: Annotated[
        str, typer.Option("--collectivite", help="Identifiant de la collectivité.")
    ],
    sous_axe: Annotated[str, typer.Option("--sous-axe", help="Code du sous-axe, par exemple 4.2.")],
    titre: Annotated[str, typer.Option("--titre", help="Titre du projet.")],
    type_: Annotated[str, typer.Option("--type", help="etude ou action.")] = "action",
    data: DataOption = Path("data"),
) -> None:
    """Crée une fiche au numéro libre suivant, dans fiches/<collectivite>/fa-<numero>-<titre>.yaml.

    Exemple : [bold]acv new fiche --collectivite bethune --sous-axe 4.2 --titre "Requalification de la place du Marché"[/]
    """
    from acvkit.loading import load_folder
    from acvkit.scaffold import ScaffoldError
    from acvkit.scaffold import new_fiche as create

    _check_data(data)
    try:
        file = create(load_folder(data).dataset, data, collectivite, sous_axe, titre, type_)
    except ScaffoldError as exc:
        raise _fail_usage(str(exc)) from exc
    typer.echo(f"Fiche créée : {file}")


@new_app.command("indicateur")
def new_indicateur(
    axe: Annotated[str, typer.Option("--axe", help="1 à 5, ou transversal.")],
    intitule: Annotated[str, typer.Option("--intitule", help="Intitulé de l'indicateur.")],
    critere: Annotated[str, typer.Option("--critere", help="Critère d'évaluation.")] = "",
    data: DataOption = Path("data"),
) -> None:
    """Crée un indicateur d'évaluation au rang libre suivant de son axe (indicateurs/ind-<axe>-<nn>.yaml).

    Exemple : [bold]acv new indicateur --axe 3 --intitule "Nombre de stationnements vélo"[/]
    """
    from acvkit.loading import load_folder
    from acvkit.scaffold import ScaffoldError
    from acvkit.scaffold import new_indicateur as create

    _check_data(data)
    try:
        file = create(load_folder(data).dataset, data, axe, intitule, critere)
    except ScaffoldError as exc:
        raise _fail_usage(str(exc)) from exc
    typer.echo(f"Indicateur créé : {file}")


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Dossier où écrire les schémas.")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="N'écrit rien ; sort avec 1 si un schéma est absent ou périmé."
        ),
    ] = False,
) -> None:
    """Écrit les schémas JSON des fichiers de données, pour la validation et la complétion dans l'éditeur.

    Chaque fichier de données commence par une ligne `# yaml-language-server: $schema=…` qui
    pointe vers l'un d'eux : VS Code (extension YAML de Red Hat) valide et complète en français.

    Exemples : [bold]acv schema --out schemas[/] · [bold]acv schema --check[/]
    """
    from acvkit.schema import render_all
    from acvkit.writing import atomic_write_text

    schemas = render_all()
    stale = [
        name
        for name, text in schemas.items()
        if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text
    ]
    if check:
        for name in stale:
            typer.echo(f"{out / name} : périmé ou absent (lancez « acv schema --out {out} »)")
        raise typer.Exit(1 if stale else 0)
    for name in stale:
        atomic_write_text(out / name, schemas[name])
    typer.echo(
        f"{len(stale)} schéma(s) écrit(s), {len(schemas) - len(stale)} déjà à jour, dans {out}/."
    )


@app.command("import")
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
    from acvkit.build.anct_mapping import MappingError, load_colonnes
    from acvkit.importing import ImportError_, apply, read_workbook

    dataset = _load_clean(data)
    if not fichier.is_file():
        raise _fail_usage(f"le tableur « {fichier} » n'existe pas")
    try:
        colonnes = load_colonnes((templates or default_templates()) / "anct" / "colonnes.yaml")
        resultat = read_workbook(fichier, dataset, colonnes)
    except (MappingError, ImportError_) as exc:
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(1) from exc
    for probleme in resultat.problemes:
        typer.echo(f"{fichier} : {probleme}", err=True)
    for note in resultat.ignores:
        typer.echo(f"Non importé : {note}", err=True)
    for changement in resultat.changements:
        typer.echo(str(changement))
    if resultat.problemes:
        typer.echo(
            f"{len(resultat.problemes)} cellule(s) illisible(s) : rien n'est écrit.", err=True
        )
        raise typer.Exit(1)
    if not resultat.changements:
        typer.echo("Aucun changement : les fiches disent déjà ce que dit le tableur.")
        return
    if not write:
        typer.echo(
            f"{len(resultat.changements)} changement(s) ; relancez avec --write pour les écrire."
        )
        return
    try:
        written = apply(resultat)
    except ImportError_ as exc:
        typer.echo(f"Erreur : {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(
        f"{len(resultat.changements)} changement(s) écrit(s) dans {len(written)} fichier(s)."
    )


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(help="Code d'une règle, par exemple CON002.")
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

    from acvkit.rules import ALL_RULES
    from acvkit.rules.base import suggest
    from acvkit.rules_doc import markdown as rules_markdown
    from acvkit.rules_doc import rule_text

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


def main() -> None:
    """Point d'entrée : une erreur interne (un bogue) donne un message court et un journal, jamais une trace."""
    import gc

    # Une commande courte crée des centaines de milliers d'objets (10 000 fiches) et presque aucun
    # cycle : le ramasse-miettes, réglé pour des programmes qui durent, la ralentirait d'un quart.
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        app(prog_name="acv")
    except Exception as exc:  # budget d'erreur : tout bogue devient un message, sortie 2
        from acvkit.crash import report_crash

        raise SystemExit(report_crash(exc)) from None
