"""Chargement d'un dossier de données : découverte des fichiers, lecture, validation des modèles."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from acvkit.diagnostics import Diagnostic, Severity
from acvkit.loading.dataset import Dataset, Entry
from acvkit.loading.discovery import (
    REQUIRED_FILES,
    Read,
    discover_files,
    missing_required,
    outside_structure,
    read_found,
)
from acvkit.loading.discovery import display_prefix as _prefix
from acvkit.loading.model_errors import validation_diagnostics
from acvkit.loading.parallel import Workers
from acvkit.models import Axe, Fiche, Indicateur, Partenaire, Programme
from acvkit.yaml.document import DEFAULT_MAX_BYTES, YamlDocument, YamlProblem
from acvkit.yaml.positions import Loc
from acvkit.yaml.reader import parse_text

if TYPE_CHECKING:
    from acvkit.cache_files import FileKey
    from acvkit.loading.cache import ReadCache

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadResult:
    dataset: Dataset
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _display(root_display: str, relative: Path) -> str:
    return _prefix(root_display) + relative.as_posix()


def problem_diagnostic(path: str, problem: YamlProblem) -> Diagnostic:
    return Diagnostic(
        path, problem.line, problem.column, problem.code, Severity.ERROR, problem.message
    )


def _validate(
    model: type[M],
    doc: YamlDocument,
    data: object,
    base: tuple[str | int, ...],
    out: list[Diagnostic],
) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        out.extend(validation_diagnostics(exc, model, doc, base))
        return None


def classify(relative: str) -> str | None:
    parts = tuple(relative.split("/"))
    if parts == ("programme.yaml",) or parts == ("programme.yml",):
        return "programme"
    if parts in {("partenaires.yaml",), ("partenaires.yml",)}:
        return "partenaires"
    if len(parts) == 2 and parts[0] == "axes":
        return "axe"
    if len(parts) >= 2 and parts[0] == "fiches":
        return "fiche"
    if len(parts) == 2 and parts[0] == "indicateurs":
        return "indicateur"
    return None


MODELS: dict[str, type[BaseModel]] = {
    "programme": Programme,
    "axe": Axe,
    "fiche": Fiche,
    "indicateur": Indicateur,
}


@dataclass
class FileResult:
    """Ce que la lecture d'un fichier a produit : document, modèles validés (avec leur place), diagnostics."""

    kind: str
    doc: YamlDocument | None
    entries: list[tuple[object, tuple[str | int, ...]]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


LocalChecks = Callable[[YamlDocument], list[tuple[str, Loc, str, bool, str]]]


@dataclass(frozen=True)
class PerFile:
    """Le travail du linter qui ne regarde qu'un fichier, fait par le processus qui le lit.

    `checks` : les règles de document (résultats dans doc.local) ; `prepare` : ce que les règles
    de tout le jeu de données peuvent calculer d'avance sur un modèle validé (dans doc.prepared).
    Les deux se mettent en cache avec le fichier.
    """

    checks: LocalChecks | None = None
    prepare: Callable[[object], dict[str, object]] | None = None


def load_file(
    kind: str,
    path: str,
    raw: bytes,
    fast: bool = True,
    per_file: PerFile | None = None,
    positions: bool = False,
) -> FileResult:
    """Lit et valide un fichier déjà en mémoire ; ne lève jamais pour une faute dans les données.

    Avec `positions`, un fichier lu par libyaml garde ses positions (voir `parse_text`)."""
    try:
        doc = parse_text(path, raw, fast=fast, positions=positions)
    except YamlProblem as problem:
        return FileResult(kind, None, [], [problem_diagnostic(path, problem)])
    if per_file is not None and per_file.checks is not None:
        doc.local = per_file.checks(doc)
    out = [problem_diagnostic(path, p) for p in doc.problems]
    entries: list[tuple[object, tuple[str | int, ...]]] = []
    if kind == "partenaires":
        entries = _load_partenaires(doc, out)
    else:
        model: type[BaseModel] = MODELS[kind]
        validated = _validate(model, doc, doc.data, (), out)
        if validated is not None:
            entries = [(validated, ())]
            if per_file is not None and per_file.prepare is not None:
                doc.prepared = per_file.prepare(validated)
    return FileResult(kind, doc, entries, out)


def cache_blob(result: FileResult) -> bytes:
    """Le résultat compact d'un fichier en pickle, tel que le cache de lecture le garde : sans les
    positions notées par la lecture rapide (retrouvées au besoin), comme `load_compact`."""
    doc = result.doc
    if doc is not None and doc.tree is None and doc.positions is not None:
        without = replace(doc, positions=None)
        result = FileResult(result.kind, without, result.entries, result.diagnostics)
    return pickle.dumps(_compact(result), protocol=pickle.HIGHEST_PROTOCOL)


def _compact(result: FileResult) -> FileResult:
    """Le résultat sans texte ni arbre ruamel : léger à transmettre et à mettre en cache.

    Le texte est redonné par le contenu du fichier, déjà en mémoire (`revive`). Un fichier lu par
    ruamel.yaml garde ses positions (le relire coûterait cher) ; un fichier lu par libyaml retrouve
    les siennes au besoin, par la même lecture rapide.
    """
    doc = result.doc
    if doc is None:
        return result
    # L'index est tiré de l'arbre situé s'il y en a un ; sinon retrouvé au besoin (doc.indexer).
    positions = doc.positions if doc.tree is None else doc.index()
    # Règles de document faites (doc.local) : données laissées, sauf d'un fichier refusé (PARTIAL).
    data = _plain(doc.data) if doc.local is None or not result.entries else None
    compact = YamlDocument(
        doc.path,
        "",
        data,
        doc.problems,
        positions=positions,
        indexer=doc.indexer,
        local=doc.local,
        prepared=doc.prepared,
    )
    return FileResult(result.kind, compact, result.entries, result.diagnostics)


def load_compact(job: tuple[str, str, bytes], fast: bool, per_file: PerFile | None) -> bytes:
    """Lit un fichier (dans un processus de travail) ; rend son résultat compact, en pickle.

    Ces octets passent du processus de travail au processus principal, puis vont tels quels dans
    le cache de lecture : le résultat n'est sérialisé qu'une fois.
    """
    kind, path, raw = job
    result = _compact(load_file(kind, path, raw, fast, per_file))
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _plain(node: object) -> object:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, str):
        return str(node)
    return node


@dataclass
class FolderPlan:
    """Un dossier découvert : les résultats déjà connus (cache), les fichiers à lire, le cache."""

    root: Path
    display_root: str
    out: list[Diagnostic] = field(default_factory=list)
    results: dict[str, FileResult] = field(default_factory=dict)
    jobs: list[tuple[str, str, bytes]] = field(default_factory=list)
    keys: dict[str, FileKey] = field(default_factory=dict)
    store: ReadCache | None = None

    def record(self, path: str, raw: bytes, blob: bytes | None, result: FileResult | None) -> None:
        """Le résultat lu d'un fichier (`result`, sinon dépicklé de `blob`), mis en cache s'il y a lieu."""
        if result is not None:
            self.results[path] = result
        elif blob is not None:
            self.results[path] = revive(pickle.loads(blob), raw)
        if self.store is not None and blob is not None:
            self.store.put(path, self.keys[path], blob)

    def save(self) -> None:
        if self.store is not None:
            self.store.keep_only(set(self.keys))
            self.store.save()

    def assemble(self, dataset: Dataset, keep: Callable[[str], bool] = lambda kind: True) -> None:
        """Les résultats (ceux dont `keep` retient la sorte) rangés dans le jeu de données."""
        for path in sorted(self.results):
            if keep(self.results[path].kind):
                assemble_result(self.results[path], dataset, self.out)

    def required(self, dataset: Dataset) -> None:
        """STR002 pour programme.yaml et partenaires.yaml absents."""
        for name in REQUIRED_FILES:
            if (
                not any(d.path.endswith("/" + name) or d.path == name for d in dataset.documents)
                and not (self.root / name).exists()
            ):
                self.out.append(missing_required(_display(self.display_root, Path(name)), name))


def plan_folder(
    root: Path,
    display_root: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    cache: bool = False,
    preread: dict[str, Read] | None = None,
) -> FolderPlan:
    """Découvre et lit (octets) les fichiers du dossier ; reprend du cache ceux qui n'ont pas changé."""
    from acvkit.cache_files import file_key
    from acvkit.loading.cache import ReadCache

    plan = FolderPlan(root, display_root)
    out, results, jobs, keys = plan.out, plan.results, plan.jobs, plan.keys
    store = ReadCache(root, display_root) if cache else None
    if store is not None:
        store.load()
    plan.store = store
    prefix = _prefix(display_root)
    resolved_root = str(root.resolve())
    for found in discover_files(root, preread):
        path = prefix + found.relative
        kind = classify(found.relative)
        if found.issue is not None:
            out.append(Diagnostic(path, 1, 1, "STR003", Severity.ERROR, found.issue))
            continue
        if kind is None:
            out.append(outside_structure(path))
            continue
        try:
            reste_fiche = (preread or {}).get(found.relative) or read_found(
                found, max_bytes, resolved_root
            )
        except YamlProblem as problem:
            results[path] = FileResult(kind, None, [], [problem_diagnostic(path, problem)])
            continue
        raw = reste_fiche.raw
        if store is not None:
            key = file_key(reste_fiche.size, reste_fiche.mtime_ns, reste_fiche.sha256)
            keys[path] = key
            cached = store.get(path, key)
            if cached is not None:
                results[path] = revive(pickle.loads(cached), raw)
                continue
        jobs.append((kind, path, raw))
    return plan


def load_folder(
    root: Path,
    display_root: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    fast: bool = True,
    cache: bool = False,
    workers: Workers | None = None,
    per_file: PerFile | None = None,
    preread: dict[str, Read] | None = None,
) -> LoadResult:
    """Lit et valide tout le dossier ; chaque problème devient un diagnostic, rien ne lève.

    `fast` lit les fichiers ordinaires avec libyaml ; `cache` réutilise la lecture des fichiers
    inchangés (dossier .acv-cache/) ; `workers` répartit la lecture (par défaut : sur tous les cœurs).
    """
    display_root = display_root if display_root is not None else root.as_posix()
    dataset = Dataset(root=root)
    plan = plan_folder(root, display_root, max_bytes, cache=cache, preread=preread)
    if workers is None:
        with Workers() as own:
            blobs = own.map(load_compact, plan.jobs, fast, per_file)
    else:
        blobs = workers.map(load_compact, plan.jobs, fast, per_file)
    for (_kind, path, raw), blob in zip(plan.jobs, blobs, strict=True):
        plan.record(path, raw, blob, None)
    plan.save()
    plan.assemble(dataset)
    plan.required(dataset)
    dataset.read_diagnostics = plan.out
    return LoadResult(dataset, plan.out)


def revive(compact: FileResult, raw: bytes) -> FileResult:
    """Le résultat compact d'un fichier, avec son texte retrouvé dans son contenu."""
    doc = compact.doc
    if doc is not None:
        doc.text = raw.decode("utf-8-sig")
    return compact


def assemble_result(result: FileResult, dataset: Dataset, out: list[Diagnostic]) -> None:
    out.extend(result.diagnostics)
    doc = result.doc
    if doc is None:
        return
    dataset.documents.append(doc)
    if result.kind == "fiche" and not result.entries:  # refusée par la validation
        dataset.rejected_fiches.append(doc)
    for model, base in result.entries:
        entry = Entry(model, doc, base)
        if result.kind == "programme":
            dataset.programme = entry  # type: ignore[assignment]
        elif result.kind == "axe":
            dataset.axes.append(entry)  # type: ignore[arg-type]
        elif result.kind == "fiche":
            dataset.fiches.append(entry)  # type: ignore[arg-type]
        elif result.kind == "indicateur":
            dataset.indicateurs.append(entry)  # type: ignore[arg-type]
        elif result.kind == "partenaires":
            dataset.partenaires.append(entry)  # type: ignore[arg-type]


def _load_partenaires(
    doc: YamlDocument, out: list[Diagnostic]
) -> list[tuple[object, tuple[str | int, ...]]]:
    # Chaque partenaire est validé seul : une erreur sur l'un ne fait pas disparaître les autres.
    data = doc.data
    extra = [k for k in data if k != "partenaires"] if isinstance(data, dict) else []
    for key in extra:
        line, column = doc.locate((key,), key=True)
        out.append(
            Diagnostic(
                doc.path,
                line,
                column,
                "SCH001",
                Severity.ERROR,
                f"clé inconnue « {key} » (seule « partenaires » est admise)",
            )
        )
    items = data.get("partenaires")
    if not isinstance(items, list):
        line, column = doc.locate(("partenaires",))
        out.append(
            Diagnostic(
                doc.path,
                line,
                column,
                "SCH002",
                Severity.ERROR,
                "« partenaires » doit être une liste de partenaires",
            )
        )
        return []
    entries: list[tuple[object, tuple[str | int, ...]]] = []
    for index, item in enumerate(items):
        base: tuple[str | int, ...] = ("partenaires", index)
        if (partenaire := _validate(Partenaire, doc, item, base, out)) is not None:
            entries.append((partenaire, base))
    return entries
