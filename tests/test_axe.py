"""Audit axe-core de chaque annexe HTML (WCAG 2.0/2.1, niveaux A et AA) dans Chromium.

Le test construit les annexes réelles (données de l'avenant et exemple de suivi) avec
`acv build --format html`, et l'annexe « modifications » (`acv build --depuis REV`) sur un dépôt
git de test où chacune de ses parties a de quoi s'écrire (tests/diff_repo.py) ; il installe axe-core et puppeteer-core par npm dans un cache que le
test gère (~/.cache/acvkit-tests, ou ACV_AXE_CACHE), puis exige zéro violation, quel que soit
l'impact. Sans Chromium, sans npm (ou git, pour les modifications) ou si l'installation échoue,
le test est sauté.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, run
from tests.diff_repo import complete_git_repo

CHROMIUM = "/usr/bin/chromium"
SCRIPT = Path(__file__).resolve().parent / "axe" / "audit.js"
NPM_PACKAGES = ("axe-core@4.14", "puppeteer-core@23")
EXAMPLE = ROOT / "examples" / "suivi-2025-s1"


def _cache() -> Path:
    default = Path.home() / ".cache" / "acvkit-tests" / "axe"
    return Path(os.environ.get("ACV_AXE_CACHE", str(default)))


def _modules() -> Path:
    """Le dossier node_modules où axe-core et puppeteer-core sont installés (une fois)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip("Chromium absent (/usr/bin/chromium) : audit axe-core non lancé")
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("npm ou node absent : audit axe-core non lancé")
    cache = _cache()
    modules = cache / "node_modules"
    if all((modules / nom.rsplit("@", 1)[0] / "package.json").is_file() for nom in NPM_PACKAGES):
        return modules
    cache.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(cache)]
    try:
        completed = subprocess.run(
            [*command, *NPM_PACKAGES], capture_output=True, text=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"installation npm d'axe-core impossible : {exc}")
    if completed.returncode != 0:
        pytest.skip(f"installation npm d'axe-core en échec : {completed.stderr.strip()[:300]}")
    return modules


def _annexes(tmp_path: Path) -> list[Path]:
    pages: list[Path] = []
    for nom, folder in (("avenant", DATA), ("suivi", EXAMPLE)):
        out = tmp_path / nom
        result = run("build", "--data", str(folder), "--format", "html", "--out", str(out))
        assert result.exit_code == 0, result.stdout + result.stderr
        pages += sorted((out / "html").glob("*.html"))
    return pages


def _check_pages(modules: Path, pages: list[Path], tmp_path: Path) -> None:
    """Zéro violation axe-core (WCAG 2.0/2.1 A et AA) sur chacune de ces pages."""
    profiling = tmp_path / "profil-chromium"
    profiling.mkdir()
    env = {**os.environ, "NODE_PATH": str(modules)}
    completed = subprocess.run(
        ["node", str(SCRIPT), CHROMIUM, str(profiling), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(completed.stdout)
    assert sorted(results) == sorted(map(str, pages))
    violations: dict[str, object] = {}
    for path, resultat in results.items():
        page = str(Path(path).relative_to(tmp_path))
        # L'audit a vraiment tourné : axe a appliqué des règles à la page.
        assert resultat["version"].startswith("4."), page
        assert resultat["passees"] > 10, page
        if resultat["violations"]:
            violations[page] = resultat["violations"]
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=2)


def test_axe_core_sans_violation_wcag21_aa(tmp_path: Path) -> None:
    modules = _modules()
    pages = _annexes(tmp_path)
    names = {p.name for p in pages}
    # Toutes les annexes HTML qu'un avenant et un suivi produisent sont auditées.
    assert {"index.html", "fiches-action.html", "programmation.html", "bilan.html"} <= names
    _check_pages(modules, pages, tmp_path)


def test_axe_core_annexe_modifications(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git absent : annexe « modifications » non construite")
    modules = _modules()
    data, base = complete_git_repo(tmp_path)
    out = tmp_path / "build"
    result = run(
        "build", "--data", str(data), "--format", "html", "--out", str(out), "--from-ref", base
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    page = out / "html" / "modifications.html"
    html = page.read_text(encoding="utf-8")
    # Chaque partie de l'annexe est écrite, donc auditée.
    for section in (
        "Fiches ajoutées",
        "Fiches supprimées",
        "Fiches renumérotées",
        "Fiches illisibles",
        "Fiches modifiées",
        "Référentiel",
        "Synthèse financière avant et après",
        "Suivi des financements",
    ):
        assert f"<h2>{section}</h2>" in html, section
    assert "<del>" in html and "<ins>" in html  # l'écart mot à mot d'un long texte
    assert "La version avant comporte 1 erreur" in html
    _check_pages(modules, [page, out / "html" / "index.html"], tmp_path)
