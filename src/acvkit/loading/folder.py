"""Chargement d'un dossier de données : découverte des fichiers, lecture, validation des modèles."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from acvkit.diagnostics import Diagnostic, Severity
from acvkit.loading.dataset import Dataset, Entry
from acvkit.loading.schema_errors import validation_diagnostics
from acvkit.loading.yamlfile import DEFAULT_MAX_BYTES, Loc, YamlDocument, YamlProblem, parse_text
from acvkit.models import Axe, Fiche, Indicateur, Partenaire, Programme

M = TypeVar("M", bound=BaseModel)

YAML_SUFFIXES = {".yaml", ".yml"}


@dataclass
class LoadResult:
    dataset: Dataset
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _display(root_display: str, relative: Path) -> str:
    return (Path(root_display) / relative).as_posix()


def _problem(path: str, problem: YamlProblem) -> Diagnostic:
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


def _classify(relative: Path) -> str | None:
    parts = relative.parts
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


def discover(root: Path) -> list[Path]:
    """Les fichiers YAML du dossier, triés, chemins relatifs à `root` (liens compris)."""
    found = [
        p.relative_to(root)
        for p in root.rglob("*")
        if p.suffix.lower() in YAML_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(found, key=lambda p: p.as_posix())


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


# Au-delà de ce nombre de fichiers à lire, la lecture se répartit sur les cœurs de la machine.
PARALLEL_MIN_FILES = 300


def _read_raw(
    root: Path, relative: Path, max_bytes: int, resolved_root: Path | None = None
) -> tuple[bytes, int, int]:
    """Le contenu brut d'un fichier du dossier, sa taille et sa date ; YamlProblem s'il est illisible."""
    file = root / relative
    resolved_root = resolved_root or root.resolve()
    try:
        if not file.resolve().is_relative_to(resolved_root):
            raise YamlProblem(
                "YML010", "lien symbolique vers un fichier hors du dossier de données : refusé"
            )
        if file.is_dir():
            raise YamlProblem("YML010", "c'est un dossier, pas un fichier YAML")
        stat = file.stat()
        if stat.st_size > max_bytes:
            raise YamlProblem(
                "YML011",
                f"fichier trop volumineux ({stat.st_size} octets, limite {max_bytes}) : il n'a pas été lu",
            )
        return file.read_bytes(), stat.st_size, stat.st_mtime_ns
    except PermissionError as exc:
        raise YamlProblem("YML010", "fichier illisible : permission refusée") from exc
    except FileNotFoundError as exc:
        raise YamlProblem("YML010", "fichier introuvable (lien symbolique cassé ?)") from exc
    except OSError as exc:
        raise YamlProblem("YML010", f"fichier illisible ({exc.strerror})") from exc


LocalChecks = Callable[[YamlDocument], list[tuple[str, Loc, str, bool, str]]]


def load_file(
    kind: str, path: str, raw: bytes, fast: bool = True, local_checks: LocalChecks | None = None
) -> FileResult:
    """Lit et valide un fichier déjà en mémoire ; ne lève jamais pour une faute dans les données."""
    try:
        doc = parse_text(path, raw, fast=fast)
    except YamlProblem as problem:
        return FileResult(kind, None, [], [_problem(path, problem)])
    if local_checks is not None:
        doc.local = local_checks(doc)
    out = [_problem(path, p) for p in doc.problems]
    entries: list[tuple[object, tuple[str | int, ...]]] = []
    if kind == "partenaires":
        entries = _load_partenaires(doc, out)
    else:
        model: type[BaseModel] = MODELS[kind]
        validated = _validate(model, doc, doc.data, (), out)
        if validated is not None:
            entries = [(validated, ())]
    return FileResult(kind, doc, entries, out)


def _portable(result: FileResult) -> FileResult:
    """Le résultat sans arbre ruamel (relu au besoin) : léger à transmettre et à mettre en cache."""
    if result.doc is not None:
        if result.doc.positions is None and result.doc._tree is not None:
            from acvkit.loading.situated import positions_from_tree

            result.doc.positions = positions_from_tree(result.doc._tree)
        result.doc._tree = None
        # Les règles de document ont déjà tourné (résultats dans doc.local) : les données ne
        # servent plus, on ne les transporte pas.
        result.doc.data = _plain(result.doc.data) if result.doc.local is None else None
    return result


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


def _load_many(
    jobs: list[tuple[str, str, bytes]], fast: bool, workers: int, local_checks: LocalChecks | None
) -> list[FileResult]:
    if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunk = max(1, len(jobs) // (workers * 8))
            n = len(jobs)
            return list(
                pool.map(_load_portable, jobs, [fast] * n, [local_checks] * n, chunksize=chunk)
            )
    return [load_file(kind, path, raw, fast, local_checks) for kind, path, raw in jobs]


def _load_portable(
    job: tuple[str, str, bytes], fast: bool, local_checks: LocalChecks | None
) -> FileResult:
    kind, path, raw = job
    return _portable(load_file(kind, path, raw, fast, local_checks))


def load_folder(
    root: Path,
    display_root: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    fast: bool = True,
    cache: bool = False,
    workers: int | None = None,
    local_checks: LocalChecks | None = None,
    preread: dict[str, tuple[bytes, int, int]] | None = None,
) -> LoadResult:
    """Lit et valide tout le dossier ; chaque problème devient un diagnostic, rien ne lève.

    `fast` lit les fichiers ordinaires avec libyaml ; `cache` réutilise la lecture des fichiers
    inchangés (dossier .acv-cache/) ; `workers` répartit la lecture (par défaut : les cœurs).
    """
    from acvkit.loading.cache import ReadCache, file_key

    display_root = display_root if display_root is not None else root.as_posix()
    dataset = Dataset(root=root)
    out: list[Diagnostic] = []
    store = ReadCache(root, display_root) if cache else None
    if store is not None:
        store.load()
    results: dict[str, FileResult] = {}
    jobs: list[tuple[str, str, bytes]] = []
    keys: dict[str, object] = {}
    relatives = discover(root)
    resolved_root = root.resolve()
    for relative in relatives:
        path = _display(display_root, relative)
        kind = _classify(relative)
        if kind is None:
            out.append(
                Diagnostic(
                    path,
                    1,
                    1,
                    "STR001",
                    Severity.WARNING,
                    "fichier hors de la structure attendue : il n'est pas lu "
                    "(programme.yaml, partenaires.yaml, axes/, fiches/, indicateurs/)",
                )
            )
            continue
        try:
            deja = (preread or {}).get(relative.as_posix())
            raw, size, mtime = (
                deja if deja is not None else _read_raw(root, relative, max_bytes, resolved_root)
            )
        except YamlProblem as problem:
            results[path] = FileResult(kind, None, [], [_problem(path, problem)])
            continue
        if store is not None:
            key = file_key(size, mtime, raw)
            keys[path] = key
            cached = store.get(path, key)
            if cached is not None:
                results[path] = _revive(cached, raw)
                continue
        jobs.append((kind, path, raw))
    for (_kind, path, _raw), result in zip(
        jobs, _load_many(jobs, fast, workers or os.cpu_count() or 1, local_checks), strict=True
    ):
        results[path] = result
        if store is not None:
            store.put(path, keys[path], _for_cache(result))  # type: ignore[arg-type]
    if store is not None:
        store.keep_only(set(keys))
        store.save()
    for path in sorted(results):
        _assemble(results[path], dataset, out)
    for name in ("programme.yaml", "partenaires.yaml"):
        if (
            not any(d.path.endswith("/" + name) or d.path == name for d in dataset.documents)
            and not (root / name).exists()
        ):
            out.append(
                Diagnostic(
                    _display(display_root, Path(name)),
                    1,
                    1,
                    "STR002",
                    Severity.ERROR,
                    f"fichier obligatoire « {name} » absent du dossier de données",
                )
            )
    return LoadResult(dataset, out)


def _for_cache(result: FileResult) -> FileResult:
    """Pour le cache, le strict nécessaire : modèles, diagnostics de lecture, résultats locaux.

    Ni texte (relu du disque), ni données, ni positions : retrouvées au besoin par la lecture
    rapide, seulement pour un fichier qui a un diagnostic à situer.
    """
    if result.doc is None:
        return FileResult(result.kind, None, result.entries, result.diagnostics)
    doc = YamlDocument(result.doc.path, "", None, result.doc.problems, local=result.doc.local)
    return FileResult(result.kind, doc, result.entries, result.diagnostics)


def _revive(cached: FileResult, raw: bytes) -> FileResult:
    if cached.doc is None:
        return cached
    doc = YamlDocument(
        cached.doc.path, raw.decode("utf-8-sig"), None, cached.doc.problems, local=cached.doc.local
    )
    return FileResult(cached.kind, doc, cached.entries, cached.diagnostics)


def _assemble(result: FileResult, dataset: Dataset, out: list[Diagnostic]) -> None:
    out.extend(result.diagnostics)
    doc = result.doc
    if doc is None:
        return
    dataset.documents.append(doc)
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
