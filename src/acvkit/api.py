"""Les parcours que partagent les commandes, et qu'un programme Python peut suivre lui-même.

Lire un dossier de données, le valider, chiffrer, produire les annexes : chaque commande `acv`
lit ses options, appelle l'une de ces fonctions, puis affiche. Les erreurs sont des `AcvError`
(voir acvkit.errors), au message français.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from acvkit.config import Config, parse_config
from acvkit.config import load_config as _find_config
from acvkit.errors import UsageError
from acvkit.linting.report import InvalidData, LintReport, is_selected, strict_report
from acvkit.reporters.options import ReportOptions, repo_relative

if TYPE_CHECKING:
    from acvkit.costs.aggregate import Agregat
    from acvkit.diagnostics import Diagnostic
    from acvkit.diff.compare import Difference
    from acvkit.linting.engine import Linter
    from acvkit.loading import Dataset

DataDir = Path | str


def _codes(values: Iterable[str] | None) -> list[str]:
    """`["INT,MON", "CAL"]` → ["INT", "MON", "CAL"]."""
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def load_config(
    data_dir: DataDir, *, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> Config:
    """La configuration du dossier (acv.toml, ou [tool.acv] de pyproject.toml), puis `select` et
    `ignore` par-dessus (options --select et --ignore). Lève `ConfigError`."""
    from acvkit.linting.catalogue import rule_names

    known = set(rule_names())
    config = _find_config(Path(data_dir), known)
    wanted = {"select": _codes(select), "ignore": _codes(ignore)}
    overrides = parse_config(wanted, "ligne de commande", known)
    if wanted["select"]:
        config.select = overrides.select
    if wanted["ignore"]:
        config.ignore = overrides.ignore
    return config


def check_data_dir(data_dir: DataDir) -> Path:
    """Le dossier de données, s'il existe ; sinon `UsageError`."""
    path = Path(data_dir)
    if not path.is_dir():
        raise UsageError(
            f"le dossier de données « {path} » n'existe pas (option --data ; sans elle, acv "
            "cherche programme.yaml en remontant depuis le dossier courant)"
        )
    return path


def load(data_dir: DataDir) -> Dataset:
    """Tout ce qui se lit et se valide dans le dossier ; les problèmes de lecture sont dans
    `dataset.read_diagnostics` (le jeu n'est pas vérifié par les règles : voir `lint`)."""
    from acvkit.loading import load_folder

    return load_folder(check_data_dir(data_dir)).dataset


def lint(data: DataDir | Dataset, config: Config | None = None) -> LintReport:
    """Les diagnostics d'un dossier de données (ou d'un jeu déjà lu), triés.

    Sans `config`, celle du dossier (acv.toml…). Pour le cache ou les seules erreurs : `Linter`.
    """
    from acvkit.linting.engine import Linter
    from acvkit.loading import Dataset

    if isinstance(data, Dataset):
        return Linter(config or load_config(data.root)).lint(data)
    root = check_data_dir(data)
    return Linter(config or load_config(root)).lint(root)


def load_valid(
    data_dir: DataDir, config: Config | None = None, *, as_of: date | None = None
) -> Dataset:
    """Le jeu de données, s'il est sans erreur ; sinon `InvalidData`, qui porte le rapport des
    seules erreurs (costs, build, import)."""
    root = check_data_dir(data_dir)
    from acvkit.linting.engine import Linter

    linter = Linter(config or load_config(root), cache=True, errors_only=True, as_of=as_of)
    report = linter.lint(root)
    if report.errors:
        raise InvalidData(replace(report, diagnostics=report.errors))
    return report.dataset


@dataclass(frozen=True)
class Validation:
    """Le résultat de `acv validate` : le rapport à afficher, et la ligne de base créée s'il y a lieu."""

    report: LintReport
    baseline_created: int | None = (
        None  # nombre de diagnostics écrits dans la nouvelle ligne de base
    )


def validate(
    data_dir: DataDir,
    config: Config,
    *,
    cache: bool = True,
    as_of: date | None = None,
    baseline: Path | None = None,
    strict: bool = False,
    describe_config: bool = False,
) -> Validation:
    """La validation complète : cache, ligne de base (créée si absente), mode strict et, avec
    `describe_config`, les notes qui disent la configuration retenue."""
    from acvkit.linting.baseline import apply_baseline, write_baseline

    root = check_data_dir(data_dir)
    display = root.as_posix()
    report = _validate_report(root, display, config, cache=cache, as_of=as_of)
    created = None
    if baseline is not None:
        if not baseline.exists():
            created = write_baseline(report, baseline, display)
        report = apply_baseline(report, baseline, display)
    if strict:
        report = strict_report(report)
    if describe_config:
        from acvkit.rules import ALL_RULES

        selected = len([c for c in ALL_RULES if is_selected(c, config)])
        notes = [
            f"Configuration : {config.source or 'aucune (règles par défaut)'}",
            f"Règles appliquées : {selected}/{len(ALL_RULES)}",
        ]
        report = replace(report, notes=[*report.notes, *notes])
    return Validation(report, created)


def _validate_report(
    root: Path, display: str, config: Config, *, cache: bool, as_of: date | None
) -> LintReport:
    """Le rapport de validation : un dossier inchangé le redonne du cache sans charger les
    modèles ni les règles (le moteur n'est importé que s'il faut valider)."""
    if not cache:
        from acvkit.linting.engine import Linter

        return Linter(config, as_of=as_of).lint(root, display)
    from acvkit.linting.warm import Warm

    warm = Warm(root, display, config, as_of)
    if (known := warm.hit(lambda: _engine(config, as_of).reload(root, display))) is not None:
        return known
    return _engine(config, as_of).lint_warm(root, display, warm)


def _engine(config: Config, as_of: date | None) -> Linter:
    from acvkit.linting.engine import Linter

    return Linter(config, cache=True, as_of=as_of)


def report_options(data_dir: DataDir, output_format: str, *, quiet: bool = False) -> ReportOptions:
    """Ce que les vues des diagnostics ont besoin de savoir : chemins du dépôt, résumé d'étape
    GitHub (variable GITHUB_STEP_SUMMARY, pour le format github seulement), mode silencieux."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    return ReportOptions(
        repo_path=repo_relative(Path(data_dir), Path.cwd()),
        step_summary=Path(summary) if summary and output_format == "github" else None,
        quiet=quiet,
    )


def aggregate(dataset: Dataset, by: Sequence[str] = ("axe",)) -> Agregat:
    """Coûts et financements exacts, regroupés selon une ou plusieurs dimensions (axe, sous-axe,
    collectivite, maitre-ouvrage, financeur, annee, type). Lève `DimensionError`."""
    from acvkit.costs.aggregate import aggregate_dataset

    return aggregate_dataset(dataset, tuple(by))


def default_templates() -> Path:
    """Les gabarits d'acvkit : le dossier `templates/` du paquet."""
    folder = Path(__file__).resolve().parent / "templates"
    if not folder.is_dir():
        raise UsageError("gabarits d'acvkit introuvables : réinstallez acvkit")
    return folder


def templates_dir(templates: DataDir | None) -> Path:
    """Le dossier de gabarits demandé (option --templates), ou celui d'acvkit."""
    folder = Path(templates) if templates is not None else default_templates()
    if not folder.is_dir():
        raise UsageError(f"le dossier de gabarits « {folder} » n'existe pas (option --templates)")
    return folder


def parse_formats(formats: Iterable[str] | None) -> tuple[str, ...]:
    """« html,md » « docx » → ("html", "md", "docx") ; rien : les formats par défaut. Lève `UsageError`."""
    from acvkit.annexes.runner import parse_formats as parse
    from acvkit.errors import BuildError

    try:
        return parse(formats or [])
    except BuildError as exc:
        raise UsageError(str(exc)) from exc


@dataclass(frozen=True)
class Built:
    """Ce qu'a produit un build : chaque fichier (chemin relatif → taille), écrit ou inchangé."""

    formats: tuple[str, ...]
    sizes: dict[str, int]
    written: list[str]
    unchanged: list[str]


def build(
    dataset: Dataset,
    out: DataDir,
    formats: Iterable[str] | None = None,
    templates: DataDir | None = None,
    *,
    since: str | None = None,
    warnings: Sequence[Diagnostic] | None = None,
    progress: Callable[[str], None] | None = None,
    titre_modifications: str | None = None,
    a_signer: bool = False,
) -> Built:
    """Produit les annexes et le tableur ANCT d'un jeu de données sans erreur (voir `load_valid`).

    Tout est rendu en mémoire, puis chaque fichier est écrit d'un coup : si le rendu échoue
    (`BuildError`), rien n'est écrit. La date vient de SOURCE_DATE_EPOCH ou du dernier commit.
    `a_signer` : la copie à signer, sans point d'attention ; refusée (`BuildError`, avec ce qui
    la bloque) tant qu'il reste un texte provisoire ou un « à déterminer » qu'interdit acv.toml.
    """
    from acvkit.annexes.modifications import TITRE
    from acvkit.annexes.reproducible import data_commit, source_date
    from acvkit.annexes.runner import render_all, write_all

    wanted = parse_formats(formats)
    folder = templates_dir(templates)
    if a_signer:
        from acvkit.annexes.signing import refuse_unsignable

        refuse_unsignable(dataset, load_config(dataset.root))
    when = source_date(dataset.root)
    titre = (titre_modifications or "").strip() or TITRE
    modifications = _modifications(dataset, since, wanted, folder, when, titre) if since else {}
    if warnings is None and not a_signer:  # repris dans les points d'attention de l'index
        from acvkit.linting.engine import Linter

        linter = Linter(load_config(dataset.root), as_of=dataset.date_rapport)
        warnings = linter.lint(dataset).warnings
    files = render_all(
        dataset,
        wanted,
        folder,
        when,
        data_commit(dataset.root),
        progress,
        avertissements=list(warnings or []),
        extra_annexes=(("modifications", titre),) if modifications else (),
        a_signer=a_signer,
    )
    if modifications:
        files = dict(sorted({**files, **modifications}.items()))
    result = write_all(files, Path(out))
    return Built(
        wanted,
        {name: len(content) for name, content in files.items()},
        [name for name, _ in result.written],
        result.unchanged,
    )


def _modifications(
    dataset: Dataset,
    since: str,
    wanted: tuple[str, ...],
    folder: Path,
    when: datetime,
    titre: str,
) -> dict[str, bytes]:
    """L'annexe « modifications » de `acv build --from-ref REV` (REV contre les données construites)."""
    from acvkit.annexes.assemble import entete
    from acvkit.annexes.modifications import render_modifications
    from acvkit.diff import difference_git
    from acvkit.diff.phrases import recit

    resultat = difference_git(
        dataset.root, since, None, load_config(dataset.root), dataset.date_rapport
    )
    if not all(
        (folder / f).is_file() for f in ("html/modifications.html.j2", "md/modifications.md.j2")
    ):
        folder = default_templates()  # des gabarits d'une collectivité sans cette annexe
    return render_modifications(
        recit(resultat),
        wanted,
        folder,
        entete(dataset, when.date()),
        len(dataset.fiches),
        when,
        titre,
    )


def diff(
    data_dir: DataDir,
    revisions: Sequence[str] = (),
    *,
    before: DataDir | None = None,
    after: DataDir | None = None,
    as_of: date | None = None,
) -> Difference:
    """Ce qui change entre deux versions du plan : deux révisions git du dossier `data_dir` (aucune :
    HEAD contre l'arbre de travail ; une : elle contre l'arbre de travail), ou deux dossiers
    `avant` et `apres`. Les deux côtés sont validés avec la configuration du dossier d'après, à la
    date `as_of` (option --au : la date des diagnostics de suivi)."""
    from acvkit.diff import difference_folders, difference_git

    revs = list(revisions)
    if len(revs) > 2:
        raise UsageError("acv diff prend au plus deux révisions")
    if (before is None) != (after is None):
        raise UsageError("--from-data et --to-data vont ensemble")
    if before is not None and after is not None:
        if revs:
            raise UsageError("des révisions ou --from-data/--to-data, pas les deux")
        before_dir, after_dir = check_data_dir(before), check_data_dir(after)
        return difference_folders(before_dir, after_dir, load_config(after_dir), as_of)
    root = check_data_dir(data_dir)
    first = revs[0] if revs else "HEAD"
    return difference_git(root, first, revs[1] if len(revs) > 1 else None, load_config(root), as_of)


def render_diff(difference: Difference, output_format: str, stream: TextIO) -> None:
    """La différence en texte (en couleurs sur un terminal), md, json ou github ; github ajoute
    aussi le Markdown au résumé de l'étape ($GITHUB_STEP_SUMMARY) quand il existe."""
    from acvkit.diff.phrases import recit

    if output_format == "json":
        from acvkit.diff.render_json import to_json

        stream.write(to_json(difference))
        return
    if output_format == "text":
        from acvkit.diff.render_text import render

        render(recit(difference), stream)
        return
    from acvkit.diff.render_md import render as render_md

    texte = render_md(recit(difference))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary:
        from acvkit.writing import append_text

        append_text(Path(summary), texte, "GITHUB_STEP_SUMMARY")
    stream.write(texte)
