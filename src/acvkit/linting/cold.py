"""La validation à froid répartie : chaque processus de travail lit ses fiches, leur applique les règles
qui ne regardent qu'une fiche et situe lui-même leurs diagnostics.

Le référentiel (programme, partenaires, axes, indicateurs) est lu d'abord, dans ce processus ; les
processus de travail en héritent (fork). Pour chaque fiche, ils rendent ses diagnostics déjà situés
et un résumé : les champs que lisent les règles de tout le jeu de données (`Rule.champs`), ce que
`prepare` a calculé, les positions où ces règles situent leurs problèmes (`Rule.lieux`) et les
commentaires `# acv:` — jamais le modèle pydantic ni le texte. Les règles « jeu » tournent ensuite
ici, sur le référentiel et ces résumés.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from acvkit.diagnostics import Diagnostic
from acvkit.linting.partial import partial_problems
from acvkit.linting.suppressions import Suppression, find_suppressions
from acvkit.loading.dataset import Dataset, Entry
from acvkit.loading.discovery import Read
from acvkit.loading.folder import (
    FileResult,
    FolderPlan,
    PerFile,
    cache_blob,
    load_file,
    plan_folder,
)
from acvkit.loading.parallel import Workers
from acvkit.models import Fiche
from acvkit.rules import CHECK_RULES, Problem, Rule
from acvkit.yaml.document import YamlDocument
from acvkit.yaml.positions import Loc

Positions = dict[Loc, tuple[int, int, int, int]]


def stamp(found: Iterable[tuple[Rule, Problem]]) -> list[Diagnostic]:
    """Les diagnostics des problèmes trouvés, situés ici (le document a son texte ou ses positions)."""
    return [
        Diagnostic(
            p.doc.path, *p.doc.locate(p.loc, key=p.key), r.code, r.severity, p.message, p.context
        )
        for r, p in found
    ]


def local_problems(doc: YamlDocument, per_file: PerFile) -> list[tuple[Rule, Problem]]:
    """Les problèmes des règles de document de ce fichier (doc.local, calculés s'ils manquent)."""
    if doc.local is None and per_file.checks is not None:
        doc.local = per_file.checks(doc)  # lecture venue du cache, faite sans les règles
    return [
        (CHECK_RULES[code], Problem(doc, loc, message, key, context))
        for code, loc, message, key, context in doc.local or []
    ]


@dataclass
class ReadFiche:
    """Ce qu'un processus de travail rend d'un fichier de fiches : rien qui pèse."""

    path: str
    diagnostics: list[Diagnostic]
    document: bool = False
    suppressions: list[Suppression] = field(default_factory=list)
    # Fiche validée : ses champs lus par les règles « jeu », ses calculs d'avance, ses positions.
    champs: dict[str, Any] | None = None
    prepared: dict[str, Any] | None = None
    positions: Positions | None = None
    blob: bytes | None = None  # le résultat pour le cache de lecture


@dataclass
class Context:
    """Ce que les processus de travail héritent : le référentiel lu et ce qu'il faut faire."""

    referentiel: Dataset
    fiche_rules: list[Rule]
    champs: tuple[str, ...]
    locs: tuple[Loc, ...]
    fast: bool
    per_file: PerFile
    cache: bool
    programmes: list[YamlDocument] = field(default_factory=list)
    root_dir: Path | None = None
    real_dirs: dict[str, str] = field(default_factory=dict)
    index: tuple[set[str], dict[str, str], dict[str, str], set[str]] = field(
        default_factory=lambda: (set(), {}, {}, set())
    )

    def __post_init__(self) -> None:
        ref = self.referentiel
        self.programmes = _programmes(ref.documents) if ref.programme is None else []
        self.root_dir = ref.root.resolve()
        self.index = (ref.partenaire_ids(), ref.alias_index(), ref.sous_axes(), ref.axe_codes())


def _referentiel_fields(ref: Dataset) -> dict[str, Any]:
    """Ce qu'une vue du référentiel reprend de lui : racine, programme, partenaires, axes,
    indicateurs, date du rapport et délai du suivi (pas ses fiches, ses documents ni ses
    diagnostics de lecture)."""
    names = ("root", "programme", "partenaires", "axes", "indicateurs", "date_rapport")
    return {name: getattr(ref, name) for name in (*names, "suivi_delay_months")}


@dataclass
class _SingleFiche(Dataset):
    """Le référentiel et une seule fiche : ce que voit une règle « fiche » dans un processus de travail.

    Les index du référentiel (partenaires, alias, axes) sont calculés une fois, pas par fiche.
    Parmi les documents, seul celui de la fiche y est (avec celui du programme s'il n'a pas été
    validé : sa ligne de schéma dit si les autres doivent avoir la leur) ; la racine est déjà résolue.
    """

    index: tuple[set[str], dict[str, str], dict[str, str], set[str]] = field(
        default_factory=lambda: (set(), {}, {}, set())
    )
    resolved_root: Path | None = None
    real_dirs: dict[str, str] = field(default_factory=dict)  # voir rules/ligne_de_schema.py

    def partenaire_ids(self) -> set[str]:
        return self.index[0]

    def alias_index(self) -> dict[str, str]:
        return self.index[1]

    def sous_axes(self) -> dict[str, str]:
        return self.index[2]

    def axe_codes(self) -> set[str]:
        return self.index[3]


def _programmes(documents: list[YamlDocument]) -> list[YamlDocument]:
    return [
        d for d in documents if d.path.rsplit("/", 1)[-1] in {"programme.yaml", "programme.yml"}
    ]


# Posé avant la naissance des processus de travail (fork), qui en héritent.
_CONTEXT: Context | None = None


def _restrict_to_locs(positions: Positions, locs: tuple[Loc, ...]) -> Positions:
    """Les positions des chemins `lieux`, de ce qu'ils contiennent et de leurs parents."""
    parents = {lieu[:n] for lieu in locs for n in range(len(lieu) + 1)}
    lieux = set(locs)
    lengths = sorted({len(lieu) for lieu in locs})
    # `c[:n] in lieux` : un lieu est un préfixe de c (pour n > len(c), c[:n] est c, plus court
    # que tout lieu de longueur n : jamais un faux positif).
    return {
        c: p for c, p in positions.items() if c in parents or any(c[:n] in lieux for n in lengths)
    }


def analyze(result: FileResult, ctx: Context, blob: bytes | None = None) -> ReadFiche:
    """Les diagnostics situés et le résumé d'un fichier de fiches lu."""
    doc = result.doc
    loaded = ReadFiche(
        result.diagnostics[0].path if doc is None else doc.path, list(result.diagnostics)
    )
    loaded.blob = blob
    if doc is None:
        return loaded
    ref = ctx.referentiel
    fiches = [Entry(model, doc, base) for model, base in result.entries if isinstance(model, Fiche)]
    single = _SingleFiche(
        **_referentiel_fields(ref),
        fiches=fiches,
        documents=[*ctx.programmes, doc],
        index=ctx.index,
        resolved_root=ctx.root_dir,
        real_dirs=ctx.real_dirs,
    )
    found = local_problems(doc, ctx.per_file)
    for rule in ctx.fiche_rules:
        assert rule.check is not None
        found.extend((rule, p) for p in rule.check(single) if p.doc is doc)
    if not fiches and result.kind == "fiche":  # refusée : les règles qui le peuvent la jugent
        found.extend(partial_problems(ctx.fiche_rules, [doc], single))
    loaded.diagnostics += stamp(found)
    loaded.document = True
    loaded.suppressions = find_suppressions(doc.text)
    if fiches:
        model = fiches[0].model
        loaded.champs = {name: getattr(model, name) for name in ctx.champs}
        if doc.prepared is None and ctx.per_file.prepare is not None:
            doc.prepared = ctx.per_file.prepare(model)
        loaded.prepared = doc.prepared
        loaded.positions = _restrict_to_locs(doc.index(), ctx.locs)
    return loaded


def _read_fiche(job: tuple[str, str, bytes]) -> ReadFiche:
    """Lit une fiche et lui applique ses règles (dans un processus de travail)."""
    ctx = _CONTEXT
    if ctx is None:
        raise RuntimeError("contexte de la validation à froid absent du processus de travail")
    kind, path, raw = job
    result = load_file(kind, path, raw, ctx.fast, ctx.per_file, positions=True)
    blob = cache_blob(result) if ctx.cache else None
    return analyze(result, ctx, blob)


def summarized_fiche(loaded: ReadFiche) -> Entry[Fiche]:
    """Une fiche réduite aux champs que lisent les règles « jeu » : tout autre champ manque."""
    assert loaded.champs is not None
    # Comme Fiche.model_construct, sans les valeurs par défaut : un champ non transmis ne se lit pas
    # (AttributeError), au lieu de valoir en silence sa valeur par défaut.
    model = object.__new__(Fiche)
    object.__setattr__(model, "__dict__", dict(loaded.champs))
    object.__setattr__(model, "__pydantic_fields_set__", set(loaded.champs))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    doc = YamlDocument(loaded.path, "", None, positions=loaded.positions, prepared=loaded.prepared)
    return Entry(model, doc)


@dataclass
class ColdResult:
    """Le résultat d'une validation à froid, avant la configuration (filtres, suppressions, gravités)."""

    diagnostics: list[Diagnostic]
    suppressions: dict[str, list[Suppression]]
    files: int


def dataset_rules(selected: list[Rule]) -> list[Rule] | None:
    """Les règles « jeu » choisies ; None si l'une ne dit pas quels champs des fiches elle lit."""
    rules = [r for r in selected if r.check is not None and r.scope != "fiche"]
    return None if any(r.champs is None for r in rules) else rules


def lint_cold(
    root: Path,
    display: str,
    *,
    max_bytes: int,
    fast: bool,
    cache: bool,
    as_of: date | None,
    suivi_delay_months: int,
    preread: dict[str, Read] | None,
    per_file: PerFile,
    workers_factory: Callable[[], Workers] = Workers,
) -> ColdResult | None:
    """Lit et valide un dossier, les règles d'une fiche appliquées par les processus de travail.

    None quand une règle « jeu » ne dit pas ce qu'elle lit (il faut alors tout le jeu de données).
    """
    global _CONTEXT
    selected = list(CHECK_RULES.values())
    data_set = dataset_rules(selected)
    if data_set is None:
        return None
    plan = plan_folder(root, display, max_bytes, cache=cache, preread=preread)
    fiche_jobs = [job for job in plan.jobs if job[0] == "fiche"]
    for kind, path, raw in plan.jobs:
        if kind != "fiche":
            result = load_file(kind, path, raw, fast, per_file)
            plan.record(path, raw, cache_blob(result) if cache else None, result)
    referentiel = Dataset(root=root, date_rapport=as_of, suivi_delay_months=suivi_delay_months)
    plan.assemble(referentiel, lambda kind: kind != "fiche")
    plan.required(referentiel)
    ctx = Context(
        referentiel,
        [r for r in selected if r.check is not None and r.scope == "fiche"],
        tuple(sorted({c for r in data_set for c in r.champs or ()})),
        tuple(sorted({lieu for r in data_set for lieu in r.locs}, key=repr)),
        fast,
        per_file,
        cache,
    )
    _CONTEXT = ctx
    try:
        with workers_factory() as workers:  # nés après : ils héritent du contexte
            read = workers.map(_read_fiche, fiche_jobs)
    finally:
        _CONTEXT = None
    for (_kind, path, raw), loaded in zip(fiche_jobs, read, strict=True):
        plan.record(path, raw, loaded.blob, FileResult("fiche", None))
        loaded.blob = None
    plan.save()
    return _gather(plan, referentiel, ctx, read, data_set)


def _gather(
    plan: FolderPlan,
    referentiel: Dataset,
    ctx: Context,
    read: list[ReadFiche],
    data_set: list[Rule],
) -> ColdResult:
    """Les diagnostics des fiches lues, du référentiel et des règles « jeu » sur les résumés."""
    read_by_path = {loaded.path: loaded for loaded in read}
    # Les fiches reprises du cache de lecture (ou illisibles) : mêmes règles, ici.
    for path, result in plan.results.items():
        if result.kind == "fiche" and path not in read_by_path:
            read_by_path[path] = analyze(result, ctx)
    by_path = dict(sorted(read_by_path.items()))
    diagnostics = list(plan.out)
    # Le référentiel : ses règles de document, et les règles « fiche » sur ce qu'il a sans fiche.
    found: list[tuple[Rule, Problem]] = []
    for doc in referentiel.documents:
        found += local_problems(doc, ctx.per_file)
    for rule in ctx.fiche_rules:
        assert rule.check is not None
        found.extend((rule, p) for p in rule.check(referentiel))
    with_fiches = Dataset(
        **_referentiel_fields(referentiel),
        fiches=[
            summarized_fiche(loaded) for loaded in by_path.values() if loaded.champs is not None
        ],
        documents=referentiel.documents,
    )
    for rule in data_set:
        assert rule.check is not None
        found.extend((rule, p) for p in rule.check(with_fiches))
    diagnostics += stamp(found)
    suppressions = {doc.path: find_suppressions(doc.text) for doc in referentiel.documents}
    for loaded in by_path.values():
        diagnostics += loaded.diagnostics
        if loaded.document:
            suppressions[loaded.path] = loaded.suppressions
    documents = set(suppressions)
    without_document = {d.path for d in plan.out}
    without_document |= {loaded.path for loaded in by_path.values() if not loaded.document}
    return ColdResult(diagnostics, suppressions, len(documents) + len(without_document - documents))
