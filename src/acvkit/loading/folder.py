"""Chargement d'un dossier de données : découverte des fichiers, lecture, validation des modèles."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from acvkit.diagnostics import Diagnostic, Severity
from acvkit.loading.dataset import Dataset, Entry
from acvkit.loading.schema_errors import validation_diagnostics
from acvkit.loading.yamlfile import DEFAULT_MAX_BYTES, YamlDocument, YamlProblem, read_document
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


def load_folder(
    root: Path, display_root: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadResult:
    """Lit et valide tout le dossier ; chaque problème devient un diagnostic, rien ne lève."""
    display_root = display_root if display_root is not None else root.as_posix()
    dataset = Dataset(root=root)
    out: list[Diagnostic] = []
    resolved_root = root.resolve()
    for relative in discover(root):
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
        file = root / relative
        try:
            if not file.resolve().is_relative_to(resolved_root):
                raise YamlProblem(
                    "YML010", "lien symbolique vers un fichier hors du dossier de données : refusé"
                )
            doc = read_document(file, path, max_bytes)
        except YamlProblem as problem:
            out.append(_problem(path, problem))
            continue
        out.extend(_problem(path, p) for p in doc.problems)
        dataset.documents.append(doc)
        _load_kind(kind, doc, dataset, out)
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


def _load_kind(kind: str, doc: YamlDocument, dataset: Dataset, out: list[Diagnostic]) -> None:
    if kind == "programme":
        if (programme := _validate(Programme, doc, doc.data, (), out)) is not None:
            dataset.programme = Entry(programme, doc)
    elif kind == "axe":
        if (axe := _validate(Axe, doc, doc.data, (), out)) is not None:
            dataset.axes.append(Entry(axe, doc))
    elif kind == "fiche":
        if (fiche := _validate(Fiche, doc, doc.data, (), out)) is not None:
            dataset.fiches.append(Entry(fiche, doc))
    elif kind == "indicateur":
        if (indicateur := _validate(Indicateur, doc, doc.data, (), out)) is not None:
            dataset.indicateurs.append(Entry(indicateur, doc))
    elif kind == "partenaires":
        _load_partenaires(doc, dataset, out)


def _load_partenaires(doc: YamlDocument, dataset: Dataset, out: list[Diagnostic]) -> None:
    # Chaque partenaire est validé seul : une erreur sur l'un ne fait pas disparaître les autres.
    data = doc.data
    extra = [k for k in data if k != "partenaires"] if isinstance(data, CommentedMap) else []
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
    if not isinstance(items, CommentedSeq):
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
        return
    for index, item in enumerate(items):
        base = ("partenaires", index)
        if (partenaire := _validate(Partenaire, doc, item, base, out)) is not None:
            dataset.partenaires.append(Entry(partenaire, doc, base))
