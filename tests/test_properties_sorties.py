"""Aucune sortie d'aucune commande, dans aucun format, ne contient un caractère de contrôle brut,
quels que soient les données et les noms de fichiers (propriété, `make fuzz`).

Un caractère de contrôle (ESC, BEL, CR…), un séparateur U+2028/U+2029, une marque de direction ou
un nom de fichier qui n'est pas en UTF-8 s'écrit toujours échappé (« \\x1b », « \\u2028 ») : une
donnée ne pilote pas le terminal, ne forge pas de ligne de diagnostic et ne rend pas un JSON
invalide. Chaque sortie est lue en octets et doit être de l'UTF-8 strict.

Le nombre d'exemples vient de ACV_FUZZ_EXAMPLES (chaque exemple lance toutes les commandes :
ACV_FUZZ_EXAMPLES / 2000, au moins 3 : 5 pour `make fuzz`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acvkit.cli import app
from tests.conftest import POSITIVE, ROOT

FUZZ_EXAMPLES = int(os.environ.get("ACV_FUZZ_EXAMPLES", "200"))
FA1 = "fiches/bethune/fa-1-places.yaml"

# Ce qui ne doit jamais sortir brut : C0 sauf tabulation et saut de ligne, DEL, C1, séparateurs,
# marques et isolats de direction, BOM.
RAW_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)
HOSTILE = ["\x1b[31m", "\x07", "\r", "\u2028", "\u2029", "\u202e", "\x85", "\x00", "\x9b", "\n"]

# Chaque commande qui lit les données, dans chacun de ses formats ({data} : le dossier ;
# {before} : la copie d'origine, pour diff).
COMMANDS: list[list[str]] = [
    *(
        ["validate", "--data", "{data}", "--no-cache", "--format", f]
        for f in ("text", "json", "github", "gitlab", "sarif")
    ),
    ["list", "--data", "{data}"],
    ["show", "1", "--data", "{data}"],
    *(["couts", "--data", "{data}", "--format", f] for f in ("text", "json", "csv")),
    *(["suivi", "--data", "{data}", "--format", f] for f in ("text", "json", "md", "csv")),
    *(["indicateurs", "--data", "{data}", "--format", f] for f in ("text", "json", "md", "csv")),
    *(
        ["diff", "--avant", "{before}", "--apres", "{data}", "--format", f]
        for f in ("text", "md", "json", "github")
    ),
    ["fmt", "--data", "{data}", "--diff"],
    ["fix", "--data", "{data}", "--diff"],
]


def check_output(raw: bytes, where: str) -> str:
    """La sortie est de l'UTF-8 strict, sans caractère de contrôle brut ; rend le texte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AssertionError(f"{where} : pas de l'UTF-8 ({exc})") from None
    found = RAW_CONTROL.search(text)
    assert found is None, (
        f"{where} : {found.group(0)!r} brut dans {text[max(0, found.start() - 60) : found.end() + 20]!r}"
    )
    assert "Erreur interne" not in text and "Traceback" not in text, f"{where} : {text[-400:]}"
    return text


def run_all(data: Path, before: Path, summary: Path) -> None:
    """Toutes les commandes, tous les formats ; chaque sortie vérifiée, le JSON relu."""
    runner = CliRunner()
    for command in COMMANDS:
        args = [a.format(data=data, before=before) for a in command]
        result = runner.invoke(
            app, args, catch_exceptions=False, env={"GITHUB_STEP_SUMMARY": str(summary)}
        )
        where = " ".join(command)
        assert result.exit_code in (0, 1), f"{where} : {result.exit_code} {result.stderr[-300:]}"
        stdout = check_output(result.stdout_bytes, where)
        check_output(result.stderr_bytes, where + " (stderr)")
        if {"json", "sarif", "gitlab"} & set(command) and (
            result.exit_code == 0 or "validate" in command
        ):
            try:
                json.loads(stdout)
            except ValueError as exc:
                raise AssertionError(
                    f"{where} : JSON illisible ({exc}) : {stdout[:300]!r}"
                ) from None
    check_output(summary.read_bytes(), "GITHUB_STEP_SUMMARY")


def hostile_folder(root: Path, text: str, name: bytes) -> tuple[Path, Path]:
    """Le jeu `positive` copié deux fois ; dans le second, `text` dans le titre, la description
    et une note de suivi de FA 1, et une fiche illisible au nom `name` (octets)."""
    before = root / "before"
    data = root / "donnees"
    shutil.copytree(POSITIVE, before)
    shutil.copytree(POSITIVE, data)
    fiche = data / FA1
    quoted = json.dumps(text)  # une chaîne JSON est une chaîne YAML entre guillemets
    lines = fiche.read_text(encoding="utf-8").split("\n")
    lines = [f"titre: {quoted}" if line.startswith("titre:") else line for line in lines]
    body = "\n".join(lines)
    body += (
        f"statut: en_cours\nsuivi:\n  - {{date: 2024-01-02, statut: en_cours, note: {quoted}}}\n"
    )
    fiche.write_text(body, encoding="utf-8")
    folder = os.fsencode(data / "fiches" / "bethune")
    with open(os.path.join(folder, name), "wb") as handle:  # noqa: PTH118, PTH123 — nom en octets
        handle.write(b"numero: [\n")
    return data, before


NAMES = [b"fa-\xff\x1b[31m.yaml", b"fa-\x07\r\nFAUX:1:1: ERR.yaml", "fa-\u2028\u202e.yaml".encode()]


@pytest.mark.skipif(sys.platform == "win32", reason="noms de fichiers en octets")
@pytest.mark.parametrize("name", NAMES, ids=["non-utf8", "saut-de-ligne", "u2028-bidi"])
def test_noms_et_textes_hostiles_echappes_partout(tmp_path: Path, name: bytes) -> None:
    data, before = hostile_folder(tmp_path, "Titre\x1b[31m rouge\u2028\x07 fin\r", name)
    run_all(data, before, tmp_path / "resume.md")


@pytest.mark.skipif(sys.platform == "win32", reason="noms de fichiers en octets")
def test_diff_de_revisions_git_aux_noms_hostiles(tmp_path: Path) -> None:
    from tests.diff_repo import git

    repo = tmp_path / "depot"
    data, _ = hostile_folder(repo, "Titre\x1b[31m\u2029", NAMES[0])
    shutil.rmtree(repo / "before")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hostile")
    (data / FA1).write_text(
        (data / FA1).read_text(encoding="utf-8").replace("2024-01-02", "2024-01-03"),
        encoding="utf-8",
    )
    for output_format in ("text", "md", "json", "github"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "acvkit",
                "diff",
                "HEAD",
                "--data",
                str(data),
                "-f",
                output_format,
            ],
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, "GITHUB_STEP_SUMMARY": str(tmp_path / "resume.md")},
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        text = check_output(done.stdout, output_format)
        check_output(done.stderr, output_format + " (stderr)")
        if output_format == "json":
            json.loads(text)


texts = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(alphabet="aé|<*\\_`#- ", max_size=3)),
    min_size=1,
    max_size=6,
).map("".join)
names = st.lists(
    st.sampled_from([b"\xff", b"\x1b", b"\x07", b"\r", b"\n", b"a", "\u2028".encode(), b"\x85"]),
    min_size=1,
    max_size=4,
).map(lambda parts: b"fa-" + b"".join(parts) + b".yaml")


@pytest.mark.skipif(sys.platform == "win32", reason="noms de fichiers en octets")
@settings(
    max_examples=max(3, FUZZ_EXAMPLES // 2000),
    deadline=None,
    derandomize=os.environ.get("ACV_FUZZ_DERANDOMIZE") == "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts, names)
def test_aucune_sortie_ne_contient_de_controle_brut(text: str, name: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="acv-sorties-") as tmp:
        data, before = hostile_folder(Path(tmp), text, name)
        run_all(data, before, Path(tmp) / "resume.md")
