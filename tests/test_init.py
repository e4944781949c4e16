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
    assert "ccv" in completed.stdout
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
    for collectivite in ("ccv", "ville-sur-val", "bourg-le-val"):
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
        "collectivite": "ccv",
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
    assert by_id["ccv"]["nature"] == "epci"
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
        "4",
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
    args = list(INIT_OPTIONS)
    del args[args.index("--siren") : args.index("--siren") + 2]
    completed = _acv("init", "plan", *args, cwd=tmp_path)
    assert completed.returncode == 2
    assert "--siren" in completed.stderr and "200000008" in completed.stderr
    assert "--ville" in completed.stderr  # ou la commune de la liste nationale
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


def _answer_on_a_terminal(cwd: Path, answers: list[tuple[str, str]]) -> None:
    """`acv init plan` sur un vrai pseudo-terminal : chaque question attendue, puis sa réponse."""
    import pty  # noqa: F401  (Unix seulement)
    import select

    maitre, slave = os.openpty()
    process = subprocess.Popen(
        [str(BIN / "acv"), "init", "plan"],
        cwd=cwd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        close_fds=True,
    )
    os.close(slave)
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


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminal indisponible")
def test_questions_sur_un_terminal(tmp_path: Path) -> None:
    """Sur un vrai pseudo-terminal, chaque option absente est demandée, exemples à l'appui :
    un territoire hors de la liste nationale, en ACV 1 (convention-cadre de 2018)."""
    _answer_on_a_terminal(
        tmp_path,
        [
            ("Ville-Inconnue", "liste nationale ACV"),  # absente de la liste : redemandé
            ("", "liste nationale ACV"),  # vide : saisie à la main
            ("Communauté de communes du Val", "Communauté de communes du Val"),
            ("", "[ccv]"),  # l'identifiant proposé d'après le nom
            ("ACV990", "par exemple ACV099"),
            ("123", "par exemple 200000008"),  # faux : redemandé
            ("200000000", "9 chiffres attendus"),  # clé de Luhn fausse : redemandé
            ("200000008", "clé de contrôle"),
            ("Ville-sur-Val:99001", "INSEE"),
            ("Bourg-le-Val:99002", "vide pour finir"),
            ("", "vide pour finir"),
            ("1", "ACV 1, convention-cadre 2018-2022"),
            ("", "[2018-2022]"),
            ("", "[convention-cadre]"),
            ("13/07/2018", "Premier jour d'application"),
            ("", "[2023-07-12]"),  # cinq ans moins un jour
        ],
    )
    programme = _yaml(tmp_path / "plan/data/programme.yaml")
    assert isinstance(programme, dict)
    assert programme["territoire"]["epci"]["siren"] == "200000008"
    assert [c["insee"] for c in programme["territoire"]["communes"]] == ["99001", "99002"]
    assert (
        programme["periode"] == "2018-2022"
        and programme["territoire"]["epci"]["collectivite"] == "ccv"
    )
    assert programme["document"] == {"nature": "convention-cadre"} and "avenant" not in programme
    assert (str(programme["debut"]), str(programme["fin"])) == ("2018-07-13", "2023-07-12")
    assert not (tmp_path / "plan/data/axes/axe-transversal.yaml").exists()
    _validate_and_build(tmp_path / "plan", "4")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminal indisponible")
def test_questions_sur_un_terminal_acv_2_depuis_la_liste(tmp_path: Path) -> None:
    """ACV 2 sur un terminal : la commune de la liste nationale, puis l'avenant et son numéro."""
    _answer_on_a_terminal(
        tmp_path,
        [
            ("Aurillac", "liste nationale ACV"),
            ("Communauté d'agglomération du Bassin d'Aurillac", "Nom de l'intercommunalité"),
            ("", "[caba]"),
            ("", "ACV 1, convention-cadre 2018-2022"),  # ACV 2 par défaut
            ("", "[2023-2026]"),
            ("", "[avenant]"),
            ("3", "Numéro de l'avenant"),
            ("2024-01-01", "[2023-01-01]"),
            ("", "[2026-12-31]"),
        ],
    )
    programme = _yaml(tmp_path / "plan/data/programme.yaml")
    assert isinstance(programme, dict)
    assert programme["id_anct"] == "ACV017" and programme["avenant"] == 3
    assert [c["insee"] for c in programme["territoire"]["communes"]] == ["15014", "15012"]
    assert (str(programme["debut"]), str(programme["fin"])) == ("2024-01-01", "2026-12-31")
    assert (tmp_path / "plan/data/axes/axe-transversal.yaml").is_file()
    _validate_and_build(tmp_path / "plan", "transversal")


def _validate_and_build(folder: Path, classement: str) -> list[dict[str, object]]:
    """Le dépôt écrit valide sans erreur, prend une fiche, et se construit dans chaque format."""
    collectivite = sorted(p.name for p in (folder / "data/fiches").iterdir())[0]
    created = CliRunner().invoke(
        app,
        ["new", "fiche", "--data", str(folder / "data"), "--collectivite", collectivite,
         "--sous-axe", classement, "--titre", "Place du Marché"],
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    validated = CliRunner().invoke(
        app, ["validate", "--data", str(folder / "data"), "--format", "json"]
    )
    assert validated.exit_code == 0, validated.output
    diagnostics: list[dict[str, object]] = json.loads(validated.stdout)
    assert not [d for d in diagnostics if d["severity"] == "error"]
    out = folder / "build"
    built = CliRunner().invoke(app, ["build", "--data", str(folder / "data"), "--out", str(out)])
    assert built.exit_code == 0, built.output
    assert {p.parent.name for p in out.rglob("*.*")} == {"html", "md", "docx", "anct"}
    assert "FA 1" in (out / "md/plan-action.md").read_text(encoding="utf-8")
    return diagnostics


def test_acv_1_convention_cadre_avec_options(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    args = [
        "init", str(folder), "--id-anct", "ACV990", "--epci", "Communauté de communes du Val",
        "--siren", "200000008", "--commune", "Ville-sur-Val:99001", "--acv", "1",
        "--debut", "13/07/2018",
    ]  # fmt: skip
    completed = CliRunner().invoke(app, args)
    assert completed.exit_code == 0, completed.output
    programme = _yaml(folder / "data/programme.yaml")
    assert isinstance(programme, dict)
    assert programme["periode"] == "2018-2022" and "avenant" not in programme
    assert programme["document"] == {"nature": "convention-cadre"}
    assert (str(programme["debut"]), str(programme["fin"])) == ("2018-07-13", "2023-07-12")
    assert programme["intitule"].startswith("Convention-cadre pluriannuelle")
    axes = sorted(p.name for p in (folder / "data/axes").glob("*.yaml"))
    assert axes == [f"axe-{n}.yaml" for n in range(1, 6)]  # pas d'axe transversal en 2018
    axe3 = _yaml(folder / "data/axes/axe-3.yaml")
    axe5 = _yaml(folder / "data/axes/axe-5.yaml")
    assert isinstance(axe3, dict) and isinstance(axe5, dict)
    assert axe3["intitule"] == "Développer l'accessibilité, la mobilité et les connexions"
    assert axe5["intitule"] == "Fournir l'accès aux équipements et services publics"
    assert all(_yaml(folder / "data/axes" / a)["sous_axes"] == [] for a in axes)  # type: ignore[index]
    _validate_and_build(folder, "4")
    index = (folder / "build/md/index.md").read_text(encoding="utf-8")
    assert index.startswith("# Annexes de la convention-cadre\n")


def test_acv_2_depuis_la_liste_nationale(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    completed = CliRunner().invoke(
        app,
        ["init", str(folder), "--ville", "aurillac", "--epci",
         "Communauté d'agglomération du Bassin d'Aurillac", "--avenant", "2"],
    )  # fmt: skip
    assert completed.exit_code == 0, completed.output
    programme = _yaml(folder / "data/programme.yaml")
    assert isinstance(programme, dict)
    # ACV017 : deux communes partagent le programme ; la commune demandée d'abord.
    assert programme["id_anct"] == "ACV017"
    assert programme["territoire"]["communes"] == [
        {"collectivite": "aurillac", "insee": "15014"},
        {"collectivite": "arpajon-sur-cere", "insee": "15012"},
    ]
    assert programme["territoire"]["epci"] == {"collectivite": "caba", "siren": "241500230"}
    assert programme["avenant"] == 2 and programme["document"] == {"nature": "avenant"}
    assert (str(programme["debut"]), str(programme["fin"])) == ("2023-01-01", "2026-12-31")
    cross_axe = _yaml(folder / "data/axes/axe-transversal.yaml")
    assert isinstance(cross_axe, dict) and cross_axe["sous_axes"] == []
    diagnostics = _validate_and_build(folder, "transversal")
    assert not [d for d in diagnostics if d["code"] == "INT009"]  # d'accord avec la liste


def test_liste_nationale_et_int008(tmp_path: Path) -> None:
    from acvkit.villes_acv import by_insee, find, programme, villes

    assert len(villes()) >= 240 and len({v.id_acv for v in villes()}) >= 225
    assert all(len(v.insee) == 5 and len(v.siren_epci) == 9 for v in villes())
    assert find("st-die-des-vosges") == find("88413") and [v.insee for v in find("88413")] == [
        "88413"
    ]
    assert len(programme("ACV017")) == 2 and by_insee("2A004") is not None
    folder = tmp_path / "plan"
    completed = CliRunner().invoke(
        app,
        ["init", str(folder), "--ville", "15014", "--epci", "Bassin d'Aurillac",
         "--siren", "200000008"],
    )  # fmt: skip
    assert completed.exit_code == 0, completed.output
    validated = CliRunner().invoke(app, ["validate", "--data", str(folder / "data")])
    assert "INT009 SIREN « 200000008 » : la liste nationale donne 241500230" in validated.stdout
    refused = CliRunner().invoke(app, ["init", str(tmp_path / "x"), "--ville", "Atlantide",
                                       "--epci", "Val"])  # fmt: skip
    assert refused.exit_code == 2 and "pas dans la liste nationale" in refused.output


def test_identifiant_propose_de_l_intercommunalite() -> None:
    from acvkit.scaffolding.init_repo import proposed_epci_id

    assert proposed_epci_id("Communauté de communes Vanne et Collines") == "ccvc"
    assert proposed_epci_id("Communauté d'agglomération du Bassin d'Aurillac") == "caba"
    assert proposed_epci_id("Grand Val") == "grand-val"
