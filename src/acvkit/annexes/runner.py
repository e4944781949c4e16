"""Le build : valider, calculer le contenu, rendre chaque format en mémoire, puis écrire atomiquement."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from acvkit.annexes.assemble import build_annexes, entete
from acvkit.annexes.formats import Renderer, RenderInput
from acvkit.annexes.reproducible import normalize_zip
from acvkit.diagnostics import Diagnostic
from acvkit.errors import BuildError as BuildError
from acvkit.loading.dataset import Dataset
from acvkit.loading.parallel import fork_available, fork_executor

DEFAULT_FORMATS = ("html", "md", "docx", "xlsx")
ALL_FORMATS = (*DEFAULT_FORMATS, "odt", "pdf")


def _renderer(name: str) -> Renderer:
    # Import paresseux : jinja2, python-docx et openpyxl ne sont chargés que par le build qui s'en sert.
    if name == "html":
        from acvkit.annexes.html import render_html

        return render_html
    if name == "md":
        from acvkit.annexes.markdown import render_markdown

        return render_markdown
    if name == "docx":
        from acvkit.annexes.docx.render import render_docx
        from acvkit.annexes.docx.suivi import render_docx_suivi

        # Les annexes de l'avenant, puis bilan et rapport-suivi quand le dossier a un suivi.
        return lambda inp: {**render_docx(inp), **render_docx_suivi(inp)}
    if name == "xlsx":
        from acvkit.anct.export.workbook import render_xlsx

        return render_xlsx
    raise BuildError(f"format inconnu « {name} » (formats : {', '.join(ALL_FORMATS)})")


@dataclass
class BuildResult:
    written: list[tuple[str, int]] = field(default_factory=list)  # (chemin relatif, octets)
    unchanged: list[str] = field(default_factory=list)


Progress = Callable[[str], None]


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """« html,md » « docx » → ("html", "md", "docx") ; refuse un format inconnu."""
    formats: list[str] = []
    for value in values:
        for name in (v.strip().lower() for v in value.split(",")):
            if not name:
                continue
            if name not in ALL_FORMATS:
                raise BuildError(f"format inconnu « {name} » (formats : {', '.join(ALL_FORMATS)})")
            if name not in formats:
                formats.append(name)
    return tuple(formats) or DEFAULT_FORMATS


# Au-delà de ce nombre de fiches, les formats demandés se rendent en même temps, un par cœur.
PARALLEL_MIN_FICHES = 300

Inheritance = tuple[RenderInput, dict[str, Renderer] | None, datetime]

# Ce qu'un processus de rendu reçoit du processus principal à sa création (par fork, sans copie) :
# entrée, rendus, date. Posé par _inherit, dans les processus de rendu seulement.
_INHERITANCE: Inheritance | None = None


def _inherit(inheritance: Inheritance) -> None:
    global _INHERITANCE
    _INHERITANCE = inheritance


def _render_one(
    name: str, inp: RenderInput, renderers: dict[str, Renderer] | None, when: datetime
) -> dict[str, bytes]:
    from acvkit.annexes.sandbox import TemplateRenderError

    render = (renderers or {}).get(name) or _renderer(name)
    try:
        produced = render(inp)
    except TemplateRenderError as exc:
        raise BuildError(f"gabarit en erreur, {exc}") from None
    if name in {"docx", "xlsx"}:
        produced = {path: normalize_zip(content, when) for path, content in produced.items()}
    return produced


def _render_inherited(name: str) -> dict[str, bytes]:
    assert _INHERITANCE is not None
    return _render_one(name, *_INHERITANCE)


def _render_each(
    names: list[str],
    inp: RenderInput,
    renderers: dict[str, Renderer] | None,
    when: datetime,
    progress: Progress | None,
) -> dict[str, dict[str, bytes]]:
    """Chaque format rendu en mémoire ; sur plusieurs cœurs quand les données sont grosses."""
    cores = os.cpu_count() or 1
    if (
        len(names) > 1
        and cores > 1
        and len(inp.data.fiches if inp.data else []) >= PARALLEL_MIN_FICHES
        and fork_available()
    ):
        if progress:
            progress("rendu " + ", ".join(names) + " en parallèle")
        # Le tableur, le plus long, part le premier.
        order = sorted(names, key=lambda n: n != "xlsx")
        inheritance = (inp, renderers, when)
        with fork_executor(min(len(names), cores), _inherit, (inheritance,)) as pool:
            futures = {name: pool.submit(_render_inherited, name) for name in order}
            return {name: future.result() for name, future in futures.items()}
    renderings: dict[str, dict[str, bytes]] = {}
    for name in names:
        if progress:
            progress(f"rendu {name}")
        renderings[name] = _render_one(name, inp, renderers, when)
        # Le classeur ou le document rendu forme des cycles (feuille ↔ classeur) : libérés ici,
        # avant le format suivant, plutôt qu'à la fin (mémoire maximale d'un gros build).
        gc.collect()
    return renderings


def render_all(
    data: Dataset,
    formats: tuple[str, ...],
    templates: Path,
    when: datetime,
    commit: str | None,
    progress: Progress | None = None,
    renderers: dict[str, Renderer] | None = None,
    avertissements: list[Diagnostic] | None = None,
    extra_annexes: tuple[tuple[str, str], ...] = (),
    a_signer: bool = False,
) -> dict[str, bytes]:
    """Tous les fichiers du build, en mémoire. Une erreur ici n'a encore rien écrit sur le disque.

    `avertissements` : ceux de la validation, repris dans les points d'attention de l'index ;
    `supplementaires` : les annexes rendues à part (slug, titre), que l'index HTML nomme aussi.
    """
    # Le contenu des annexes est calculé à la première demande, une fois par processus : en
    # parallèle, le tableur (le plus long) commence sans l'attendre.
    inp = RenderInput(
        None,
        templates,
        data,
        commit,
        entete=entete(data, when.date()),
        compute=lambda: build_annexes(data, when.date(), avertissements, a_signer),
        extra_annexes=extra_annexes,
    )
    files: dict[str, bytes] = {}
    wanted = [f for f in formats if f in DEFAULT_FORMATS]
    if {"odt", "pdf"} & set(formats) and "docx" not in wanted:
        wanted.append("docx")  # ODT et PDF sont convertis depuis le DOCX
    renderings = _render_each(wanted, inp, renderers, when, progress)
    for name in wanted:
        if name in formats:
            files.update(renderings[name])
    docx = renderings.get("docx", {})
    for target in ("odt", "pdf"):
        if target in formats:
            from acvkit.annexes.libreoffice import ConversionError, convert

            if progress:
                progress(f"conversion {target} par LibreOffice")
            try:
                files.update(convert(docx, target))
            except ConversionError as exc:
                raise BuildError(str(exc)) from exc
    return dict(sorted(files.items()))


def write_all(files: dict[str, bytes], out: Path) -> BuildResult:
    """Publie tout le jeu d'un coup (acvkit.annexes.staging) : la sortie est toute neuve ou intacte.

    OutputError si la sortie ne peut pas être écrite (droits, disque plein, chemin qui est un fichier).
    """
    from acvkit.annexes.staging import publish

    written, unchanged = publish(files, out)
    return BuildResult(written, unchanged)
