"""La roue et l'archive des sources d'acvkit, construites comme pour une publication
(docs/release.md) : sans avertissement, la roue avec le seul paquet acvkit (gabarits compris),
l'archive avec de quoi lancer les tests une fois dépaquetée."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="git ou le dépôt absent"
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Un clone neuf (les fichiers suivis par git), puis python -m build."""
    clean = tmp_path_factory.mktemp("clone")
    tracked = (
        subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (clean / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clean / name)
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-m", "build", "-o", str(out), str(clean)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return out, done.stdout + done.stderr


def test_construction_sans_avertissement(dist: tuple[Path, str]) -> None:
    _, output = dist
    warnings = [line for line in output.splitlines() if "warning" in line.lower()]
    assert warnings == []


def test_la_roue_ne_contient_que_le_paquet_acvkit_et_ses_gabarits(dist: tuple[Path, str]) -> None:
    (wheel,) = dist[0].glob("acvkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    version = wheel.name.split("-")[1]
    assert {n.split("/")[0] for n in names} == {"acvkit", f"acvkit-{version}.dist-info"}
    templates = {n for n in names if n.startswith("acvkit/templates/")}
    expected = {
        "acvkit/" + p.relative_to(ROOT / "src/acvkit").as_posix()
        for p in (ROOT / "src/acvkit/templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert templates == expected


def test_l_archive_des_sources_lance_ses_tests(dist: tuple[Path, str], tmp_path: Path) -> None:
    (sdist,) = dist[0].glob("acvkit-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (source,) = tmp_path.iterdir()
    assert (source / "tests/fixtures/avenant/programme.yaml").is_file()
    assert not list(source.rglob(".acv-cache")) and not list(source.rglob("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(source / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_rules.py"],
        cwd=source, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:]
    assert " passed" in done.stdout
