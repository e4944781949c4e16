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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from acvkit import cache_files
from tests.conftest import AVENANT, POSITIVE, edit

FICHE = "fiches/bethune/fa-1-places.yaml"
# Chargés par la commande complète ; aucun ne doit l'être par une commande redonnée.
HEAVY_MODULES = (
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
_LAUNCHER = (
    "import atexit, json, sys\n"
    "modules = sys.argv[1]\n"
    "import time, acvkit.replay as replay\n"
    "surveys = []\n"
    "def fingerprint(*args, survey=replay.fingerprint):\n"
    "    found = survey(*args)\n"
    "    surveys.append(time.time_ns())\n"
    "    return found\n"
    "replay.fingerprint = fingerprint\n"
    "atexit.register(lambda: open(modules, 'w').write(json.dumps([sorted(sys.modules), surveys])))\n"
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
    fingerprints: tuple[int, ...]  # l'heure de la fin de chaque relevé (acvkit.replay.fingerprint)

    @property
    def replayed(self) -> bool:
        return not any(
            m == heavy or m.startswith(heavy + ".") for m in self.modules for heavy in HEAVY_MODULES
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
        [sys.executable, "-c", _LAUNCHER, str(modules), *args],
        cwd=cwd,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
    )
    loaded, fingerprints = json.loads(modules.read_text(encoding="utf-8"))
    modules.unlink()
    return Run(
        done.returncode, done.stdout or b"", done.stderr, frozenset(loaded), tuple(fingerprints)
    )


def _let_age(data: Path) -> None:
    """Attend que chaque fichier YAML du dossier soit plus vieux que la marge : une date plus proche
    du relevé que la marge n'est pas crue, rien ne serait enregistré. Les dates sont celles que
    la commande regarde (modification et changement d'état), lues sur le disque : l'attente est
    réelle, seulement pas plus longue que nécessaire."""
    newest = max(
        max(info.st_mtime_ns, info.st_ctime_ns)
        for path in data.rglob("*")
        if path.suffix.lower() in (".yaml", ".yml")
        for info in [path.stat()]
    )
    remaining = newest + cache_files.RACY_MARGIN_NS + 100_000_000 - time.time_ns()
    if remaining > 0:
        time.sleep(remaining / 1e9)


def _with_error(folder: Path) -> None:
    shutil.copytree(POSITIVE, folder / "data")
    edit(folder / "data" / FICHE, 'sous_axe: "4.2"', 'sous_axe: "4.9"')


def _avenant(folder: Path) -> None:
    shutil.copytree(AVENANT, folder / "data")


_POOL_SIZES: dict[Callable[[Path], None], int] = {_with_error: 10, _avenant: 1}


class _Pool:
    """Des dossiers de travail copiés d'avance, par lots : quand un test en prend un, ses fichiers
    ont déjà passé la marge (une seule attente par lot, pas une par test). Le test le déplace
    chez lui : un dossier déplacé garde les dates et les inodes de ses fichiers."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.count = 0
        self.ready: dict[Callable[[Path], None], list[Path]] = {}
        for make in _POOL_SIZES:
            self._fill(make)

    def _fill(self, make: Callable[[Path], None]) -> None:
        for _ in range(_POOL_SIZES[make]):
            self.count += 1
            folder = self.base / f"copie-{self.count}"
            make(folder)
            self.ready.setdefault(make, []).append(folder)

    def take(self, make: Callable[[Path], None], target: Path) -> Path:
        if not self.ready.get(make):
            self._fill(make)
        self.ready[make].pop(0).rename(target)
        _let_age(target / "data")
        return target


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> _Pool:
    return _Pool(tmp_path_factory.mktemp("pool"))


@pytest.fixture
def with_error(pool: _Pool, tmp_path: Path) -> Path:
    """Un petit dossier de données avec une erreur et des avertissements, dans tmp_path/travail,
    dont les fichiers ont passé la marge (une commande complète y enregistre sa sortie)."""
    return pool.take(_with_error, tmp_path / "travail")


def _twice(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[Run, Run]:
    complete = acv(args, cwd, env)
    replayed = acv(args, cwd, env)
    assert not complete.replayed
    assert replayed.replayed, f"{args} : pas redonnée ({sorted(replayed.modules)[:5]}…)"
    return complete, replayed


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
    with_error: Path, tmp_path: Path, output_format: str, options: list[str]
) -> None:
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "--format", output_format, *options]
    complete, replayed = _twice(args, with_error, env)
    assert replayed.same_as(complete)
    assert complete.stdout  # la commande dit quelque chose : la comparaison porte sur du contenu
    assert complete.code == (0 if "--exit-zero" in options else 1)


def test_rapport_dans_un_fichier_et_resume_github(with_error: Path, tmp_path: Path) -> None:
    resume = tmp_path / "resume.md"
    env = _env(tmp_path, GITHUB_STEP_SUMMARY=str(resume))
    args = ["validate", "--data", "data", "-f", "github", "--output-file", "rapport.txt"]
    complete = acv(args, with_error, env)
    rapport = (with_error / "rapport.txt").read_bytes()
    summary_after_full = resume.read_bytes()
    (with_error / "rapport.txt").unlink()  # réécrit, comme par la commande complète
    replayed = acv(args, with_error, env)
    assert replayed.replayed and replayed.same_as(complete)
    assert (with_error / "rapport.txt").read_bytes() == rapport
    assert b"::error" in rapport
    # Le résumé d'étape reçoit le même ajout une seconde fois.
    assert summary_after_full and resume.read_bytes() == summary_after_full * 2


def test_couleurs_et_no_color(with_error: Path, tmp_path: Path) -> None:
    args = ["validate", "--data", "data"]
    color = _twice(args, with_error, _env(tmp_path, FORCE_COLOR="1"))
    without = _twice(args, with_error, _env(tmp_path, NO_COLOR="1"))
    assert color[1].same_as(color[0]) and without[1].same_as(without[0])
    assert b"\x1b[" in color[0].stdout and b"\x1b[" not in without[0].stdout


def test_dossier_trouve_en_remontant_et_chemins_nommes(with_error: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    fiches = with_error / "data" / "fiches"
    complete, replayed = _twice(["validate", "bethune"], fiches, env)
    assert replayed.same_as(complete) and b"fa-1-places.yaml" in complete.stdout
    # Un autre dossier courant : d'autres chemins montrés, donc une autre sortie enregistrée.
    elsewhere = acv(["validate", "fiches/bethune"], with_error / "data", env)
    assert not elsewhere.replayed


def test_options_inconnues_aide_et_autres_commandes_par_la_commande_complete(
    with_error: Path, tmp_path: Path
) -> None:
    env = _env(tmp_path)
    for args in (
        ["validate", "--data", "data", "--help"],
        ["validate", "--data", "data", "--inconnue"],
        ["validate", "--data", "data", "--no-cache"],
        ["validate", "--data", "data", "-fjson"],
        ["--version"],
        ["couts", "--data", "data"],
    ):
        first = acv(args, with_error, env)
        second = acv(args, with_error, env)
        assert not second.replayed, args
        assert second.same_as(first)
    assert not (with_error / "data" / ".acv-cache" / "sorties").exists()


def test_sortie_pleine_comme_la_commande_complete(with_error: Path, tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("pas de /dev/full ici")
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "-f", "json"]
    _twice(args, with_error, env)  # enregistrée
    with Path("/dev/full").open("wb") as full_device:
        replayed = acv(args, with_error, env, stdout=full_device.fileno())
    # Redonnée : l'échec d'écriture charge le module des erreurs de sortie, pas le linter.
    assert "acvkit.cli.output_errors" in replayed.modules
    assert "acvkit.linting.warm" not in replayed.modules
    with Path("/dev/full").open("wb") as full_device:
        complete = acv([*args, "--no-cache"], with_error, env, stdout=full_device.fileno())
    assert not complete.replayed
    assert (
        (replayed.code, replayed.stderr)
        == (complete.code, complete.stderr)
        == (
            2,
            replayed.stderr,
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


def test_chaque_modification_redonne_la_commande_complete(with_error: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "-f", "json"]
    data = with_error / "data"
    _twice(args, with_error, env)
    for nom, modifier in _modifications(data):
        modifier()  # type: ignore[operator]
        after = acv(args, with_error, env)
        assert not after.replayed, nom
        reference = acv([*args, "--no-cache"], with_error, env)
        assert after.same_as(reference), nom
        _let_age(data)  # la commande complète enregistre (si ce n'était déjà fait)
        acv(args, with_error, env)
        still = acv(args, with_error, env)
        assert still.replayed and still.same_as(reference), nom


def test_date_du_rapport_et_ligne_de_base(with_error: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "--baseline", "base.json"]
    created = acv(args, with_error, env)
    assert "Ligne de base créée".encode() in created.stderr
    complete, replayed = _twice(args, with_error, env)  # la ligne de base existe
    assert replayed.same_as(complete) and b"Ligne de base" not in replayed.stderr
    (with_error / "base.json").write_text('{"version": 1, "diagnostics": []}\n', "utf-8")
    after = acv(args, with_error, env)
    assert not after.replayed and after.stdout != complete.stdout
    # Un autre jour (SOURCE_DATE_EPOCH, ou --au) : les règles de suivi peuvent changer d'avis.
    _twice(["validate", "--data", "data"], with_error, env)
    tomorrow = acv(
        ["validate", "--data", "data"], with_error, {**env, "SOURCE_DATE_EPOCH": "86400"}
    )
    assert not tomorrow.replayed


def test_empreinte_du_code_suit_chaque_fichier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package_dir = tmp_path / "acvkit"
    shutil.copytree(Path(cache_files.__file__).parent / "linting", package_dir / "linting")
    monkeypatch.setattr(cache_files, "PACKAGE", package_dir)
    before = cache_files.code_stamp()
    assert cache_files.code_stamp() == before
    source = package_dir / "linting" / "warm.py"
    source.write_bytes(source.read_bytes())  # même contenu, mais réécrit
    assert cache_files.code_stamp() != before
    before = cache_files.code_stamp()
    (package_dir / "linting" / "nouveau.py").write_text("", encoding="utf-8")
    assert cache_files.code_stamp() != before


def test_donnees_du_depot_redonnees(pool: _Pool, tmp_path: Path) -> None:
    work = pool.take(_avenant, tmp_path / "travail")
    env = _env(tmp_path)
    for output_format in ("text", "json"):
        complete, replayed = _twice(["validate", "--data", "data", "-f", output_format], work, env)
        assert replayed.same_as(complete)


def test_fichier_trop_recent_sortie_pas_enregistree(tmp_path: Path) -> None:
    """Le « racy git » : un fichier modifié moins de la marge avant le relevé pourrait l'être
    encore sans que ses dates bougent ; la sortie n'est pas enregistrée. Passé la marge (une
    vraie attente), la même commande l'est, et elle est redonnée."""
    work = tmp_path / "travail"
    _with_error(work)
    env = _env(tmp_path)
    args = ["validate", "--data", "data", "-f", "json"]
    fiche, store = work / "data" / FICHE, work / "data" / ".acv-cache" / "sorties"
    old = fiche.stat().st_mtime_ns
    # Une date de modification à venir : jamais crue, quelle que soit la durée de la commande.
    os.utime(fiche, ns=(old, time.time_ns() + 3600 * 10**9))
    first = acv(args, work, env)
    assert not first.replayed and first.code == 1 and first.stdout
    assert not store.exists()
    # Une date de modification ancienne, mais un changement d'état (ctime) à l'instant.
    for _ in range(5):
        os.utime(fiche, ns=(old, old))
        changed = fiche.stat().st_ctime_ns
        second = acv(args, work, env)
        if second.fingerprints[0] - changed < cache_files.RACY_MARGIN_NS:
            break  # le relevé a eu lieu dans la marge : rien ne devait être enregistré
    else:
        pytest.fail("le relevé vient toujours plus tard que la marge : rien à conclure")
    assert not second.replayed and second.same_as(first)
    assert not store.exists()
    _let_age(work / "data")
    complete, replayed = _twice(args, work, env)
    assert replayed.same_as(complete) and complete.same_as(first)
    assert store.is_dir()
