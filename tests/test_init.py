"""`acv init` : un nouveau territoire obtient un dépôt qui valide, se construit et accepte une fiche."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from acvkit import __version__
from acvkit.cli import app

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
INIT_OPTIONS = [
    "--id-anct",
    "ACV099",
    "--epci",
    "Communauté de communes du Val",
    "--siren",
    "200000008",
    "--commune",
    "Ville-sur-Val:99001",
    "--commune",
    "Bourg-le-Val:99002",
    "--periode",
    "2023-2026",
]


@dataclass
class Completed:
    returncode: int
    stdout: str
    stderr: str


def _acv(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Completed:
    """`acv` lancé dans ce processus depuis le dossier `cwd`, sans terminal (entrée vide).

    Le passage par un vrai processus n'est vérifié que là où il compte : les questions posées sur
    un pseudo-terminal (test_questions_sur_un_terminal).
    """
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(
            app, list(args), env={"NO_COLOR": "1", **(env or {})}, catch_exceptions=False
        )
    return Completed(result.exit_code, result.stdout, result.stderr)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _yaml(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def git_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root_dir = tmp_path_factory.mktemp("init")
    completed = _acv("init", "plan-acv", *INIT_OPTIONS, cwd=root_dir)
    assert completed.returncode == 0, completed.stderr
    assert "ville-sur-val" in completed.stdout and "bourg-le-val" in completed.stdout
    assert "communaute-de-communes-du-val" in completed.stdout
    return root_dir / "plan-acv"


def test_fichiers_ecrits(git_repo: Path) -> None:
    for relative in (
        "README.md",
        "acv.toml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/acv.yml",
        ".gitlab-ci.yml",
        ".vscode/settings.json",
        "data/programme.yaml",
        "data/partenaires.yaml",
        "data/axes/axe-1.yaml",
        "data/axes/axe-5.yaml",
        "data/axes/axe-transversal.yaml",
        "schemas/fiche.schema.json",
    ):
        assert (git_repo / relative).is_file(), relative
    for collectivite in ("communaute-de-communes-du-val", "ville-sur-val", "bourg-le-val"):
        assert (git_repo / "data/fiches" / collectivite).is_dir()
    assert (git_repo / "data/indicateurs").is_dir()
    ignores = (git_repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".acv-cache/" in ignores and "build/" in ignores
    # Chaque fichier de données et de configuration commence par un commentaire.
    for relative in ("data/programme.yaml", "data/partenaires.yaml", "data/axes/axe-2.yaml"):
        lines = (git_repo / relative).read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# yaml-language-server: $schema=")
        assert lines[1].startswith("# ")
    for relative in (
        "acv.toml",
        ".pre-commit-config.yaml",
        ".github/workflows/acv.yml",
        ".gitlab-ci.yml",
    ):
        assert (git_repo / relative).read_text(encoding="utf-8").startswith("# ")


def test_programme_et_partenaires(git_repo: Path) -> None:
    programme = _yaml(git_repo / "data/programme.yaml")
    assert isinstance(programme, dict)
    assert programme["id_anct"] == "ACV099"
    assert programme["territoire"]["epci"] == {
        "collectivite": "communaute-de-communes-du-val",
        "siren": "200000008",
    }
    assert programme["territoire"]["communes"] == [
        {"collectivite": "ville-sur-val", "insee": "99001"},
        {"collectivite": "bourg-le-val", "insee": "99002"},
    ]
    assert str(programme["debut"]) == "2023-01-01" and str(programme["fin"]) == "2026-12-31"
    partenaires = _yaml(git_repo / "data/partenaires.yaml")
    assert isinstance(partenaires, dict)
    by_id = {p["id"]: p for p in partenaires["partenaires"]}
    for ident in ("etat", "anct", "banque-des-territoires", "action-logement", "anah", "anru"):
        assert by_id[ident]["nature"] and by_id[ident]["sigle"]
    assert by_id["ville-sur-val"]["nature"] == "commune"
    assert by_id["communaute-de-communes-du-val"]["nature"] == "epci"
    signataires = {s["organisation"] for s in programme["signataires"]}
    assert signataires <= set(by_id)


def test_valide_sans_erreur_puis_nouvelle_fiche(git_repo: Path, tmp_path: Path) -> None:
    copied = tmp_path / "copie"
    shutil.copytree(git_repo, copied)
    validated = _acv("validate", "--format", "json", cwd=copied)
    assert validated.returncode == 0, validated.stdout
    diagnostics = json.loads(validated.stdout)
    assert not [d for d in diagnostics if d["severity"] == "error"]
    # Les signataires à compléter sont signalés (CON003) tant qu'ils restent.
    con003 = [d for d in diagnostics if d["code"] == "CON003"]
    assert any(d["path"].endswith("programme.yaml") for d in con003)
    assert _acv("fmt", "--check", cwd=copied).returncode == 0

    fresh = _acv(
        "new",
        "fiche",
        "--collectivite",
        "ville-sur-val",
        "--sous-axe",
        "4.2",
        "--titre",
        "Place du Marché",
        cwd=copied,
    )
    assert fresh.returncode == 0, fresh.stderr
    fiche = copied / "data/fiches/ville-sur-val/fa-1-place-du-marche.yaml"
    assert fiche.is_file()
    validated = _acv("validate", "--format", "json", cwd=copied)
    assert validated.returncode == 0, validated.stdout
    assert any(d["path"].endswith(fiche.name) for d in json.loads(validated.stdout))

    build = _acv("build", "--format", "html,xlsx", cwd=copied)
    assert build.returncode == 0, build.stderr
    assert (copied / "build/anct/plan-action-ACV099.xlsx").is_file()
    assert "FA 1" in (copied / "build/html/plan-action.html").read_text(encoding="utf-8")


def test_build_de_toutes_les_annexes_sans_fiche(git_repo: Path, tmp_path: Path) -> None:
    copied = tmp_path / "copie"
    shutil.copytree(git_repo, copied)
    build = _acv("build", cwd=copied)
    assert build.returncode == 0, build.stderr
    for annexe in (
        "plan-action",
        "programmation",
        "fiches-action",
        "recapitulatif",
        "maquette-financiere",
    ):
        html = (copied / f"build/html/{annexe}.html").read_text(encoding="utf-8")
        md = (copied / f"build/md/{annexe}.md").read_text(encoding="utf-8")
        assert "Aucune fiche action." in html and "Aucune fiche action." in md, annexe
        assert "<table" not in html and "| Fiche |" not in md, annexe
        assert (copied / f"build/docx/{annexe}.docx").stat().st_size > 0
    assert "Aucun indicateur d'évaluation." in (copied / "build/md/evaluation.md").read_text(
        encoding="utf-8"
    )


def test_precommit_et_ci_valides(git_repo: Path) -> None:
    config = _yaml(git_repo / ".pre-commit-config.yaml")
    assert isinstance(config, dict)
    (local,) = config["repos"]
    # Pas d'adresse à inventer : un crochet local, acvkit installé depuis l'index par version.
    assert local["repo"] == "local"
    hooks = {h["id"]: h for h in local["hooks"]}
    assert set(hooks) == {"acv-fmt", "acv-validate", "acv-schema"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["additional_dependencies"] == [f"acvkit=={__version__}"]
    # Les mêmes crochets que ceux qu'acvkit publie (.pre-commit-hooks.yaml).
    published = _yaml(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(published, list)
    for hook in published:
        mine = hooks[hook["id"]]
        for key in ("entry", "files", "pass_filenames", "require_serial", "language"):
            assert mine[key] == hook[key], (hook["id"], key)
    checked = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", str(git_repo / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    workflow = _yaml(git_repo / ".github/workflows/acv.yml")
    assert isinstance(workflow, dict)
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["acv"]["steps"])
    assert "acv validate --data data --format github" in steps and "acv build" in steps
    assert f"python -m pip install 'acvkit[documents]=={__version__}'" in steps
    assert "<organisation>" not in steps
    assert any(
        "upload-artifact" in str(s.get("uses", "")) for s in workflow["jobs"]["acv"]["steps"]
    )
    gitlab = (git_repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert f"python -m pip install acvkit=={__version__}\n" in gitlab
    for schema, file, extra in (
        ("vendor.github-workflows", ".github/workflows/acv.yml", []),
        ("vendor.gitlab-ci", ".gitlab-ci.yml", ["--data-transform", "gitlab-ci"]),
    ):
        completed = subprocess.run(
            [
                str(BIN / "check-jsonschema"),
                "--builtin-schema",
                schema,
                *extra,
                str(git_repo / file),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr


def test_source_d_acvkit_donnee_a_init(tmp_path: Path) -> None:
    # L'ancienne option --depot-acvkit plantait (« Erreur interne ») : elle est l'ancien nom de
    # --acvkit-source, et une adresse donnée va telle quelle dans pre-commit et la CI.
    url = "git+https://git.example.org/outils/acvkit@v0.2.0"
    for option in ("--acvkit-source", "--depot-acvkit"):
        folder = tmp_path / option.strip("-")
        completed = _acv("init", str(folder), *INIT_OPTIONS, option, url, cwd=tmp_path)
        assert completed.returncode == 0, completed.stderr
        assert f"pre-commit et la CI installeront acvkit depuis {url}" in completed.stdout
        config = _yaml(folder / ".pre-commit-config.yaml")
        assert isinstance(config, dict)
        deps = {tuple(h["additional_dependencies"]) for h in config["repos"][0]["hooks"]}
        assert deps == {(f"acvkit @ {url}",)}
        workflow = (folder / ".github/workflows/acv.yml").read_text(encoding="utf-8")
        assert f"'acvkit[documents] @ {url}'" in workflow
    missing = _acv("init", "p", *INIT_OPTIONS, "--acvkit-source", "nulle-part/", cwd=tmp_path)
    assert missing.returncode == 2 and "source d'acvkit introuvable « nulle-part/ »" in (
        missing.stderr
    )
    assert not (tmp_path / "p").exists()


def test_second_init_refuse_et_ne_change_rien(git_repo: Path) -> None:
    before = _tree(git_repo)
    completed = _acv("init", git_repo.name, *INIT_OPTIONS, cwd=git_repo.parent)
    assert completed.returncode == 2
    assert "n'est pas vide" in completed.stderr and "Traceback" not in completed.stderr
    assert _tree(git_repo) == before


def test_force_complete_sans_ecraser(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    (folder / "data").mkdir(parents=True)
    (folder / "README.md").write_text("notre README\n", encoding="utf-8")
    completed = _acv("init", "plan", *INIT_OPTIONS, cwd=tmp_path)
    assert completed.returncode == 2 and not (folder / "data/programme.yaml").exists()
    completed = _acv("init", "plan", *INIT_OPTIONS, "--force", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert (folder / "README.md").read_text(encoding="utf-8") == "notre README\n"
    assert "laissé tel quel : README.md" in completed.stderr
    assert (folder / "data/programme.yaml").is_file()


def test_option_manquante_sans_terminal(tmp_path: Path) -> None:
    completed = _acv("init", "plan", *INIT_OPTIONS[:-2], cwd=tmp_path)
    assert completed.returncode == 2
    assert "--periode" in completed.stderr and "2023-2026" in completed.stderr
    assert not (tmp_path / "plan").exists()


@pytest.mark.parametrize(
    ("replaced", "expected"),
    [
        (("--siren", "12345"), "SIREN invalide"),
        (("--commune", "Ville-sur-Val"), "sans code INSEE"),
        (("--commune", "Ville-sur-Val:9900"), "code INSEE invalide"),
        (("--periode", "2026-2023"), "période invalide"),
    ],
)
def test_options_invalides(tmp_path: Path, replaced: tuple[str, str], expected: str) -> None:
    args = list(INIT_OPTIONS)
    args[args.index(replaced[0]) + 1] = replaced[1]
    completed = CliRunner().invoke(app, ["init", str(tmp_path / "plan"), *args])
    assert completed.exit_code == 2
    assert expected in completed.output
    assert not (tmp_path / "plan").exists()


def test_deux_communes_au_meme_identifiant(tmp_path: Path) -> None:
    args = [*INIT_OPTIONS, "--commune", "Ville sur Val:99003"]
    completed = CliRunner().invoke(app, ["init", str(tmp_path / "plan"), *args])
    assert completed.exit_code == 2 and "même identifiant « ville-sur-val »" in completed.output


def test_git_premier_commit(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git absent")
    env_git = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    completed = _acv("init", "plan", *INIT_OPTIONS, "--git", cwd=tmp_path, env=env_git)
    assert completed.returncode == 0, completed.stderr
    suivis = subprocess.run(
        ["git", "ls-files"], cwd=tmp_path / "plan", capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert "data/programme.yaml" in suivis and "data/fiches/ville-sur-val/.gitkeep" in suivis
    etat = subprocess.run(
        ["git", "status", "--porcelain"],
        cwd=tmp_path / "plan",
        capture_output=True,
        text=True,
        check=True,
    )
    assert etat.stdout == ""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminal indisponible")
def test_questions_sur_un_terminal(tmp_path: Path) -> None:
    """Sur un vrai pseudo-terminal, chaque option absente est demandée, exemples à l'appui."""
    import pty  # noqa: F401  (Unix seulement)
    import select

    maitre, slave = os.openpty()
    process = subprocess.Popen(
        [str(BIN / "acv"), "init", "plan"],
        cwd=tmp_path,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        close_fds=True,
    )
    os.close(slave)
    answers = [
        ("ACV099", "par exemple ACV099"),
        ("Communauté de communes du Val", "Communauté de communes du Val"),
        ("123", "par exemple 200000008"),  # faux : redemandé
        ("200000000", "9 chiffres attendus"),  # 9 chiffres, mais clé de Luhn fausse : redemandé
        ("200000008", "clé de contrôle"),
        ("Ville-sur-Val:99001", "INSEE"),
        ("Bourg-le-Val:99002", "vide pour finir"),
        ("", "vide pour finir"),
        ("2023-2026", "par exemple 2023-2026"),
    ]
    read_result = b""

    def read_until(expected: str) -> None:
        nonlocal read_result
        while expected.encode() not in read_result:
            ready, _, _ = select.select([maitre], [], [], 30)
            assert ready, f"pas de question « {expected} » : {read_result.decode(errors='replace')}"
            try:
                piece = os.read(maitre, 4096)
            except OSError:
                piece = b""
            assert piece, f"fin avant « {expected} » : {read_result.decode(errors='replace')}"
            read_result += piece

    for answer, question in answers:
        read_until(question)
        read_result = b""
        os.write(maitre, answer.encode() + b"\r")
    read_until("fichier(s) écrit(s)")
    assert process.wait(timeout=60) == 0
    os.close(maitre)
    programme = _yaml(tmp_path / "plan/data/programme.yaml")
    assert isinstance(programme, dict)
    assert programme["territoire"]["epci"]["siren"] == "200000008"
    assert [c["insee"] for c in programme["territoire"]["communes"]] == ["99001", "99002"]
    assert programme["periode"] == "2023-2026"
