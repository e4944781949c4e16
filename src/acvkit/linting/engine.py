"""Le moteur : lit le dossier, applique les règles choisies, estampille codes et gravités, filtre."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from hashlib import sha256
from operator import attrgetter
from pathlib import Path, PurePosixPath

from acvkit.config import Config
from acvkit.diagnostics import Diagnostic, Severity
from acvkit.linting.partial import partial_problems
from acvkit.linting.report import LintReport as LintReport
from acvkit.linting.report import is_selected as is_selected
from acvkit.linting.report import strict_report as strict_report
from acvkit.linting.suppressions import Suppression, find_suppressions
from acvkit.linting.warm import Warm
from acvkit.linting.warm import folder_fingerprint as folder_fingerprint
from acvkit.loading import Dataset, load_folder
from acvkit.loading.discovery import Read
from acvkit.loading.folder import LoadResult, PerFile
from acvkit.loading.parallel import Workers
from acvkit.models import Fiche
from acvkit.rules import ALL_RULES, CHECK_RULES, Problem, Rule
from acvkit.yaml.document import YamlDocument
from acvkit.yaml.positions import Loc


def _locate_many(demande: tuple[str, list[tuple[Loc, bool]]]) -> list[tuple[int, int]]:
    """Les positions (ligne, colonne) de plusieurs chemins d'un même texte : une seule relecture."""
    from acvkit.yaml.reader import locate_many

    text, paths = demande
    return locate_many(text, paths)


def _stamp_all(found: list[tuple[Rule, Problem]], workers: Workers) -> list[Diagnostic]:
    """Les diagnostics des problèmes trouvés, situés à la ligne et à la colonne près.

    Un document lu par libyaml n'a pas gardé ses positions : il est relu, une fois, avec tous les
    chemins à situer, par les processus de travail quand il y en a beaucoup.
    """
    to_reread: dict[int, tuple[YamlDocument, list[int]]] = {}
    for index, (_, hit) in enumerate(found):
        doc = hit.doc
        if doc.positions is None and doc.tree is None:
            to_reread.setdefault(id(doc), (doc, []))[1].append(index)
    groupes = list(to_reread.values())
    demandes = [
        (doc.text, [(found[i][1].loc, found[i][1].key) for i in indices])
        for doc, indices in groupes
    ]
    places: dict[int, tuple[int, int]] = {}
    for (_, indices), positions in zip(groupes, workers.map(_locate_many, demandes), strict=True):
        places.update(zip(indices, positions, strict=True))
    out = []
    for index, (rule, hit) in enumerate(found):
        line, column = places.get(index) or hit.doc.locate(hit.loc, key=hit.key)
        out.append(
            Diagnostic(
                hit.doc.path,
                line,
                column,
                rule.code,
                rule.severity,
                hit.message,
                context=hit.context,
            )
        )
    return out


def _relative(path: str, display_root: str) -> str:
    try:
        return PurePosixPath(path).relative_to(PurePosixPath(display_root)).as_posix()
    except ValueError:
        return path


DOCUMENT_RULES = [r for r in CHECK_RULES.values() if r.check_document is not None]


def document_checks(doc: YamlDocument) -> list[tuple[str, Loc, str, bool, str]]:
    """Les problèmes des règles qui ne regardent qu'un fichier, sous une forme qu'on peut mettre en cache."""
    out = []
    for rule in DOCUMENT_RULES:
        assert rule.check_document is not None
        out += [(rule.code, p.loc, p.message, p.key, p.context) for p in rule.check_document(doc)]
    return out


PREPARING_RULES = [r for r in CHECK_RULES.values() if r.prepare is not None]


def prepare_model(model: object) -> dict[str, object]:
    """Ce que les règles calculent d'avance sur une fiche validée, par code de règle."""
    if not isinstance(model, Fiche):
        return {}
    out: dict[str, object] = {}
    for rule in PREPARING_RULES:
        assert rule.prepare is not None
        out[rule.code] = rule.prepare(model)
    return out


PER_FILE = PerFile(checks=document_checks, prepare=prepare_model)


def run_rules(
    dataset: Dataset, workers: Workers | None = None, keep: Callable[[Rule], bool] | None = None
) -> list[Diagnostic]:
    """Les diagnostics des règles de contrôle (toutes, ou celles que `keep` retient), gravités par défaut."""
    selected = [r for r in CHECK_RULES.values() if keep is None or keep(r)]
    codes = {r.code for r in selected}
    found: list[tuple[Rule, Problem]] = []
    for rule in selected:
        if rule.check is not None:
            found.extend((rule, hit) for hit in rule.check(dataset))
    found.extend(partial_problems(selected, dataset.rejected_fiches, dataset))
    if any(r.check_document is not None for r in selected):
        for doc in dataset.documents:
            local = doc.local if doc.local is not None else document_checks(doc)
            for code, loc, message, key, context in local:
                if code in codes:
                    found.append((CHECK_RULES[code], Problem(doc, loc, message, key, context)))
    if workers is None:
        with Workers() as own:
            return _stamp_all(found, own)
    return _stamp_all(found, workers)


_ORDER = attrgetter("path", "line", "column", "code")


def _fast_default() -> bool:
    # ACV_LECTURE_LENTE=1 : tout lire par ruamel.yaml (mesures, comparaisons) ; même résultat, plus lent.
    return os.environ.get("ACV_LECTURE_LENTE") != "1"


@dataclass(frozen=True)
class Linter:
    """Valide des dossiers de données avec une configuration.

    `fast` et `cache` ne changent que la vitesse : les diagnostics et leurs positions sont les
    mêmes, et le rapport a toujours la même forme. Avec `cache`, la lecture des fichiers inchangés
    est reprise de .acv-cache/, et un dossier inchangé redonne directement le résultat précédent.
    Avec `errors_only` (costs, build), seules les erreurs sont cherchées et situées.
    """

    config: Config = field(default_factory=Config)
    cache: bool = False
    fast: bool = field(default_factory=_fast_default)
    errors_only: bool = False
    # La date du rapport des règles de suivi (None : SOURCE_DATE_EPOCH, sinon aujourd'hui).
    as_of: date | None = None
    # Règles d'une fiche appliquées par les processus qui lisent les fiches (linting/froid.py) ;
    # sans, tout le jeu de données est rassemblé ici avant les règles. Même résultat.
    distribute: bool = True

    def lint(self, data: Path | Dataset, display_root: str | None = None) -> LintReport:
        """Le rapport d'un dossier de données, ou d'un jeu de données déjà lu."""
        if isinstance(data, Dataset):
            display = display_root if display_root is not None else data.root.as_posix()
            with Workers() as workers:
                return self.check(data, display, workers)
        display = display_root if display_root is not None else data.as_posix()
        if not self.cache or self.errors_only:
            return self._lint_folder(data, display, None)
        return self.lint_warm(data, display, Warm(data, display, self.config, self.as_of))

    def lint_warm(self, data: Path, display: str, warm: Warm) -> LintReport:
        """Le rapport d'un dossier dont l'empreinte est déjà prise : repris du cache, ou calculé
        (avec les contenus déjà lus) puis mis en cache."""
        if (known := warm.hit(lambda: self.reload(data, display))) is not None:
            return known
        report = self._lint_folder(data, display, warm.read)
        warm.store(report)
        return report

    def lint_with(self, data: Path, display: str, contents: dict[str, bytes]) -> LintReport:
        """Le dossier tel qu'il serait avec `contents` (relatif → octets), sans rien écrire."""
        read = {r: Read(raw, len(raw), 0, sha256(raw).hexdigest()) for r, raw in contents.items()}
        return replace(self, cache=False)._lint_folder(data, display, read)

    def reload(self, data: Path, display: str) -> Dataset:
        """Le jeu de données complet d'un dossier (celui d'un rapport repris du cache)."""
        return self._load(data, display, None, PER_FILE).dataset

    def _keep(self, rule: Rule) -> bool:
        return not self.errors_only or (
            self.config.severities.get(rule.code, rule.severity) is Severity.ERROR
        )

    def _load(
        self,
        root: Path,
        display: str,
        preread: dict[str, Read] | None,
        per_file: PerFile,
        workers: Workers | None = None,
    ) -> LoadResult:
        return load_folder(
            root,
            display,
            self.config.max_bytes,
            fast=self.fast,
            cache=self.cache,
            workers=workers,
            per_file=per_file,
            preread=preread,
        )

    def _lint_folder(self, root: Path, display: str, preread: dict[str, Read] | None) -> LintReport:
        if self.distribute and not self.errors_only:
            from acvkit.linting.cold import lint_cold

            cold = lint_cold(
                root,
                display,
                max_bytes=self.config.max_bytes,
                fast=self.fast,
                cache=self.cache,
                as_of=self.as_of,
                suivi_delay_months=self.config.suivi_delay_months,
                preread=preread,
                per_file=PER_FILE,
            )
            if cold is not None:
                diagnostics, suppressed = self._configure(
                    cold.diagnostics, cold.suppressions, display
                )
                return LintReport(
                    diagnostics,
                    lambda: self.reload(root, display),
                    files=cold.files,
                    suppressed=suppressed,
                )
        per_file = PER_FILE
        if not any(self._keep(r) for r in (*DOCUMENT_RULES, *PREPARING_RULES)):
            per_file = PerFile()  # rien à calculer d'avance pour des avertissements écartés
        with Workers() as workers:
            dataset = self._load(root, display, preread, per_file, workers).dataset
            return self.check(dataset, display, workers)

    def check(self, dataset: Dataset, display_root: str, workers: Workers) -> LintReport:
        """Les règles et la configuration appliquées à un jeu de données déjà lu (ses problèmes de
        lecture dans `read_diagnostics`) : `acv validate`, et chaque côté de `acv diff`."""
        config = self.config
        read = dataset.read_diagnostics
        # Une copie datée : le jeu de données de l'appelant (acv diff, api) n'est jamais modifié.
        dataset = replace(
            dataset, date_rapport=self.as_of, suivi_delay_months=config.suivi_delay_months
        )
        diagnostics = read + run_rules(dataset, workers, self._keep if self.errors_only else None)
        by_path = {doc.path: find_suppressions(doc.text) for doc in dataset.documents}
        diagnostics, suppressed = self._configure(diagnostics, by_path, display_root)
        files = len(dataset.documents) + len(
            {d.path for d in read} - {doc.path for doc in dataset.documents}
        )
        return LintReport(diagnostics, dataset, files=files, suppressed=suppressed)

    def _configure(
        self,
        diagnostics: list[Diagnostic],
        by_path: dict[str, list[Suppression]],
        display_root: str,
    ) -> tuple[list[Diagnostic], int]:
        """La configuration appliquée aux diagnostics trouvés (choix des règles, chemins ignorés,
        suppressions, gravités) ; rendus triés, sans doublon, avec le nombre de diagnostics tus."""
        config = self.config
        diagnostics = [d for d in diagnostics if is_selected(d.code, config)]
        diagnostics = [
            d
            for d in diagnostics
            if not any(
                fnmatch.fnmatch(_relative(d.path, display_root), pattern)
                and any(d.code.startswith(c) for c in codes)
                for pattern, codes in config.ignore_by_path.items()
            )
        ]
        diagnostics, suppressed = _apply_suppressions(
            by_path, diagnostics, config, not self.errors_only
        )
        diagnostics = [
            Diagnostic(
                d.path,
                d.line,
                d.column,
                d.code,
                config.severities.get(d.code, d.severity),
                d.message,
                d.context,
            )
            for d in diagnostics
        ]
        if self.errors_only:
            diagnostics = [d for d in diagnostics if d.severity is Severity.ERROR]
        # Même ordre que celui des diagnostics (chemin, ligne, colonne, code), sans recréer un
        # tuple à chaque comparaison ; le set a déjà écarté les égaux.
        return sorted(set(diagnostics), key=_ORDER), suppressed


def lint(
    root: Path | Dataset, config: Config | None = None, display_root: str | None = None
) -> LintReport:
    """Le rapport d'un dossier de données (ou d'un jeu déjà lu), sans cache : `Linter(config).lint`."""
    return Linter(config or Config()).lint(root, display_root)


def _apply_suppressions(
    by_path: dict[str, list[Suppression]],
    diagnostics: list[Diagnostic],
    config: Config,
    report_unused: bool = True,
) -> tuple[list[Diagnostic], int]:
    kept: list[Diagnostic] = []
    suppressed = 0
    for diagnostic in diagnostics:
        matches = [
            s
            for s in by_path.get(diagnostic.path, [])
            if s.target == diagnostic.line and diagnostic.code in s.codes
        ]
        for s in matches:
            s.used = True
        if matches:
            suppressed += 1
        else:
            kept.append(diagnostic)
    for path, suppressions in by_path.items():
        for s in suppressions:
            if s.malformed:
                kept.append(
                    Diagnostic(
                        path,
                        s.line,
                        s.column,
                        "SUP004",
                        Severity.ERROR,
                        "commentaire « # acv: » mal écrit : il ne fait rien taire ; écrivez "
                        "« # acv: ignore[CODE] raison »",
                    )
                )
                continue
            unknown = [c for c in s.codes if c not in ALL_RULES]
            if unknown:
                kept.append(
                    Diagnostic(
                        path,
                        s.line,
                        s.column,
                        "SUP003",
                        Severity.ERROR,
                        "règle inconnue dans la suppression : " + ", ".join(unknown),
                        context="suppression=" + ",".join(s.codes),
                    )
                )
            elif not s.reason:
                kept.append(
                    Diagnostic(
                        path,
                        s.line,
                        s.column,
                        "SUP001",
                        Severity.WARNING,
                        f"suppression de {', '.join(s.codes)} sans raison : écrivez pourquoi "
                        "après le crochet",
                        context="suppression=" + ",".join(s.codes),
                    )
                )
            # Sans tous les diagnostics (errors_only), une suppression peut viser un avertissement
            # non calculé : on ne la dit pas inutile.
            if (
                report_unused
                and not s.used
                and not unknown
                and all(is_selected(c, config) for c in s.codes)
            ):
                kept.append(
                    Diagnostic(
                        path,
                        s.line,
                        s.column,
                        "SUP002",
                        Severity.WARNING,
                        f"suppression inutile : aucun diagnostic {', '.join(s.codes)} sur "
                        f"la ligne {s.target}",
                        context="suppression=" + ",".join(s.codes),
                    )
                )
    return kept, suppressed
