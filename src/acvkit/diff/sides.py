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

Contenu = (
    bytes | YamlProblem
)  # le contenu d'un fichier, ou la raison pour laquelle il n'a pu être lu


@dataclass
class Cote:
    """Un côté : d'où il vient (révision, dossier) et ses fichiers, chemin relatif → contenu."""

    dossier: str  # le dossier de données tel qu'affiché dans les diagnostics
    fichiers: dict[str, Contenu]
    revision: str | None = None  # la révision demandée (« HEAD », « origin/main »)
    commit: str | None = None  # son empreinte complète
    arbre: bool = False  # l'arbre de travail (le dossier sur le disque, dans un dépôt git)

    @property
    def libelle(self) -> str:
        if self.revision is not None and self.commit is not None:
            return f"{self.revision} ({self.commit[:7]})"
        return f"{self.dossier} (arbre de travail)" if self.arbre else self.dossier

    def description(self) -> dict[str, str | None]:
        return {"revision": self.revision, "commit": self.commit, "dossier": self.dossier}


def cote_dossier(root: Path, max_bytes: int, dossier: str | None = None) -> Cote:
    """Le côté d'un dossier sur le disque, lu comme `acv validate` le lit."""
    fichiers: dict[str, Contenu] = {}
    racine = str(root.resolve())
    for found in discover_files(root):
        try:
            fichiers[found.relative] = read_found(found, max_bytes, racine).raw
        except YamlProblem as problem:
            fichiers[found.relative] = problem
    return Cote(dossier if dossier is not None else root.as_posix(), fichiers)


def trop_gros(fichiers: dict[str, bytes], max_bytes: int) -> dict[str, Contenu]:
    """Les contenus d'une révision, un fichier trop volumineux refusé comme sur le disque."""
    out: dict[str, Contenu] = {}
    for relatif, raw in fichiers.items():
        if len(raw) > max_bytes:
            out[relatif] = YamlProblem(
                "YML011",
                f"fichier trop volumineux ({len(raw)} octets, limite {max_bytes}) : "
                "il n'a pas été lu",
            )
        else:
            out[relatif] = raw
    return out


_REVISIONS = "revisions.pickle"


@dataclass
class Lectures:
    """Les lectures déjà faites, par (chemin affiché, sha256 du contenu) : un contenu n'est lu qu'une fois.

    Trois sources : cette comparaison même, le cache de lecture d'`acv validate` du dossier de
    données (un fichier inchangé depuis la dernière validation), et le cache des révisions (un
    contenu de révision ne change jamais). Tous deux vivent dans `<données>/.acv-cache/`, signés.
    """

    dossier_cache: Path | None = None
    faites: dict[tuple[str, str], bytes] = field(default_factory=dict)
    # Les résultats déjà dépicklés : un fichier identique des deux côtés est le même objet (lu
    # seulement, jamais modifié), dépicklé une fois, et reconnu égal sans comparaison.
    vivants: dict[tuple[str, str], FileResult] = field(default_factory=dict)
    _validate: dict[str, tuple[tuple[int, int, str], bytes]] = field(default_factory=dict)
    _revisions: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _contexte: str = ""
    _charge: set[str] = field(default_factory=set)

    def _ouvrir(self, dossier: str) -> None:
        if self.dossier_cache is None or dossier in self._charge:
            return
        from acvkit.loading.cache import CACHE_DIR, ReadCache, load_signed, user_key

        self._charge.add(dossier)
        store = ReadCache(self.dossier_cache, dossier)
        store.load()
        self._validate.update(store.entries)
        self._contexte = store.context.rsplit("|", 1)[0]
        trouve = load_signed(self.dossier_cache / CACHE_DIR / _REVISIONS, user_key())
        if (
            isinstance(trouve, tuple)
            and len(trouve) == 2
            and trouve[0] == self._contexte
            and isinstance(trouve[1], dict)
        ):
            for cle, valeur in trouve[1].items():
                self._revisions.setdefault(cle, valeur)

    def get(self, dossier: str, chemin: str, raw: bytes, sha: str) -> bytes | None:
        self._ouvrir(dossier)
        cle = (chemin, sha)
        if (deja := self.faites.get(cle)) is not None:
            return deja
        connu = self._validate.get(chemin)
        if connu is not None and connu[0][0] == len(raw) and connu[0][2] == sha:
            self.faites[cle] = connu[1]
            return connu[1]
        if (garde := self._revisions.get(cle)) is not None:
            self.faites[cle] = garde
            return garde
        return None

    def put(self, chemin: str, sha: str, blob: bytes) -> None:
        self.faites[(chemin, sha)] = blob

    def enregistrer(self) -> None:
        """Garde les lectures de cette comparaison (et elles seules) pour la suivante."""
        if self.dossier_cache is None or not self._contexte:
            return
        from acvkit.loading.cache import CACHE_DIR, save_signed, user_key

        if set(self.faites) == set(self._revisions):
            return
        save_signed(
            self.dossier_cache / CACHE_DIR / _REVISIONS, user_key(), (self._contexte, self.faites)
        )


def valider(cote: Cote, config: Config, lectures: Lectures, workers: Workers) -> LintReport:
    """Les diagnostics d'un côté et son jeu de données, comme `acv validate` les donnerait."""
    dossier = cote.dossier
    prefix = display_prefix(dossier)
    dataset = Dataset(root=Path(dossier))
    out: list[Diagnostic] = []
    results: dict[str, FileResult] = {}
    jobs: list[tuple[str, str, bytes]] = []
    shas: list[str] = []
    for relatif in sorted(cote.fichiers):
        contenu = cote.fichiers[relatif]
        path = prefix + relatif
        kind = classify(relatif)
        if kind is None:
            out.append(outside_structure(path))
            continue
        if isinstance(contenu, YamlProblem):
            results[path] = FileResult(kind, None, [], [problem_diagnostic(path, contenu)])
            continue
        sha = hashlib.sha256(contenu).hexdigest()
        if (vivant := lectures.vivants.get((path, sha))) is not None:
            results[path] = vivant
            continue
        blob = lectures.get(dossier, path, contenu, sha)
        if blob is not None:
            results[path] = lectures.vivants[(path, sha)] = revive(pickle.loads(blob), contenu)
            continue
        jobs.append((kind, path, contenu))
        shas.append(sha)
    blobs = workers.map(load_compact, jobs, True, PER_FILE)
    for (_kind, path, raw), sha, blob in zip(jobs, shas, blobs, strict=True):
        results[path] = lectures.vivants[(path, sha)] = revive(pickle.loads(blob), raw)
        lectures.put(path, sha, blob)
    for path in sorted(results):
        assemble_result(results[path], dataset, out)
    for name in REQUIRED_FILES:
        if name not in cote.fichiers and name.replace(".yaml", ".yml") not in cote.fichiers:
            out.append(missing_required(prefix + name, name))
    dataset.read_diagnostics = out
    return Linter(config).check(dataset, dossier, workers)
