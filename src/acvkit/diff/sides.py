"""Les deux côtés d'une comparaison : leurs fichiers (révision git ou dossier) et leur validation.

Chaque côté est validé comme par `acv validate` (mêmes règles, même configuration), à partir de
fichiers déjà en mémoire : une révision git n'est jamais extraite sur le disque. Un fichier est lu
une seule fois par contenu : ce qui est identique des deux côtés (presque tout, d'ordinaire) n'est
lu qu'une fois, et une lecture se garde d'une comparaison à l'autre (cache signé par contenu).
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from acvkit.config import Config
from acvkit.diagnostics import Diagnostic
from acvkit.linting.engine import PER_FILE, Linter, LintReport
from acvkit.loading.dataset import Dataset
from acvkit.loading.discovery import (
    REQUIRED_FILES,
    discover_files,
    display_prefix,
    missing_required,
    outside_structure,
    read_found,
)
from acvkit.loading.folder import (
    FileResult,
    assemble_result,
    classify,
    load_compact,
    problem_diagnostic,
    revive,
)
from acvkit.loading.parallel import Workers
from acvkit.yaml.document import YamlProblem

Content = (
    bytes | YamlProblem
)  # le contenu d'un fichier, ou la raison pour laquelle il n'a pu être lu


@dataclass
class Side:
    """Un côté : d'où il vient (révision, dossier) et ses fichiers, chemin relatif → contenu."""

    folder: str  # le dossier de données tel qu'affiché dans les diagnostics
    files: dict[str, Content]
    revision: str | None = None  # la révision demandée (« HEAD », « origin/main »)
    commit: str | None = None  # son empreinte complète
    tree: bool = False  # l'arbre de travail (le dossier sur le disque, dans un dépôt git)
    tag: str | None = None  # l'étiquette git du commit (« avenant-2-signe »), s'il en a une
    day: str | None = None  # la date du commit, AAAA-MM-JJ
    subject: str | None = None  # la première ligne de son message

    @property
    def libelle(self) -> str:
        """La version telle que git la nomme (terminal, intégration continue)."""
        if self.revision is not None and self.commit is not None:
            return f"{self.revision} ({self.commit[:7]})"
        return f"{self.folder} (arbre de travail)" if self.tree else self.folder

    @property
    def git_libelle(self) -> str:
        """La révision demandée, pour le terminal seulement ; vide hors git."""
        if self.revision is not None and self.commit is not None:
            return f"{self.revision}, {self.commit[:7]}"
        return "arbre de travail" if self.tree else ""

    @property
    def nom(self) -> str:
        """La version pour un lecteur, sans syntaxe git : son étiquette, sinon sa date et son message."""
        if self.tag:
            return f"version « {self.tag} »" + (f" du {_day(self.day)}" if self.day else "")
        if self.day:
            return f"version du {_day(self.day)}" + (
                f" (« {self.subject} »)" if self.subject else ""
            )
        if self.tree:
            return "version actuelle des données"
        return f"version du dossier « {self.folder} »"

    def description(self) -> dict[str, str | None]:
        return {"revision": self.revision, "commit": self.commit, "dossier": self.folder}


def _day(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def folder_side(root: Path, max_bytes: int, folder: str | None = None) -> Side:
    """Le côté d'un dossier sur le disque, lu comme `acv validate` le lit."""
    files: dict[str, Content] = {}
    root_dir = str(root.resolve())
    for found in discover_files(root):
        try:
            files[found.relative] = read_found(found, max_bytes, root_dir).raw
        except YamlProblem as problem:
            files[found.relative] = problem
    return Side(folder if folder is not None else root.as_posix(), files)


def refuse_too_large(files: dict[str, Content], max_bytes: int) -> dict[str, Content]:
    """Les contenus d'une révision, un fichier trop volumineux refusé comme sur le disque."""
    out: dict[str, Content] = {}
    for relative, raw in files.items():
        if isinstance(raw, bytes) and len(raw) > max_bytes:
            out[relative] = YamlProblem(
                "YML011",
                f"fichier trop volumineux ({len(raw)} octets, limite {max_bytes}) : "
                "il n'a pas été lu",
            )
        else:
            out[relative] = raw
    return out


_REVISIONS = "revisions.pickle"


@dataclass
class Reads:
    """Les lectures déjà faites, par (chemin affiché, sha256 du contenu) : un contenu n'est lu qu'une fois.

    Trois sources : cette comparaison même, le cache de lecture d'`acv validate` du dossier de
    données (un fichier inchangé depuis la dernière validation), et le cache des révisions (un
    contenu de révision ne change jamais). Tous deux vivent dans `<données>/.acv-cache/`, signés.
    """

    cache_folder: Path | None = None
    reads_done: dict[tuple[str, str], bytes] = field(default_factory=dict)
    # Les résultats déjà dépicklés : un fichier identique des deux côtés est le même objet (lu
    # seulement, jamais modifié), dépicklé une fois, et reconnu égal sans comparaison.
    live_results: dict[tuple[str, str], FileResult] = field(default_factory=dict)
    _validate: dict[str, tuple[tuple[int, int, str], bytes]] = field(default_factory=dict)
    _revisions: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _context: str = ""
    _charge: set[str] = field(default_factory=set)

    def _open_caches(self, folder: str) -> None:
        if self.cache_folder is None or folder in self._charge:
            return
        from acvkit.cache_files import CACHE_DIR, load_signed, user_key
        from acvkit.loading.cache import ReadCache

        self._charge.add(folder)
        store = ReadCache(self.cache_folder, folder)
        store.load()
        self._validate.update(store.entries)
        self._context = store.context.rsplit("|", 1)[0]
        hit = load_signed(self.cache_folder / CACHE_DIR / _REVISIONS, user_key())
        if (
            isinstance(hit, tuple)
            and len(hit) == 2
            and hit[0] == self._context
            and isinstance(hit[1], dict)
        ):
            for key, valeur in hit[1].items():
                self._revisions.setdefault(key, valeur)

    def get(self, folder: str, path: str, raw: bytes, sha: str) -> bytes | None:
        self._open_caches(folder)
        key = (path, sha)
        if (existing := self.reads_done.get(key)) is not None:
            return existing
        known = self._validate.get(path)
        if known is not None and known[0][0] == len(raw) and known[0][2] == sha:
            self.reads_done[key] = known[1]
            return known[1]
        if (kept := self._revisions.get(key)) is not None:
            self.reads_done[key] = kept
            return kept
        return None

    def put(self, path: str, sha: str, blob: bytes) -> None:
        self.reads_done[(path, sha)] = blob

    def save(self) -> None:
        """Garde les lectures de cette comparaison (et elles seules) pour la suivante."""
        if self.cache_folder is None or not self._context:
            return
        from acvkit.cache_files import CACHE_DIR, save_signed, user_key

        if set(self.reads_done) == set(self._revisions):
            return
        save_signed(
            self.cache_folder / CACHE_DIR / _REVISIONS, user_key(), (self._context, self.reads_done)
        )


def validate(
    side: Side, config: Config, reads: Reads, workers: Workers, as_of: date | None = None
) -> LintReport:
    """Les diagnostics d'un côté et son jeu de données, comme `acv validate` les donnerait."""
    folder = side.folder
    prefix = display_prefix(folder)
    dataset = Dataset(root=Path(folder))
    out: list[Diagnostic] = []
    results: dict[str, FileResult] = {}
    jobs: list[tuple[str, str, bytes]] = []
    shas: list[str] = []
    for relative in sorted(side.files):
        contenu = side.files[relative]
        path = prefix + relative
        kind = classify(relative)
        if isinstance(contenu, YamlProblem) and contenu.code == "STR003":
            out.append(problem_diagnostic(path, contenu))  # dossier illisible : comme sur le disque
            continue
        if kind is None:
            out.append(outside_structure(path))
            continue
        if isinstance(contenu, YamlProblem):
            results[path] = FileResult(kind, None, [], [problem_diagnostic(path, contenu)])
            continue
        sha = hashlib.sha256(contenu).hexdigest()
        if (live := reads.live_results.get((path, sha))) is not None:
            results[path] = live
            continue
        blob = reads.get(folder, path, contenu, sha)
        if blob is not None:
            results[path] = reads.live_results[(path, sha)] = revive(pickle.loads(blob), contenu)
            continue
        jobs.append((kind, path, contenu))
        shas.append(sha)
    blobs = workers.map(load_compact, jobs, True, PER_FILE)
    for (_kind, path, raw), sha, blob in zip(jobs, shas, blobs, strict=True):
        results[path] = reads.live_results[(path, sha)] = revive(pickle.loads(blob), raw)
        reads.put(path, sha, blob)
    for path in sorted(results):
        assemble_result(results[path], dataset, out)
    for name in REQUIRED_FILES:
        if name not in side.files and name.replace(".yaml", ".yml") not in side.files:
            out.append(missing_required(prefix + name, name))
    dataset.read_diagnostics = out
    return Linter(config, as_of=as_of).check(dataset, folder, workers)
