"""Banc de mesure d'acvkit : chaque objectif de l'issue #20, rapporté à son plancher du même passage.

Lancé par `make bench` (jamais par `make test`). Planchers : `python -c pass`, les imports
(`import typer, pydantic, ruamel.yaml`) et un parse libyaml de chaque jeu en un processus. Jeux :
fiches générées (benchmarks/jeux.py ; 2 % cassées pour validate, propres pour build et import) et
vraies fiches répliquées et renumérotées (le cas lourd en diagnostics). Commandes : validate à
froid et à chaud (texte et JSON), build (formats par défaut, puis chaque format seul), import d'un
tableur exporté par build, diff de deux versions dans git. Résultat : benchmarks/RESULTS.md (et le
bloc du README entre les marques `banc:` pour un passage complet), avec un verdict par objectif et,
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

from benchmarks import jeux  # noqa: E402
from benchmarks.mesure import Mesure, Tache, mesurer_groupe  # noqa: E402
from benchmarks.objectifs import FORMATS, evaluer_tous, objectifs_issue_20  # noqa: E402
from benchmarks.profil import profiler  # noqa: E402
from benchmarks.rapport import Jeu, Passage, citer_dans_le_readme, ecrire  # noqa: E402

PYTHON = sys.executable
ACV = [PYTHON, "-m", "acvkit"]
RESULTATS = ROOT / "benchmarks" / "RESULTS.md"
README = ROOT / "README.md"
GROUPES = ("validate", "build", "import", "diff")
GRANDE = 5000  # à partir de cette taille, les commandes lourdes ne passent qu'une fois
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


def _effacer(chemin: Path) -> list[str]:
    return [PYTHON, "-c", f"import shutil; shutil.rmtree({str(chemin)!r}, ignore_errors=True)"]


def _rechauffer(commande: list[str]) -> list[str]:
    """La commande lancée une fois, sorties jetées : la mesure « à chaud » suit un passage identique
    (même ligne de commande), comme chez l'utilisateur qui relance la même validation."""
    return [
        PYTHON,
        "-c",
        "import subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)",
        *commande,
    ]


def _restaurer(source: Path, cible: Path) -> list[str]:
    return [
        PYTHON,
        "-c",
        f"import shutil; shutil.copytree({str(source)!r}, {str(cible)!r}, dirs_exist_ok=True)",
    ]


class Banc:
    def __init__(self, base: Path, env: dict[str, str], repetitions: int, delai: float) -> None:
        self.base, self.env, self.repetitions, self.delai = base, env, repetitions, delai
        self.mesures: list[Mesure] = []
        self.taches: dict[str, Tache] = {}
        self.jeux: list[Jeu] = []
        (base / "libyaml.py").write_text(LIBYAML, encoding="utf-8")

    def groupe(self, taches: list[Tache]) -> None:
        for t in taches:
            self.taches[t.cle] = t
            print(f"  {t.commande} ({t.taille} fiches)", file=sys.stderr)
        self.mesures += mesurer_groupe(taches, self.env, self.repetitions, self.delai)

    def _lourd(self, taille: int) -> int | None:
        return 1 if taille >= GRANDE else None

    def planchers(self) -> None:
        self.groupe(
            [
                Tache("pass", "python -c pass", 0, [PYTHON, "-c", "pass"], self.base),
                Tache(
                    "plancher-import",
                    "plancher des imports (typer, pydantic, ruamel.yaml)",
                    0,
                    [PYTHON, "-c", "import typer, pydantic, ruamel.yaml"],
                    self.base,
                ),
            ]
        )

    def validate(self, jeu: str, taille: int, dossier: Path) -> None:
        """À froid, à chaud (texte, JSON), face au parse libyaml et au plancher des imports."""
        nom = "vraies fiches" if jeu == "reel" else "fiches générées"
        cmd = [*ACV, "validate", "--data", str(dossier)]
        attendus = (0, 1)  # 1 : des erreurs (les fichiers cassés exprès)
        self.groupe(
            [
                Tache(
                    f"libyaml/{jeu}/{taille}",
                    f"parse libyaml, {nom} (plancher)",
                    taille,
                    [PYTHON, str(self.base / "libyaml.py"), str(dossier)],
                    self.base,
                ),
                Tache(
                    f"validate-froid/{jeu}/{taille}",
                    f"acv validate à froid, {nom}",
                    taille,
                    cmd,
                    self.base,
                    avant=_effacer(dossier / ".acv-cache"),
                    attendus=attendus,
                ),
                Tache(
                    f"validate-chaud/{jeu}/{taille}",
                    f"acv validate à chaud, {nom}",
                    taille,
                    cmd,
                    self.base,
                    avant=_rechauffer(cmd),
                    attendus=attendus,
                ),
                Tache(
                    f"validate-chaud-json/{jeu}/{taille}",
                    f"acv validate --format json à chaud, {nom}",
                    taille,
                    [*cmd, "--format", "json"],
                    self.base,
                    avant=_rechauffer([*cmd, "--format", "json"]),
                    attendus=attendus,
                ),
                Tache(
                    f"plancher-import/{jeu}/{taille}",
                    "plancher des imports",
                    0,
                    [PYTHON, "-c", "import typer, pydantic, ruamel.yaml"],
                    self.base,
                ),
            ]
        )
        self.jeux.append(compter(nom, taille, dossier, self.env))

    def build(self, taille: int, dossier: Path) -> None:
        """Le build par défaut, puis chaque format seul, sur un jeu propre."""
        taches = []
        for nom in ("defaut", *FORMATS):
            sortie = self.base / f"build-{nom}-{taille}"
            args = [*ACV, "-q", "build", "--data", str(dossier), "--out", str(sortie)]
            if nom != "defaut":
                args += ["--format", nom]
            libelle = (
                "acv build (formats par défaut)" if nom == "defaut" else f"acv build --format {nom}"
            )
            taches.append(
                Tache(
                    f"build-{nom}/{taille}",
                    libelle,
                    taille,
                    args,
                    self.base,
                    avant=_effacer(sortie),
                    repetitions=self._lourd(taille),
                )
            )
        self.groupe(taches)

    def importer(self, taille: int, dossier: Path) -> None:
        """`acv import --write` du tableur de build-xlsx dans une copie dont 1 % des titres ont changé."""
        classeurs = sorted((self.base / f"build-xlsx-{taille}").rglob("*.xlsx"))
        if not classeurs:
            print(f"  pas de tableur à {taille} fiches : import non mesuré", file=sys.stderr)
            return
        copie = self.base / f"import-{taille}"
        shutil.copytree(dossier, copie, ignore=shutil.ignore_patterns(".acv-cache"))
        modifiees = jeux.modifier(copie, 0.01)
        sauvegarde = self.base / f"import-{taille}-avant"
        for fichier in modifiees:
            cible = sauvegarde / fichier.relative_to(copie)
            cible.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fichier, cible)
        self.groupe(
            [
                Tache(
                    f"import/{taille}",
                    "acv import --write (1 % des titres à reprendre)",
                    taille,
                    [*ACV, "import", str(classeurs[0]), "--data", str(copie), "--write"],
                    self.base,
                    avant=_restaurer(sauvegarde, copie),
                    repetitions=self._lourd(taille),
                )
            ]
        )

    def diff(self, taille: int, dossier: Path) -> None:
        """`acv diff HEAD~1 HEAD` de deux versions (1 % des fiches modifiées) face à validate à froid."""
        depot = self.base / f"diff-{taille}"
        shutil.copytree(dossier, depot, ignore=shutil.ignore_patterns(".acv-cache"))
        git = ["git", "-c", "user.name=banc", "-c", "user.email=banc@example.org"]
        (depot / ".gitignore").write_text(".acv-cache/\n", encoding="utf-8")
        for etape in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "avant"]):
            subprocess.run([*git, *etape], cwd=depot, check=True)
        jeux.modifier(depot, 0.01)
        subprocess.run([*git, "commit", "-qam", "après"], cwd=depot, check=True)
        cache = _effacer(depot / ".acv-cache")
        self.groupe(
            [
                Tache(
                    f"validate-froid-diff/{taille}",
                    "acv validate à froid (dépôt du diff)",
                    taille,
                    [*ACV, "validate", "--data", "."],
                    depot,
                    avant=cache,
                    attendus=(0, 1),
                ),
                Tache(
                    f"diff/{taille}",
                    "acv diff HEAD~1 HEAD",
                    taille,
                    [*ACV, "diff", "HEAD~1", "HEAD", "--data", "."],
                    depot,
                    avant=cache,
                ),
            ]
        )


def compter(nom: str, taille: int, dossier: Path, env: dict[str, str]) -> Jeu:
    """Les diagnostics du jeu (la sortie JSON de validate) et les fichiers qui en ont."""
    sortie = subprocess.run(
        [*ACV, "validate", "--format", "json", "--data", str(dossier)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        rapport = json.loads(sortie.stdout)
    except json.JSONDecodeError:
        return Jeu(nom, taille)
    fichiers = sum(1 for _ in dossier.rglob("*.yaml"))
    return Jeu(nom, taille, len(rapport), len({d["path"] for d in rapport}), fichiers)


def profils(banc: Banc, manques: list[str]) -> list[str]:
    """Le profil de chaque commande d'objectif manqué (à la plus grande taille qui a fini)."""
    lignes: list[str] = []
    par_cle = {m.cle: m for m in banc.mesures}
    for cle in dict.fromkeys(manques):
        m = par_cle[cle]
        if m.interrompu:  # relancer sous le profileur serait aussi long : une taille plus petite
            famille = cle.rsplit("/", 1)[0]
            finies = [
                x for x in banc.mesures if x.cle.rsplit("/", 1)[0] == famille and not x.interrompu
            ]
            if not finies:
                continue
            m = max(finies, key=lambda x: x.taille)
        lignes += profiler(m, banc.base, banc.env, banc.taches[m.cle].avant, 2 * banc.delai)
    return lignes


def options_ligne() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tailles", default="22,1000,2000,10000")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--rapide", action="store_true", help="22, 100 et 200 fiches, un passage")
    parser.add_argument("--sortie", type=Path, default=RESULTATS)
    parser.add_argument("--delai", type=float, default=300.0, help="secondes par commande")
    parser.add_argument("--sans-profils", action="store_true")
    parser.add_argument("--essai", action="store_true", help="marque le passage comme un essai")
    parser.add_argument(
        "--groupes",
        default=",".join(GROUPES),
        help="les groupes de mesures à faire, parmi validate, build, import, diff",
    )
    options = parser.parse_args()
    if options.rapide:
        options.tailles, options.repetitions = "22,100,200", 1
    return options


def main() -> None:
    options = options_ligne()
    debut = time.perf_counter()
    charge_avant = os.getloadavg()[0]
    tailles = sorted({int(t) for t in options.tailles.split(",") if t.strip()})
    generees = [t for t in tailles if t > 22]
    groupes = {g.strip() for g in options.groupes.split(",")}
    inconnus = groupes - set(GROUPES)
    if inconnus:
        raise SystemExit(f"groupe(s) inconnu(s) : {', '.join(sorted(inconnus))}")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory(prefix="acv-bench-") as tmp:
        banc = Banc(Path(tmp), env, options.repetitions, options.delai)
        banc.planchers()
        if 22 in tailles and "validate" in groupes:
            print("vraies données (22 fiches)", file=sys.stderr)
            banc.validate("reel", 22, jeux.reel(banc.base, 22))
        for taille in generees:
            print(f"{taille} fiches générées", file=sys.stderr)
            if "validate" in groupes:
                banc.validate("genere", taille, jeux.genere(banc.base, taille, casse=True))
            propre = jeux.genere(banc.base, taille, casse=False)
            if groupes & {"build", "import"}:
                banc.build(taille, propre)  # l'import relit le tableur du build xlsx
            if "import" in groupes:
                banc.importer(taille, propre)
        if generees:
            grande = generees[-1]
            print(f"{grande} vraies fiches répliquées ; diff", file=sys.stderr)
            if "validate" in groupes:
                banc.validate("reel", grande, jeux.reel(banc.base, grande))
            if "diff" in groupes:
                banc.diff(grande, jeux.genere(banc.base, grande, casse=True))
        objectifs = objectifs_issue_20(generees, generees[-1] if generees else None, 22 in tailles)
        resultats = evaluer_tous(objectifs, banc.mesures)
        manques = [r.objectif.cle for r in resultats if not r.atteint]
        textes = [] if options.sans_profils else profils(banc, manques)
    charge = (
        f" ; charge moyenne (1 min) {charge_avant:.1f} au départ, {os.getloadavg()[0]:.1f} à la fin"
    )
    essai = (
        options.essai
        or options.rapide
        or not generees
        or generees[-1] < 10000
        or groupes != set(GROUPES)
    )
    passage = Passage(
        banc.mesures,
        resultats,
        banc.jeux,
        textes,
        time.perf_counter() - debut,
        f"tailles {','.join(map(str, tailles))}, groupes {','.join(g for g in GROUPES if g in groupes)}, "
        f"{options.repetitions} passage(s) par commande",
        essai,
        charge.replace(".", ","),
    )
    ecrire(passage, options.sortie)
    if options.sortie.resolve() == RESULTATS and not essai:
        citer_dans_le_readme(options.sortie, README)
    print(options.sortie.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
