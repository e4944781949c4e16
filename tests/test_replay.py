"""Le chemin rapide de la commande `acv` (acvkit.entry, acvkit.replay) : une commande redonnée
doit être exactement celle de la ligne de commande complète (sorties, code, fichiers écrits), et
toute modification de ce dont elle dépend doit redonner la commande complète.

Chaque commande est lancée comme l'utilisateur la lance (un processus `python -m acvkit`) ; les
modules chargés, écrits à la sortie du processus, disent si la commande a été redonnée.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from acvkit import cache_files
from tests.conftest import AVENANT, POSITIVE, edit

FICHE = "fiches/bethune/fa-1-places.yaml"
# Chargés par la commande complète ; aucun ne doit l'être par une commande redonnée.
LOURDS = (
    "typer",
    "click",
    "rich",
    "pydantic",
    "ruamel",
    "yaml",
    "jinja2",
    "openpyxl",
    "importlib.metadata",
    "acvkit.cli",
    "acvkit.config",
    "acvkit.rules",
    "acvkit.models",
    "acvkit.loading",
    "acvkit.linting",
    "acvkit.reporters",
)
_LANCEUR = (
    "import atexit, json, sys\n"
    "modules = sys.argv[1]\n"
    "atexit.register(lambda: open(modules, 'w').write(json.dumps(sorted(sys.modules))))\n"
    "sys.argv = ['acv', *sys.argv[2:]]\n"
    "from acvkit.entry import main\n"
    "main()\n"
)


@dataclass(frozen=True)
class Run:
    code: int
    stdout: bytes
    stderr: bytes
    modules: frozenset[str]

    @property
    def redonnee(self) -> bool:
        return not any(
            m == lourd or m.startswith(lourd + ".") for m in self.modules for lourd in LOURDS
        )

    def same_as(self, other: Run) -> bool:
        return (self.code, self.stdout, self.stderr) == (other.code, other.stdout, other.stderr)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env.pop("GITHUB_STEP_SUMMARY", None)
    env.update({"XDG_CACHE_HOME": str(tmp_path / "cache-utilisateur"), "SOURCE_DATE_EPOCH": "0"})
    env.update(extra)
    return env


def acv(
    args: list[str], cwd: Path, env: dict[str, str], stdout: int | None = subprocess.PIPE
) -> Run:
    modules = cwd / f"modules-{time.monotonic_ns()}.json"
    done = subprocess.run(
        [sys.executable, "-c", _LANCEUR, str(modules), *args],
        cwd=cwd,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
    )
    loaded = frozenset(json.loads(modules.read_text(encoding="utf-8")))
    modules.unlink()
    return Run(done.returncode, done.stdout or b"", done.stderr, loaded)


def _vieillir() -> None:
    """Une date plus proche du relevé que la marge n'est pas crue : rien ne serait enregistré."""
    time.sleep(cache_files.RACY_MARGIN_NS / 1e9 + 0.2)


@pytest.fixture
def avec_erreur(tmp_path: Path) -> Path:
    """Un petit dossier de données avec une erreur et des avertissements, dans tmp_path/travail."""
    travail = tmp_path / "travail"
    travail.mkdir()
    shutil.copytree(POSITIVE, travail / "data")
    edit(travail / "data" / FICHE, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    _vieillir()
    return travail


def _deux_fois(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[Run, Run]:
    complete = acv(args, cwd, env)
    redonnee = acv(args, cwd, env)
    assert not complete.redonnee
    assert redonnee.redonnee, f"{args} : pas redonnée ({sorted(redonnee.modules)[:5]}…)"
    return complete, redonnee


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "gitlab"])
@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--statistics", "--exit-zero"],
        ["--no-warnings", "-q"],
        ["--strict", "--ignore", "CAL", "-v"],
    ],
)
def test_redonnee_identique_a_la_commande_complete(
    avec_erreur: Path, tmp_path: Path, output_format: str, options: list[str]
) -> None:
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "--format", output_format, *options]
    complete, redonnee = _deux_fois(args, avec_erreur, env)
    assert redonnee.same_as(complete)
    assert complete.stdout  # la commande dit quelque chose : la comparaison porte sur du contenu
    assert complete.code == (0 if "--exit-zero" in options else 1)


def test_rapport_dans_un_fichier_et_resume_github(avec_erreur: Path, tmp_path: Path) -> None:
    resume = tmp_path / "resume.md"
    env = _env(tmp_path, GITHUB_STEP_SUMMARY=str(resume))
    args = ["validate", "--data", "data", "-f", "github", "--output-file", "rapport.txt"]
    complete = acv(args, avec_erreur, env)
    rapport = (avec_erreur / "rapport.txt").read_bytes()
    apres_complete = resume.read_bytes()
    (avec_erreur / "rapport.txt").unlink()  # réécrit, comme par la commande complète
    redonnee = acv(args, avec_erreur, env)
    assert redonnee.redonnee and redonnee.same_as(complete)
    assert (avec_erreur / "rapport.txt").read_bytes() == rapport
    assert b"::error" in rapport
    # Le résumé d'étape reçoit le même ajout une seconde fois.
    assert apres_complete and resume.read_bytes() == apres_complete * 2


def test_couleurs_et_no_color(avec_erreur: Path, tmp_path: Path) -> None:
    args = ["validate", "--data", "data"]
    couleur = _deux_fois(args, avec_erreur, _env(tmp_path, FORCE_COLOR="1"))
    sans = _deux_fois(args, avec_erreur, _env(tmp_path, NO_COLOR="1"))
    assert couleur[1].same_as(couleur[0]) and sans[1].same_as(sans[0])
    assert b"\x1b[" in couleur[0].stdout and b"\x1b[" not in sans[0].stdout


def test_dossier_trouve_en_remontant_et_chemins_nommes(avec_erreur: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    fiches = avec_erreur / "data" / "fiches"
    complete, redonnee = _deux_fois(["validate", "bethune"], fiches, env)
    assert redonnee.same_as(complete) and b"fa-1-places.yaml" in complete.stdout
    # Un autre dossier courant : d'autres chemins montrés, donc une autre sortie enregistrée.
    ailleurs = acv(["validate", "fiches/bethune"], avec_erreur / "data", env)
    assert not ailleurs.redonnee


def test_options_inconnues_aide_et_autres_commandes_par_la_commande_complete(
    avec_erreur: Path, tmp_path: Path
) -> None:
    env = _env(tmp_path)
    for args in (
        ["validate", "--data", "data", "--help"],
        ["validate", "--data", "data", "--inconnue"],
        ["validate", "--data", "data", "--no-cache"],
        ["validate", "--data", "data", "-fjson"],
        ["--version"],
        ["costs", "--data", "data"],
    ):
        premiere = acv(args, avec_erreur, env)
        seconde = acv(args, avec_erreur, env)
        assert not seconde.redonnee, args
        assert seconde.same_as(premiere)
    assert not (avec_erreur / "data" / ".acv-cache" / "sorties").exists()


def test_sortie_pleine_comme_la_commande_complete(avec_erreur: Path, tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("pas de /dev/full ici")
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "-f", "json"]
    _deux_fois(args, avec_erreur, env)  # enregistrée
    with Path("/dev/full").open("wb") as plein:
        redonnee = acv(args, avec_erreur, env, stdout=plein.fileno())
    # Redonnée : l'échec d'écriture charge le module des erreurs de sortie, pas le linter.
    assert "acvkit.cli.output_errors" in redonnee.modules
    assert "acvkit.linting.warm" not in redonnee.modules
    with Path("/dev/full").open("wb") as plein:
        complete = acv([*args, "--no-cache"], avec_erreur, env, stdout=plein.fileno())
    assert not complete.redonnee
    assert (
        (redonnee.code, redonnee.stderr)
        == (complete.code, complete.stderr)
        == (
            2,
            redonnee.stderr,
        )
    )
    assert b"disque plein" in complete.stderr


def _modifications(data: Path) -> list[tuple[str, object]]:
    fiche = data / FICHE
    texte = fiche.read_text(encoding="utf-8")
    return [
        ("contenu", lambda: fiche.write_text(texte.replace("4.9", "4.8"), encoding="utf-8")),
        ("touché", lambda: os.utime(fiche)),
        ("ajout", lambda: shutil.copy(fiche, data / "fiches/bethune/fa-7-copie.yaml")),
        ("retrait", lambda: (data / "fiches/cabbalr/fa-2-velo.yaml").unlink()),
        ("acv.toml", lambda: (data / "acv.toml").write_text('ignore = ["CAL"]\n', "utf-8")),
        ("à côté", lambda: (data.parent / "acv.toml").write_text("", encoding="utf-8")),
        ("dossier vide", lambda: (data / "fiches" / "vide").mkdir()),
        ("autre fichier", lambda: (data / "LISEZMOI.txt").write_text("x", encoding="utf-8")),
    ]


def test_chaque_modification_redonne_la_commande_complete(
    avec_erreur: Path, tmp_path: Path
) -> None:
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "-f", "json"]
    data = avec_erreur / "data"
    _deux_fois(args, avec_erreur, env)
    for nom, modifier in _modifications(data):
        modifier()  # type: ignore[operator]
        apres = acv(args, avec_erreur, env)
        assert not apres.redonnee, nom
        reference = acv([*args, "--no-cache"], avec_erreur, env)
        assert apres.same_as(reference), nom
        _vieillir()  # la commande complète enregistre (si ce n'était déjà fait)
        acv(args, avec_erreur, env)
        encore = acv(args, avec_erreur, env)
        assert encore.redonnee and encore.same_as(reference), nom


def test_date_du_rapport_et_ligne_de_base(avec_erreur: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "--baseline", "base.json"]
    creee = acv(args, avec_erreur, env)
    assert "Ligne de base créée".encode() in creee.stderr
    complete, redonnee = _deux_fois(args, avec_erreur, env)  # la ligne de base existe
    assert redonnee.same_as(complete) and b"Ligne de base" not in redonnee.stderr
    (avec_erreur / "base.json").write_text('{"version": 1, "diagnostics": []}\n', "utf-8")
    apres = acv(args, avec_erreur, env)
    assert not apres.redonnee and apres.stdout != complete.stdout
    # Un autre jour (SOURCE_DATE_EPOCH, ou --au) : les règles de suivi peuvent changer d'avis.
    _deux_fois(["validate", "--data", "data"], avec_erreur, env)
    demain = acv(["validate", "--data", "data"], avec_erreur, {**env, "SOURCE_DATE_EPOCH": "86400"})
    assert not demain.redonnee


def test_empreinte_du_code_suit_chaque_fichier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paquet = tmp_path / "acvkit"
    shutil.copytree(Path(cache_files.__file__).parent / "linting", paquet / "linting")
    monkeypatch.setattr(cache_files, "PACKAGE", paquet)
    avant = cache_files.code_stamp()
    assert cache_files.code_stamp() == avant
    source = paquet / "linting" / "warm.py"
    source.write_bytes(source.read_bytes())  # même contenu, mais réécrit
    assert cache_files.code_stamp() != avant
    avant = cache_files.code_stamp()
    (paquet / "linting" / "nouveau.py").write_text("", encoding="utf-8")
    assert cache_files.code_stamp() != avant


def test_donnees_du_depot_redonnees(tmp_path: Path) -> None:
    travail = tmp_path / "travail"
    shutil.copytree(AVENANT, travail / "data")
    _vieillir()
    env = _env(tmp_path)
    for output_format in ("text", "json"):
        complete, redonnee = _deux_fois(
            ["validate", "--data", "data", "-f", output_format], travail, env
        )
        assert redonnee.same_as(complete)
