"""La seule façon d'écrire dans un dossier de données : vérifiée, tout ou rien, sans course.

Chaque commande qui change le dossier de données ou y crée des fichiers (`acv import --write`,
`acv new …`, `acv fix`, `acv fmt`, `acv init`) passe par ici :

    from acvkit.writing.change import data_change

    with data_change(data_dir, config) as change:
        texte = change.read(path)                      # lu, et noté : comparé avant d'écrire
        change.write(path, nouveau_texte)              # remplace (fins de ligne et BOM gardés)
        change.write(autre, texte2, based_on=doc.text)  # texte lu plus tôt (Dataset, copie…)
        change.create(path, texte3)                    # nouveau fichier (refusé s'il existe)
    change.written                                     # les fichiers écrits, triés

`data_change(..., dry_run=True)` vérifie sans rien écrire (l'aperçu d'une commande). Les
erreurs : `ResultRefused` (le résultat aurait des erreurs nouvelles, `.lines` les liste ;
sortie 1) et `WriteError` (système, verrou, changement concurrent ; sortie 2), toutes deux des
`AcvError` que `cli.app.handled` affiche en français.

À la sortie du bloc (sans exception ; une exception n'écrit rien) :

1. le linter complet relit le dossier tel qu'il serait (les nouveaux textes posés sur l'ancien
   dossier, sans copie) ; une erreur qui n'existait pas avant → `ResultRefused` (sortie 1), rien
   n'est écrit ; `config=None` saute cette étape (dossier qui n'est pas un dossier de données) ;
2. le verrou `.acv-ecriture/verrou` du dossier est pris (une autre commande qui écrit attend jusqu'à
   `LOCK_WAIT` secondes, puis renonce) ;
3. chaque fichier est comparé à ce qui avait été lu : s'il a changé entre-temps (une autre
   commande, un éditeur), `WriteError` et rien n'est écrit : on refuse plutôt que de perdre ;
4. le journal `.acv-ecriture/journal.json` est écrit (« prepare »), chaque nouveau texte est posé à côté
   de son fichier (`.<nom>.acv-nouveau`, fsync), puis le journal passe à « valide » d'un seul
   renommage : c'est l'instant où l'écriture a lieu ; chaque fichier est alors remplacé par
   renommage, puis le journal est retiré.

Un processus tué à n'importe quel moment laisse le dossier tout ancien (journal « prepare » :
les fichiers posés sont retirés) ou tout nouveau (journal « valide » : les remplacements sont
terminés) : `recover` le fait au prochain lancement de n'importe quelle commande (option --data,
voir cli/app.py), et avant toute écriture. Une erreur du système devient un `WriteError`
(message français avec le chemin, sortie 2) ; les fichiers déjà remplacés reprennent alors leur
ancien contenu. Aucun fichier provisoire ne reste.

Fins de ligne et encodage : un fichier lu avec des fins de ligne CRLF est réécrit en CRLF, un BOM
UTF-8 est gardé ; le texte donné à `write` peut avoir des « \\n » seuls.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from acvkit.errors import ResultRefused as ResultRefused
from acvkit.writing.journal import WriteError as WriteError
from acvkit.writing.journal import apply, locked, os_error, recover_locked

if TYPE_CHECKING:
    from acvkit.config import Config
    from acvkit.diagnostics import Diagnostic

_BOM = b"\xef\xbb\xbf"


def _normalized(content: bytes | str) -> str:
    """Le contenu comparable : décodé, sans BOM, fins de ligne unifiées."""
    texte = (
        content.decode("utf-8", errors="surrogateescape") if isinstance(content, bytes) else content
    )
    return texte.removeprefix("\ufeff").replace("\r\n", "\n")


def encoded(text: str, original: bytes | None) -> bytes:
    """Le texte en octets, avec les fins de ligne (CRLF) et le BOM du fichier d'origine."""
    body = text.removeprefix("\ufeff")
    if original is not None:
        first = original.find(b"\n")
        if first > 0 and original[first - 1 : first] == b"\r":
            body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    raw = body.encode("utf-8", errors="surrogateescape")
    if (original is not None and original.startswith(_BOM)) or text.startswith("\ufeff"):
        raw = _BOM + raw
    return raw


def split_lines(text: str) -> list[str]:
    """Les lignes d'un texte, fins comprises, coupées aux seuls « \\n » : un U+2028 ou un « \\r »
    au milieu d'une valeur n'est pas une fin de ligne pour YAML (str.splitlines en ferait une)."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    return out + ([lines[-1]] if lines[-1] else [])


def _as_bytes(content: bytes | str | None) -> bytes | None:
    if isinstance(content, str):
        return content.encode("utf-8", errors="surrogateescape")
    return content


@dataclass
class _Planned:
    target: Path  # chemin réel (liens résolus) du fichier à écrire
    shown: Path  # chemin tel que la commande l'a nommé
    text: str
    based_on: bytes | str | None  # ce qui a été lu ; None : fichier nouveau
    new: bool


@dataclass
class Change:
    """Les fichiers à écrire d'un seul coup (voir le module) ; s'obtient par `data_change`."""

    root: Path
    config: Config | None
    display: str
    dry_run: bool = False
    planned: dict[Path, _Planned] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    _read: dict[Path, bytes] = field(default_factory=dict)

    def _resolve(self, path: Path) -> Path:
        real = Path(os.path.realpath(path))
        root = Path(os.path.realpath(self.root))
        if real != root and root not in real.parents:
            raise WriteError(
                f"« {path} » est hors du dossier « {self.root} » (lien symbolique ?) : "
                "rien n'est écrit"
            )
        return real

    def read(self, path: Path) -> str:
        """Le texte du fichier (UTF-8, fins de ligne telles quelles), noté pour la comparaison."""
        real = self._resolve(path)
        try:
            raw = real.read_bytes()
        except OSError as exc:
            raise os_error(exc, path, "lecture") from None
        self._read[real] = raw
        return raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")

    def write(self, path: Path, text: str, based_on: bytes | str | None = None) -> None:
        """Remplace le fichier `path` par `text` ; `based_on` : le contenu d'où `text` est tiré
        (par défaut, ce qu'a rendu `read`, sinon le fichier tel qu'il est maintenant)."""
        real = self._resolve(path)
        if based_on is None:
            based_on = self._read.get(real)
        if based_on is None:
            try:
                based_on = self._read[real] = real.read_bytes()
            except OSError as exc:
                raise os_error(exc, path, "lecture") from None
        self.planned[real] = _Planned(real, path, text, based_on, new=False)

    def create(self, path: Path, text: str) -> None:
        """Crée le fichier `path` (et ses dossiers) ; refusé s'il existe au moment d'écrire."""
        real = self._resolve(path)
        if real.exists() or real.is_symlink():
            raise WriteError(f"« {path} » existe déjà : rien n'est écrit")
        self.planned[real] = _Planned(real, path, text, None, new=True)

    # --- l'écriture -------------------------------------------------------------------------

    def commit(self) -> None:
        if not self.planned:
            return
        contents = {p.target: encoded(p.text, _as_bytes(p.based_on)) for p in self.planned.values()}
        if self.config is not None:
            self._check(contents)
        if self.dry_run:
            return
        with locked(self.root):
            recover_locked(self.root)
            from acvkit.writing.atomic import remove_stale_temporaries

            remove_stale_temporaries(self.root)  # les « .tmp » d'une version précédente tuée
            originals = self._compare()
            apply(self.root, contents, originals)
        self.written = sorted(p.shown for p in self.planned.values())

    def _check(self, contents: dict[Path, bytes]) -> None:
        """Le linter complet sur le dossier tel qu'il serait ; ResultRefused si une erreur naît."""
        from acvkit.linting.engine import Linter

        assert self.config is not None
        root = Path(os.path.realpath(self.root))
        overlay = {t.relative_to(root).as_posix(): raw for t, raw in contents.items()}
        linter = Linter(self.config, errors_only=True)
        after = linter.lint_with(self.root, self.display, overlay).errors
        if not after:
            return
        before = linter.lint(self.root, self.display).errors
        new = _new_errors(before, after)
        if new:
            from acvkit.safe_text import visible

            lines = [visible(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}") for d in new]
            raise ResultRefused(
                f"le résultat aurait {len(new)} erreur(s) que le dossier n'a pas : "
                "rien n'est écrit",
                lines,
            )

    def _compare(self) -> dict[Path, bytes | None]:
        """Le contenu actuel de chaque fichier, s'il est bien celui qui a été lu ; sinon WriteError."""
        originals: dict[Path, bytes | None] = {}
        for p in self.planned.values():
            try:
                current = p.target.read_bytes()
            except FileNotFoundError:
                current = None
            except OSError as exc:
                raise os_error(exc, p.shown, "lecture") from None
            if p.new and current is not None:
                raise WriteError(
                    f"« {p.shown} » a été créé par un autre programme pendant la commande : "
                    "rien n'est écrit"
                )
            if not p.new and (
                current is None or _normalized(current) != _normalized(p.based_on or b"")
            ):
                raise WriteError(
                    f"« {p.shown} » a changé pendant la commande (autre commande, éditeur) : "
                    "rien n'est écrit, pour ne pas perdre ce changement ; relancez la commande"
                )
            originals[p.target] = current
        return originals


@contextlib.contextmanager
def data_change(
    root: Path, config: Config | None, display: str | None = None, *, dry_run: bool = False
) -> Iterator[Change]:
    """Un ensemble de fichiers à écrire dans `root`, tous ou aucun (voir le module).

    `config` : la configuration du linter qui vérifie le résultat (None : pas de vérification,
    pour un dossier qui n'est pas un dossier de données). `display` : le dossier tel que les
    diagnostics le nomment (par défaut, `root`). `dry_run` : vérifie seulement, n'écrit rien
    (l'aperçu d'`acv import` sans --write).
    """
    change = Change(
        Path(root), config, display if display is not None else Path(root).as_posix(), dry_run
    )
    yield change
    change.commit()


def _new_errors(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """Les erreurs d'un fichier qui en aurait plus qu'avant (celles qu'il n'avait pas).

    Compter par fichier, pas par message : corriger une erreur peut en révéler une autre au
    même endroit (un code écrit en nombre, mis entre guillemets par fmt, s'avère inconnu) ; le
    fichier n'en a pas plus pour autant, et l'écriture se fait.
    """
    from collections import Counter

    by_path: dict[str, list[Diagnostic]] = {}
    for d in after:
        by_path.setdefault(d.path, []).append(d)
    counts = Counter(d.path for d in before)
    new: list[Diagnostic] = []
    for path, errors in by_path.items():
        if len(errors) <= counts[path]:
            continue
        known = Counter((d.code, d.message) for d in before if d.path == path)
        unmatched = []
        for d in errors:
            if known[(d.code, d.message)]:
                known[(d.code, d.message)] -= 1
            else:
                unmatched.append(d)
        new += unmatched or errors
    return new
