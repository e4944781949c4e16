"""`acv fix` : les corrections mécaniques, sans deviner.

Seules les corrections que le diagnostic donne d'une seule façon sont faites : une clé ou un
identifiant pour lequel le message propose « vouliez-vous dire « x » ? » (une seule proposition),
un code écrit comme un nombre (mis entre guillemets, tel qu'écrit), une ligne de schéma absente
ou fausse. Chaque correction touche le seul texte fautif : commentaires et mise en page restent.
Les corrections se font sur une copie du dossier, relue après chaque passe (une clé corrigée
peut révéler un identifiant à corriger), puis les fichiers changés sont recopiés.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from acvkit.config import Config
from acvkit.diagnostics import Diagnostic
from acvkit.loading.discovery import discover
from acvkit.schema.modelines import restore

_SUGGESTION = re.compile(r"« (?P<faux>[^»]+) ».*vouliez-vous dire « (?P<bon>[^»]+) » \?")
_NUMBER = re.compile(r"code écrit comme un nombre \((?P<texte>[^)]+)\)")
PASSES = 5


@dataclass(frozen=True)
class Edit:
    line: int
    column: int
    old: str
    new: str


def edits_for(diagnostic: Diagnostic) -> Edit | None:
    """La correction sûre d'un diagnostic, s'il en a une."""
    count = _NUMBER.search(diagnostic.message)
    if count is not None:
        texte = count.group("texte")
        return Edit(diagnostic.line, diagnostic.column, texte, f'"{texte}"')
    suggestion = _SUGGESTION.search(diagnostic.message)
    if suggestion is not None:
        return Edit(
            diagnostic.line, diagnostic.column, suggestion.group("faux"), suggestion.group("bon")
        )
    return None


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, int]:
    """Le texte corrigé et le nombre de corrections faites (celles qui ne tombent pas juste : aucune)."""
    lines = text.split("\n")
    done = 0
    for edit in sorted(set(edits), key=lambda e: (e.line, -e.column)):
        if not 0 < edit.line <= len(lines):
            continue
        line = lines[edit.line - 1]
        start = edit.column - 1
        for quote in ("", '"', "'"):
            token = f"{quote}{edit.old}{quote}"
            if line[start:].startswith(token):
                after = line[start + len(token) :]
                # Le mot entier seulement : « cabalr » mais pas « cabalr-nord ».
                if after[:1].isalnum() or after[:1] in {"-", "_"}:
                    break
                new = (
                    edit.new if not quote or edit.new.startswith('"') else quote + edit.new + quote
                )
                lines[edit.line - 1] = line[:start] + new + after
                done += 1
                break
    return "\n".join(lines), done


def _readable(text: str, file: Path) -> bool:
    """Une correction qui rendrait le fichier illisible (clé alors en double…) n'est pas faite."""
    from acvkit.yaml.document import YamlProblem
    from acvkit.yaml.reader import parse_text

    try:
        parse_text(str(file), text.encode("utf-8"))
    except YamlProblem:
        return False
    return True


@dataclass
class FixResult:
    changed: dict[Path, tuple[str, str]]  # fichier d'origine → (avant, après)
    corrections: dict[Path, int]

    def diff(self) -> list[str]:
        """Le diff unifié des corrections, caractères de contrôle échappés."""
        import difflib

        from acvkit.safe_text import visible
        from acvkit.workspace import for_display
        from acvkit.writing.change import split_lines

        out: list[str] = []
        for file, (before, after) in sorted(self.changed.items()):
            shown = visible(for_display(file))
            out += [
                visible(line, lines=True)
                for line in difflib.unified_diff(
                    split_lines(before), split_lines(after), f"{shown} (avant)", f"{shown} (après)"
                )
            ]
        return out

    def write(self, data: Path, config: Config) -> None:
        """Écrit toutes les corrections ou aucune (acvkit.writing : linter, verrou, journal)."""
        from acvkit.writing.change import data_change

        with data_change(data, config) as change:
            for file, (before, after) in sorted(self.changed.items()):
                change.write(file, after, based_on=before)


Lint = Callable[[Path], list[Diagnostic]]


def _relative(path: str, root: Path) -> Path | None:
    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return None


def fix_folder(data: Path, lint: Lint) -> FixResult:
    """Les corrections sûres de tout le dossier, calculées sur une copie (rien n'est écrit ici)."""
    corrections: dict[Path, int] = {}
    with tempfile.TemporaryDirectory(prefix="acv-fix-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(
            data,
            copy,
            ignore=shutil.ignore_patterns(".acv-cache", ".acv-ecriture", ".git"),
            copy_function=shutil.copyfile,  # sans les droits : un fichier en lecture seule se corrige
        )
        for folder, _, _ in os.walk(copy):
            Path(folder).chmod(0o700)
        for _ in range(PASSES):
            by_file: dict[Path, list[Edit]] = {}
            modelines: set[Path] = set()
            for diagnostic in lint(copy):
                relative = _relative(diagnostic.path, copy)
                if relative is None:
                    continue
                if diagnostic.code == "STR003":
                    modelines.add(relative)
                    continue
                edit = edits_for(diagnostic)
                if edit is not None:
                    by_file.setdefault(relative, []).append(edit)
            progress = 0
            for relative in sorted(set(by_file) | modelines):
                file = copy / relative
                before = file.read_text(encoding="utf-8")
                after, done = apply_edits(before, by_file.get(relative, []))
                if relative in modelines:
                    restored = restore(after, PurePosixPath(relative.as_posix()), True, file)
                    done += restored != after
                    after = restored
                if done and after != before and _readable(after, file):
                    file.write_text(after, encoding="utf-8")
                    corrections[relative] = corrections.get(relative, 0) + done
                    progress += done
            if not progress:
                break
        changed: dict[Path, tuple[str, str]] = {}
        for relative in discover(copy):
            original = data / relative
            after = (copy / relative).read_text(encoding="utf-8", errors="surrogateescape")
            before = original.read_text(encoding="utf-8", errors="surrogateescape")
            if after != before:
                changed[original] = (before, after)
    return FixResult(changed, {data / r: n for r, n in corrections.items()})
