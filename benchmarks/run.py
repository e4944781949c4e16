"""Banc de mesure d'acvkit : chaque objectif de l'issue #20, rapporté à son plancher du même passage.

Lancé par `make bench` (jamais par `make test`). Planchers : `python -c pass`, les imports
(`import click, pydantic, ruamel.yaml`) et un parse libyaml de chaque jeu en un processus. Jeux :
fiches générées (benchmarks/datasets.py ; 2 % cassées pour validate, propres pour build et import) et
vraies fiches répliquées et renumérotées (le cas lourd en diagnostics). Commandes : validate à
froid et à chaud (texte et JSON), build (formats par défaut, puis chaque format seul), import d'un
tableur exporté par build, diff de deux versions dans git. Résultat : benchmarks/RESULTS.md (et le
bloc de docs/performance.md entre les marques `banc:` pour un passage complet), avec un verdict par objectif et,
pour chaque objectif manqué, le profil de la commande (cProfile).

Options : `--tailles 22,1000,2000,10000` (22 : les vraies données ; les autres : jeux générés, la
plus grande sert aussi aux vraies fiches répliquées) ; `--repetitions 3` (médiane) ; `--rapide`
(petites tailles, un passage : pour vérifier que le banc tourne) ; `--sortie` ; `--delai` (au-delà,
une commande est interrompue et manque son objectif) ; `--sans-profils`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import datasets  # noqa: E402
from benchmarks.mesure import Mesure, Task, measure_group  # noqa: E402
from benchmarks.objectifs import FORMATS, evaluate_all, objectifs_issue_20  # noqa: E402
from benchmarks.profiling import profile_run  # noqa: E402
from benchmarks.rapport import MeasuredDataset, Passage, quote_in_readme, write  # noqa: E402

PYTHON = sys.executable
ACV = [PYTHON, "-m", "acvkit"]
RESULTS_FILE = ROOT / "benchmarks" / "RESULTS.md"
DOCS_PAGE = ROOT / "docs" / "performance.md"
GROUPES = ("validate", "build", "import", "diff")
LARGE_SIZE = 5000  # à partir de cette taille, les commandes lourdes ne passent qu'une fois
LIBYAML = """\
import sys
from pathlib import Path

import yaml

for fichier in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    try:
        yaml.load(fichier.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        pass
"""


def _erase(path: Path) -> list[str]:
    return [PYTHON, "-c", f"import shutil; shutil.rmtree({str(path)!r}, ignore_errors=True)"]


def _warm_up(command: list[str]) -> list[str]:
    """La commande lancée une fois, sorties jetées : la mesure « à chaud » suit un passage identique
    (même ligne de commande), comme chez l'utilisateur qui relance la même validation."""
    return [
        PYTHON,
        "-c",
        "import subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)",
        *command,
    ]


def _restore(source: Path, cible: Path) -> list[str]:
    return [
        PYTHON,
        "-c",
        f"import shutil; shutil.copytree({str(source)!r}, {str(cible)!r}, dirs_exist_ok=True)",
    ]


class Bench:
    def __init__(self, base: Path, env: dict[str, str], repetitions: int, delay: float) -> None:
        self.base, self.env, self.repetitions, self.delay = base, env, repetitions, delay
        self.mesures: list[Mesure] = []
        self.tasks: dict[str, Task] = {}
        self.datasets: list[MeasuredDataset] = []
        (base / "libyaml.py").write_text(LIBYAML, encoding="utf-8")

    def groupe(self, tasks: list[Task]) -> None:
        for t in tasks:
            self.tasks[t.key] = t
            print(f"  {t.command} ({t.size} fiches)", file=sys.stderr)
        self.mesures += measure_group(tasks, self.env, self.repetitions, self.delay)

    def _heavy_passes(self, size: int) -> int | None:
        return 1 if size >= LARGE_SIZE else None

    def floors(self) -> None:
        self.groupe(
            [
                Task("pass", "python -c pass", 0, [PYTHON, "-c", "pass"], self.base),
                Task(
                    "plancher-import",
                    "plancher des imports (click, pydantic, ruamel.yaml)",
                    0,
                    [PYTHON, "-c", "import click, pydantic, ruamel.yaml"],
                    self.base,
                ),
            ]
        )

    def validate(self, data_set: str, size: int, folder: Path) -> None:
        """À froid, à chaud (texte, JSON), face au parse libyaml et au plancher des imports."""
        nom = "vraies fiches" if data_set == "reel" else "fiches générées"
        cmd = [*ACV, "validate", "--data", str(folder)]
        expected_items = (0, 1)  # 1 : des erreurs (les fichiers cassés exprès)
        self.groupe(
            [
                Task(
                    f"libyaml/{data_set}/{size}",
                    f"parse libyaml, {nom} (plancher)",
                    size,
                    [PYTHON, str(self.base / "libyaml.py"), str(folder)],
                    self.base,
                ),
                Task(
                    f"validate-froid/{data_set}/{size}",
                    f"acv validate à froid, {nom}",
                    size,
                    cmd,
                    self.base,
                    before=_erase(folder / ".acv-cache"),
                    expected_items=expected_items,
                ),
                Task(
                    f"validate-chaud/{data_set}/{size}",
                    f"acv validate à chaud, {nom}",
                    size,
                    cmd,
                    self.base,
                    before=_warm_up(cmd),
                    expected_items=expected_items,
                ),
                Task(
                    f"validate-chaud-json/{data_set}/{size}",
                    f"acv validate --format json à chaud, {nom}",
                    size,
                    [*cmd, "--format", "json"],
                    self.base,
                    before=_warm_up([*cmd, "--format", "json"]),
                    expected_items=expected_items,
                ),
                Task(
                    f"plancher-import/{data_set}/{size}",
                    "plancher des imports",
                    0,
                    [PYTHON, "-c", "import click, pydantic, ruamel.yaml"],
                    self.base,
                ),
            ]
        )
        self.datasets.append(count_diagnostics(nom, size, folder, self.env))

    def build(self, size: int, folder: Path) -> None:
        """Le build par défaut, puis chaque format seul, sur un jeu propre."""
        tasks = []
        for nom in ("defaut", *FORMATS):
            output = self.base / f"build-{nom}-{size}"
            args = [*ACV, "-q", "build", "--data", str(folder), "--out", str(output)]
            if nom != "defaut":
                args += ["--format", nom]
            libelle = (
                "acv build (formats par défaut)" if nom == "defaut" else f"acv build --format {nom}"
            )
            tasks.append(
                Task(
                    f"build-{nom}/{size}",
                    libelle,
                    size,
                    args,
                    self.base,
                    before=_erase(output),
                    repetitions=self._heavy_passes(size),
                )
            )
        self.groupe(tasks)

    def importer(self, size: int, folder: Path) -> None:
        """`acv import --write` du tableur de build-xlsx dans une copie dont 1 % des titres ont changé."""
        workbooks = sorted((self.base / f"build-xlsx-{size}").rglob("*.xlsx"))
        if not workbooks:
            print(f"  pas de tableur à {size} fiches : import non mesuré", file=sys.stderr)
            return
        copied = self.base / f"import-{size}"
        shutil.copytree(folder, copied, ignore=shutil.ignore_patterns(".acv-cache"))
        modified = datasets.modifier(copied, 0.01)
        backup = self.base / f"import-{size}-avant"
        for file in modified:
            cible = backup / file.relative_to(copied)
            cible.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, cible)
        self.groupe(
            [
                Task(
                    f"import/{size}",
                    "acv import --write (1 % des titres à reprendre)",
                    size,
                    [*ACV, "import", str(workbooks[0]), "--data", str(copied), "--write"],
                    self.base,
                    before=_restore(backup, copied),
                    repetitions=self._heavy_passes(size),
                )
            ]
        )

    def diff(self, size: int, folder: Path) -> None:
        """`acv diff HEAD~1 HEAD` de deux versions (1 % des fiches modifiées) face à validate à froid."""
        git_repo = self.base / f"diff-{size}"
        shutil.copytree(folder, git_repo, ignore=shutil.ignore_patterns(".acv-cache"))
        git = ["git", "-c", "user.name=banc", "-c", "user.email=banc@example.org"]
        (git_repo / ".gitignore").write_text(".acv-cache/\n", encoding="utf-8")
        for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "avant"]):
            subprocess.run([*git, *step], cwd=git_repo, check=True)
        datasets.modifier(git_repo, 0.01)
        subprocess.run([*git, "commit", "-qam", "après"], cwd=git_repo, check=True)
        cache = _erase(git_repo / ".acv-cache")
        self.groupe(
            [
                Task(
                    f"validate-froid-diff/{size}",
                    "acv validate à froid (dépôt du diff)",
                    size,
                    [*ACV, "validate", "--data", "."],
                    git_repo,
                    before=cache,
                    expected_items=(0, 1),
                ),
                Task(
                    f"diff/{size}",
                    "acv diff HEAD~1 HEAD",
                    size,
                    [*ACV, "diff", "HEAD~1", "HEAD", "--data", "."],
                    git_repo,
                    before=cache,
                ),
            ]
        )


def count_diagnostics(nom: str, size: int, folder: Path, env: dict[str, str]) -> MeasuredDataset:
    """Les diagnostics du jeu (la sortie JSON de validate) et les fichiers qui en ont."""
    output = subprocess.run(
        [*ACV, "validate", "--format", "json", "--data", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        rapport = json.loads(output.stdout)
    except json.JSONDecodeError:
        return MeasuredDataset(nom, size)
    files = sum(1 for _ in folder.rglob("*.yaml"))
    return MeasuredDataset(nom, size, len(rapport), len({d["path"] for d in rapport}), files)


def profiles(bench: Bench, missing: list[str]) -> list[str]:
    """Le profil de chaque commande d'objectif manqué (à la plus grande taille qui a fini)."""
    lines: list[str] = []
    by_key = {m.key: m for m in bench.mesures}
    for key in dict.fromkeys(missing):
        m = by_key[key]
        if m.interrupted:  # relancer sous le profileur serait aussi long : une taille plus petite
            family = key.rsplit("/", 1)[0]
            finished = [
                x for x in bench.mesures if x.key.rsplit("/", 1)[0] == family and not x.interrupted
            ]
            if not finished:
                continue
            m = max(finished, key=lambda x: x.size)
        lines += profile_run(m, bench.base, bench.env, bench.tasks[m.key].before, 2 * bench.delay)
    return lines


def command_line_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tailles", dest="sizes", default="22,1000,2000,10000")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument(
        "--rapide", dest="quick", action="store_true", help="22, 100 et 200 fiches, un passage"
    )
    parser.add_argument("--sortie", dest="output", type=Path, default=RESULTS_FILE)
    parser.add_argument(
        "--delai", dest="delay", type=float, default=300.0, help="secondes par commande"
    )
    parser.add_argument("--sans-profils", dest="no_profiles", action="store_true")
    parser.add_argument(
        "--essai", dest="trial", action="store_true", help="marque le passage comme un essai"
    )
    parser.add_argument(
        "--groupes",
        dest="groups",
        default=",".join(GROUPES),
        help="les groupes de mesures à faire, parmi validate, build, import, diff",
    )
    options = parser.parse_args()
    if options.quick:
        options.sizes, options.repetitions = "22,100,200", 1
    return options


def main() -> None:
    options = command_line_options()
    debut = time.perf_counter()
    load_before = os.getloadavg()[0]
    sizes = sorted({int(t) for t in options.sizes.split(",") if t.strip()})
    generated = [t for t in sizes if t > 22]
    groupes = {g.strip() for g in options.groups.split(",")}
    unknown = groupes - set(GROUPES)
    if unknown:
        raise SystemExit(f"groupe(s) inconnu(s) : {', '.join(sorted(unknown))}")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory(prefix="acv-bench-") as tmp:
        bench = Bench(Path(tmp), env, options.repetitions, options.delay)
        bench.floors()
        if 22 in sizes and "validate" in groupes:
            print("vraies données (22 fiches)", file=sys.stderr)
            bench.validate("reel", 22, datasets.actual(bench.base, 22))
        for size in generated:
            print(f"{size} fiches générées", file=sys.stderr)
            if "validate" in groupes:
                bench.validate("genere", size, datasets.generate(bench.base, size, broken=True))
            clean = datasets.generate(bench.base, size, broken=False)
            if groupes & {"build", "import"}:
                bench.build(size, clean)  # l'import relit le tableur du build xlsx
            if "import" in groupes:
                bench.importer(size, clean)
        if generated:
            largest = generated[-1]
            print(f"{largest} vraies fiches répliquées ; diff", file=sys.stderr)
            if "validate" in groupes:
                bench.validate("reel", largest, datasets.actual(bench.base, largest))
            if "diff" in groupes:
                bench.diff(largest, datasets.generate(bench.base, largest, broken=True))
        objectifs = objectifs_issue_20(generated, generated[-1] if generated else None, 22 in sizes)
        results = evaluate_all(objectifs, bench.mesures)
        missing = [r.target.key for r in results if not r.met]
        textes = [] if options.no_profiles else profiles(bench, missing)
    charge = (
        f" ; charge moyenne (1 min) {load_before:.1f} au départ, {os.getloadavg()[0]:.1f} à la fin"
    )
    trial = (
        options.trial
        or options.quick
        or not generated
        or generated[-1] < 10000
        or groupes != set(GROUPES)
    )
    passage = Passage(
        bench.mesures,
        results,
        bench.datasets,
        textes,
        time.perf_counter() - debut,
        f"tailles {','.join(map(str, sizes))}, groupes {','.join(g for g in GROUPES if g in groupes)}, "
        f"{options.repetitions} passage(s) par commande",
        trial,
        charge.replace(".", ","),
    )
    write(passage, options.output)
    if options.output.resolve() == RESULTS_FILE and not trial:
        quote_in_readme(options.output, DOCS_PAGE)
    print(options.output.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
