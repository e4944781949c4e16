"""`acv init` : un nouveau territoire obtient un dépôt qui valide, se construit et accepte une fiche."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from acvkit import __version__
from acvkit.cli import app

BIN = Path(sys.executable).parent
COMMANDE = [
    "--id-anct",
    "ACV099",
    "--epci",
    "Communauté de communes du Val",
    "--siren",
    "200000000",
    "--commune",
    "Ville-sur-Val:99001",
    "--commune",
    "Bourg-le-Val:99002",
    "--periode",
    "2023-2026",
]


def _acv(
    *args: str, cwd: Path, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "acv"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=stdin,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def _arbre(dossier: Path) -> dict[str, bytes]:
    return {
        p.relative_to(dossier).as_posix(): p.read_bytes()
        for p in sorted(dossier.rglob("*"))
        if p.is_file()
    }


def _yaml(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    racine = tmp_path_factory.mktemp("init")
    fait = _acv("init", "plan-acv", *COMMANDE, cwd=racine)
    assert fait.returncode == 0, fait.stderr
    assert "ville-sur-val" in fait.stdout and "bourg-le-val" in fait.stdout
    assert "communaute-de-communes-du-val" in fait.stdout
    return racine / "plan-acv"


def test_fichiers_ecrits(depot: Path) -> None:
    for relatif in (
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
        assert (depot / relatif).is_file(), relatif
    for collectivite in ("communaute-de-communes-du-val", "ville-sur-val", "bourg-le-val"):
        assert (depot / "data/fiches" / collectivite).is_dir()
    assert (depot / "data/indicateurs").is_dir()
    ignores = (depot / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".acv-cache/" in ignores and "build/" in ignores
    # Chaque fichier de données et de configuration commence par un commentaire.
    for relatif in ("data/programme.yaml", "data/partenaires.yaml", "data/axes/axe-2.yaml"):
        lignes = (depot / relatif).read_text(encoding="utf-8").splitlines()
        assert lignes[0].startswith("# yaml-language-server: $schema=")
        assert lignes[1].startswith("# ")
    for relatif in (
        "acv.toml",
        ".pre-commit-config.yaml",
        ".github/workflows/acv.yml",
        ".gitlab-ci.yml",
    ):
        assert (depot / relatif).read_text(encoding="utf-8").startswith("# ")


def test_programme_et_partenaires(depot: Path) -> None:
    programme = _yaml(depot / "data/programme.yaml")
    assert isinstance(programme, dict)
    assert programme["id_anct"] == "ACV099"
    assert programme["territoire"]["epci"] == {
        "collectivite": "communaute-de-communes-du-val",
        "siren": "200000000",
    }
    assert programme["territoire"]["communes"] == [
        {"collectivite": "ville-sur-val", "insee": "99001"},
        {"collectivite": "bourg-le-val", "insee": "99002"},
    ]
    assert str(programme["debut"]) == "2023-01-01" and str(programme["fin"]) == "2026-12-31"
    partenaires = _yaml(depot / "data/partenaires.yaml")
    assert isinstance(partenaires, dict)
    par_id = {p["id"]: p for p in partenaires["partenaires"]}
    for ident in ("etat", "anct", "banque-des-territoires", "action-logement", "anah", "anru"):
        assert par_id[ident]["nature"] and par_id[ident]["sigle"]
    assert par_id["ville-sur-val"]["nature"] == "commune"
    assert par_id["communaute-de-communes-du-val"]["nature"] == "epci"
    signataires = {s["organisation"] for s in programme["signataires"]}
    assert signataires <= set(par_id)


def test_valide_sans_erreur_puis_nouvelle_fiche(depot: Path, tmp_path: Path) -> None:
    copie = tmp_path / "copie"
    shutil.copytree(depot, copie)
    valide = _acv("validate", "--format", "json", cwd=copie)
    assert valide.returncode == 0, valide.stdout
    diagnostics = json.loads(valide.stdout)
    assert not [d for d in diagnostics if d["severity"] == "error"]
    # Les signataires à compléter sont signalés (CON003) tant qu'ils restent.
    con003 = [d for d in diagnostics if d["code"] == "CON003"]
    assert any(d["path"].endswith("programme.yaml") for d in con003)
    assert _acv("fmt", "--check", cwd=copie).returncode == 0

    nouvelle = _acv(
        "new",
        "fiche",
        "--collectivite",
        "ville-sur-val",
        "--sous-axe",
        "4.2",
        "--titre",
        "Place du Marché",
        cwd=copie,
    )
    assert nouvelle.returncode == 0, nouvelle.stderr
    fiche = copie / "data/fiches/ville-sur-val/fa-1-place-du-marche.yaml"
    assert fiche.is_file()
    valide = _acv("validate", "--format", "json", cwd=copie)
    assert valide.returncode == 0, valide.stdout
    assert any(d["path"].endswith(fiche.name) for d in json.loads(valide.stdout))

    build = _acv("build", "--format", "html,xlsx", cwd=copie)
    assert build.returncode == 0, build.stderr
    assert (copie / "build/anct/plan-action-ACV099.xlsx").is_file()
    assert "FA 1" in (copie / "build/html/plan-action.html").read_text(encoding="utf-8")


def test_build_de_toutes_les_annexes_sans_fiche(depot: Path, tmp_path: Path) -> None:
    copie = tmp_path / "copie"
    shutil.copytree(depot, copie)
    build = _acv("build", cwd=copie)
    assert build.returncode == 0, build.stderr
    for annexe in (
        "plan-action",
        "programmation",
        "fiches-action",
        "recapitulatif",
        "maquette-financiere",
    ):
        html = (copie / f"build/html/{annexe}.html").read_text(encoding="utf-8")
        md = (copie / f"build/md/{annexe}.md").read_text(encoding="utf-8")
        assert "Aucune fiche action." in html and "Aucune fiche action." in md, annexe
        assert "<table" not in html and "| Fiche |" not in md, annexe
        assert (copie / f"build/docx/{annexe}.docx").stat().st_size > 0
    assert "Aucun indicateur d'évaluation." in (copie / "build/md/evaluation.md").read_text(
        encoding="utf-8"
    )


def test_precommit_et_ci_valides(depot: Path) -> None:
    config = _yaml(depot / ".pre-commit-config.yaml")
    assert isinstance(config, dict)
    (depot_acvkit,) = config["repos"]
    assert depot_acvkit["rev"] == f"v{__version__}"
    assert {h["id"] for h in depot_acvkit["hooks"]} == {"acv-validate", "acv-fmt"}
    verifie = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", str(depot / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verifie.returncode == 0, verifie.stdout + verifie.stderr
    workflow = _yaml(depot / ".github/workflows/acv.yml")
    assert isinstance(workflow, dict)
    etapes = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["acv"]["steps"])
    assert "acv validate --data data --format github" in etapes and "acv build" in etapes
    assert any(
        "upload-artifact" in str(s.get("uses", "")) for s in workflow["jobs"]["acv"]["steps"]
    )
    check = BIN / "check-jsonschema"
    if not check.exists():
        pytest.skip("check-jsonschema absent")
    for schema, fichier, extra in (
        ("vendor.github-workflows", ".github/workflows/acv.yml", []),
        ("vendor.gitlab-ci", ".gitlab-ci.yml", ["--data-transform", "gitlab-ci"]),
    ):
        fait = subprocess.run(
            [str(check), "--builtin-schema", schema, *extra, str(depot / fichier)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert fait.returncode == 0, fait.stdout + fait.stderr


def test_second_init_refuse_et_ne_change_rien(depot: Path) -> None:
    avant = _arbre(depot)
    fait = _acv("init", depot.name, *COMMANDE, cwd=depot.parent)
    assert fait.returncode == 2
    assert "n'est pas vide" in fait.stderr and "Traceback" not in fait.stderr
    assert _arbre(depot) == avant


def test_force_complete_sans_ecraser(tmp_path: Path) -> None:
    dossier = tmp_path / "plan"
    (dossier / "data").mkdir(parents=True)
    (dossier / "README.md").write_text("notre README\n", encoding="utf-8")
    fait = _acv("init", "plan", *COMMANDE, cwd=tmp_path)
    assert fait.returncode == 2 and not (dossier / "data/programme.yaml").exists()
    fait = _acv("init", "plan", *COMMANDE, "--force", cwd=tmp_path)
    assert fait.returncode == 0, fait.stderr
    assert (dossier / "README.md").read_text(encoding="utf-8") == "notre README\n"
    assert "laissé tel quel : README.md" in fait.stderr
    assert (dossier / "data/programme.yaml").is_file()


def test_option_manquante_sans_terminal(tmp_path: Path) -> None:
    fait = _acv("init", "plan", *COMMANDE[:-2], cwd=tmp_path)
    assert fait.returncode == 2
    assert "--periode" in fait.stderr and "2023-2026" in fait.stderr
    assert not (tmp_path / "plan").exists()


@pytest.mark.parametrize(
    ("remplace", "attendu"),
    [
        (("--siren", "12345"), "SIREN invalide"),
        (("--commune", "Ville-sur-Val"), "sans code INSEE"),
        (("--commune", "Ville-sur-Val:9900"), "code INSEE invalide"),
        (("--periode", "2026-2023"), "période invalide"),
    ],
)
def test_options_invalides(tmp_path: Path, remplace: tuple[str, str], attendu: str) -> None:
    args = list(COMMANDE)
    args[args.index(remplace[0]) + 1] = remplace[1]
    fait = CliRunner().invoke(app, ["init", str(tmp_path / "plan"), *args])
    assert fait.exit_code == 2
    assert attendu in fait.output
    assert not (tmp_path / "plan").exists()


def test_deux_communes_au_meme_identifiant(tmp_path: Path) -> None:
    args = [*COMMANDE, "--commune", "Ville sur Val:99003"]
    fait = CliRunner().invoke(app, ["init", str(tmp_path / "plan"), *args])
    assert fait.exit_code == 2 and "même identifiant « ville-sur-val »" in fait.output


def test_git_premier_commit(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git absent")
    env_git = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    fait = subprocess.run(
        [str(BIN / "acv"), "init", "plan", *COMMANDE, "--git"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env_git},
        check=False,
    )
    assert fait.returncode == 0, fait.stderr
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

    maitre, esclave = os.openpty()
    processus = subprocess.Popen(
        [str(BIN / "acv"), "init", "plan"],
        cwd=tmp_path,
        stdin=esclave,
        stdout=esclave,
        stderr=esclave,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        close_fds=True,
    )
    os.close(esclave)
    reponses = [
        ("ACV099", "par exemple ACV099"),
        ("Communauté de communes du Val", "Communauté de communes du Val"),
        ("123", "par exemple 200000000"),  # faux : redemandé
        ("200000000", "9 chiffres"),
        ("Ville-sur-Val:99001", "INSEE"),
        ("Bourg-le-Val:99002", "vide pour finir"),
        ("", "vide pour finir"),
        ("2023-2026", "par exemple 2023-2026"),
    ]
    lu = b""

    def lire_jusqu_a(attendu: str) -> None:
        nonlocal lu
        while attendu.encode() not in lu:
            pret, _, _ = select.select([maitre], [], [], 30)
            assert pret, f"pas de question « {attendu} » : {lu.decode(errors='replace')}"
            try:
                morceau = os.read(maitre, 4096)
            except OSError:
                morceau = b""
            assert morceau, f"fin avant « {attendu} » : {lu.decode(errors='replace')}"
            lu += morceau

    for reponse, question in reponses:
        lire_jusqu_a(question)
        lu = b""
        os.write(maitre, reponse.encode() + b"\r")
    lire_jusqu_a("fichier(s) écrit(s)")
    assert processus.wait(timeout=60) == 0
    os.close(maitre)
    programme = _yaml(tmp_path / "plan/data/programme.yaml")
    assert isinstance(programme, dict)
    assert programme["territoire"]["epci"]["siren"] == "200000000"
    assert [c["insee"] for c in programme["territoire"]["communes"]] == ["99001", "99002"]
    assert programme["periode"] == "2023-2026"
