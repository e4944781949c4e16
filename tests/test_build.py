"""acv build : toutes les annexes, octets identiques d'un build à l'autre, rien d'écrit si ça échoue."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import acvkit
from acvkit.annexes import runner
from acvkit.annexes.formats import RenderInput
from tests.conftest import AVENANT, edit, run

ANNEXES = [
    "plan-action",
    "programmation",
    "evaluation",
    "fiches-action",
    "recapitulatif",
    "maquette-financiere",
]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_toutes_les_annexes_dans_les_trois_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1er janvier 2026
    result = run("build", "--data", str(AVENANT), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    files = set(_snapshot(tmp_path / "out"))
    for annexe in ANNEXES:
        assert {f"html/{annexe}.html", f"md/{annexe}.md", f"docx/{annexe}.docx"} <= files
    assert "html/index.html" in files and "anct/plan-action-ACV031.xlsx" in files
    assert "1er janvier 2026" in (tmp_path / "out/html/index.html").read_text(encoding="utf-8")


def test_octets_identiques_a_deux_moments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert run("build", "--data", str(AVENANT), "--out", str(tmp_path / "a")).exit_code == 0
    time.sleep(2.1)  # les horodatages ZIP ont une résolution de 2 secondes
    assert run("build", "--data", str(AVENANT), "--out", str(tmp_path / "b")).exit_code == 0
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")


def test_un_format_seulement(tmp_path: Path) -> None:
    result = run("build", "--data", str(AVENANT), "--out", str(tmp_path), "--format", "md")
    assert result.exit_code == 0
    assert {p.split("/")[0] for p in _snapshot(tmp_path)} == {"md"}
    assert run("build", "--data", str(AVENANT), "--format", "rtf").exit_code == 2


def test_refuse_des_donnees_en_erreur(real_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        run("build", "--data", str(real_data), "--out", str(out), "--format", "md").exit_code == 0
    )
    before = _snapshot(out)
    edit(
        real_data / "fiches/bethune/fa-62-places-hypercentre.yaml",
        'sous_axe: "4.2"',
        'sous_axe: "4.9"',
    )
    result = run("build", "--data", str(real_data), "--out", str(out), "--format", "md")
    assert result.exit_code == 1 and "INT003" in result.stderr
    assert _snapshot(out) == before


def test_echec_du_dernier_rendu_laisse_le_build_precedent_intact(
    real_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert run("build", "--data", str(real_data), "--out", str(out)).exit_code == 0
    before = _snapshot(out)
    edit(
        real_data / "fiches/bethune/fa-62-places-hypercentre.yaml",
        "titre: Aménagement",
        "titre: Nouvel aménagement",
    )

    def failure(_inp: RenderInput) -> dict[str, bytes]:
        raise OSError("disque plein (panne simulée)")

    original = runner._renderer
    monkeypatch.setattr(
        runner, "_renderer", lambda name: failure if name == "xlsx" else original(name)
    )
    with pytest.raises(OSError, match="panne simulée"):
        acvkit.build(acvkit.load(real_data), out)
    assert _snapshot(out) == before
    assert not list(out.rglob("*.tmp"))


def test_libreoffice_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from acvkit.annexes import libreoffice

    monkeypatch.setattr(libreoffice, "soffice", lambda: None)
    result = run("build", "--data", str(AVENANT), "--out", str(tmp_path), "--format", "odt")
    assert result.exit_code == 1
    assert (
        "LibreOffice est introuvable" in result.stderr
        and "apt-get install libreoffice-writer" in result.stderr
    )
    assert _snapshot(tmp_path) == {}


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None,
    reason="LibreOffice (soffice) n'est pas installé ici",
)
def test_odt_et_pdf_par_libreoffice(tmp_path: Path) -> None:
    result = run("build", "--data", str(AVENANT), "--out", str(tmp_path), "--format", "odt,pdf")
    assert result.exit_code == 0, result.stderr
    files = _snapshot(tmp_path)
    for annexe in ANNEXES:
        assert files[f"odt/{annexe}.odt"][:2] == b"PK"  # une archive OpenDocument
        assert files[f"pdf/{annexe}.pdf"].startswith(b"%PDF")


def test_rendu_parallele_identique_au_rendu_en_serie(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Au-delà de PARALLEL_MIN_FICHES, chaque format est rendu dans son propre processus.
    from datetime import UTC, datetime

    from acvkit.loading import load_folder
    from tests.strategies import generate_fiches, write_dataset

    write_dataset(tmp_path / "data", generate_fiches(runner.PARALLEL_MIN_FICHES, seed=3))
    data = load_folder(tmp_path / "data").dataset
    templates = Path(__file__).resolve().parent.parent / "src" / "acvkit" / "templates"
    when = datetime(2026, 1, 1, tzinfo=UTC)
    formats = ("html", "xlsx")
    trace = tmp_path / "processus.txt"

    def html_trace(inp: RenderInput) -> dict[str, bytes]:
        with trace.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return runner._renderer("html")(inp)

    parallel = runner.render_all(
        data, formats, templates, when, None, renderers={"html": html_trace}
    )
    monkeypatch.setattr(runner, "PARALLEL_MIN_FICHES", 10**9)
    series = runner.render_all(data, formats, templates, when, None, renderers={"html": html_trace})
    assert parallel == series and "anct/plan-action-ACV031.xlsx" in parallel
    # Le premier rendu html a tourné dans un autre processus, le second dans celui-ci.
    pids = trace.read_text(encoding="utf-8").split()
    assert len(pids) == 2 and pids[0] != str(os.getpid()) and pids[1] == str(os.getpid())

    # Une panne dans un processus de rendu remonte telle quelle au processus principal.
    def failure(_inp: RenderInput) -> dict[str, bytes]:
        raise OSError("disque plein (panne simulée)")

    monkeypatch.setattr(runner, "PARALLEL_MIN_FICHES", 1)
    original = runner._renderer
    monkeypatch.setattr(
        runner, "_renderer", lambda name: failure if name == "xlsx" else original(name)
    )
    with pytest.raises(OSError, match="panne simulée"):
        runner.render_all(data, formats, templates, when, None)
