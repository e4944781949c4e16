"""Banc de mesure d'acvkit : acv validate, costs et build en processus entiers, à 22, 1 000 et 10 000 fiches.

Lancé par `make bench` (jamais par `make test`). Les jeux de données sont générés (graine fixe)
à partir du vocabulaire des vraies données, avec une part de fichiers cassés ; chaque commande est
chronométrée comme un processus complet (temps réel, fichiers par seconde, mémoire maximale), à
côté de `python -c pass` et du coût des imports. Résultat : benchmarks/RESULTS.md.

Options : `--tailles 22,1000` pour un passage plus court ; `--repetitions 3` (la médiane est gardée) ;
`--tailles-docx 1000,2000` : les tailles où sont chronométrés le build par défaut (tous les formats,
DOCX compris), le DOCX seul et, à la plus grande, le HTML seul (linéarité, DOCX face au HTML) ;
`--tailles ""` pour ne mesurer que ceux-là.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.strategies import generate_fiches, write_dataset  # noqa: E402

PYTHON = sys.executable
ACV = [PYTHON, "-m", "acvkit"]
RESULTATS = ROOT / "benchmarks" / "RESULTS.md"
PART_CASSEE = 0.02  # 2 % de fichiers avec une faute


@dataclass
class Mesure:
    commande: str
    taille: int
    secondes: float
    memoire_mo: float
    code: int

    @property
    def par_seconde(self) -> str:
        return f"{self.taille / self.secondes:,.0f}".replace(",", " ") if self.taille else "–"


def _run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """Temps réel, mémoire maximale (Mo) et code de sortie d'un processus."""
    debut = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    duree = time.perf_counter() - debut
    process.returncode = os.waitstatus_to_exitcode(status)
    return duree, usage.ru_maxrss / 1024, process.returncode


def mesurer(
    nom: str,
    taille: int,
    args: list[str],
    env: dict[str, str],
    cwd: Path,
    repetitions: int,
    avant: list[str] | None = None,
) -> Mesure:
    resultats = []
    for _ in range(repetitions):
        if avant:
            subprocess.run(avant, cwd=cwd, env=env, check=False)
        resultats.append(_run(args, env, cwd))
    secondes = statistics.median(r[0] for r in resultats)
    memoire = max(r[1] for r in resultats)
    return Mesure(nom, taille, secondes, memoire, resultats[-1][2])


def casser(folder: Path, part: float, seed: int = 1) -> int:
    """Abîme une part des fiches (sous-axe inconnu, montant en texte, syntaxe) : elles doivent être signalées."""
    import random

    rng = random.Random(seed)
    fiches = sorted((folder / "fiches").rglob("*.yaml"))
    victimes = rng.sample(fiches, max(1, int(len(fiches) * part))) if fiches else []
    for index, fichier in enumerate(victimes):
        texte = fichier.read_text(encoding="utf-8")
        if index % 3 == 0:
            texte = texte.replace('sous_axe: "', 'sous_axe: "9', 1)
        elif index % 3 == 1:
            texte = texte.replace("type: ", "type: [", 1)
        else:
            texte += "numero: 2\n"
        fichier.write_text(texte, encoding="utf-8")
    return len(victimes)


def part_avec_diagnostic(dossier: Path, env: dict[str, str]) -> float:
    """La part des fichiers qui ont au moins un diagnostic (à situer : ils sont relus)."""
    import json

    sortie = subprocess.run(
        [*ACV, "validate", "--no-cache", "--format", "json", "--data", str(dossier)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rapport = json.loads(sortie.stdout)
    fichiers = {d["path"] for d in rapport}  # la sortie JSON est la liste des diagnostics
    total = sum(1 for _ in dossier.rglob("*.yaml"))
    return len(fichiers) / total if total else 0.0


def jeu(base: Path, taille: int) -> Path:
    if taille == 22:
        cible = base / "donnees-22"
        shutil.copytree(ROOT / "data", cible)
        return cible
    cible = base / f"donnees-{taille}"
    write_dataset(cible, generate_fiches(taille, seed=taille))
    casser(cible, PART_CASSEE)
    return cible


def machine() -> str:
    memoire = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memoire = f", {int(line.split()[1]) / 1024 / 1024:.0f} Gio de mémoire"
    except OSError:
        pass
    processeur = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cœurs ({processeur}){memoire}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tailles", default="22,1000,10000")
    parser.add_argument("--tailles-docx", default="1000,2000")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--sortie", type=Path, default=RESULTATS)
    options = parser.parse_args()
    tailles = [int(t) for t in options.tailles.split(",") if t.strip()]
    tailles_docx = [int(t) for t in options.tailles_docx.split(",") if t.strip()]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"}
    mesures: list[Mesure] = []
    parts: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="acv-bench-") as tmp:
        base = Path(tmp)
        mesures.append(
            mesurer("python -c pass", 0, [PYTHON, "-c", "pass"], env, base, options.repetitions)
        )
        mesures.append(
            mesurer(
                "import de la CLI (plancher)",
                0,
                [PYTHON, "-c", "import acvkit.cli"],
                env,
                base,
                options.repetitions,
            )
        )
        for taille in tailles:
            dossier = jeu(base, taille)
            print(f"{taille} fiches prêtes dans {dossier}", file=sys.stderr)
            parts[taille] = part_avec_diagnostic(dossier, env)
            cache = dossier / ".acv-cache"
            vider = [
                PYTHON,
                "-c",
                f"import shutil; shutil.rmtree({str(cache)!r}, ignore_errors=True)",
            ]
            mesures.append(
                mesurer(
                    "acv validate (cache vide)",
                    taille,
                    [*ACV, "validate", "--data", str(dossier)],
                    env,
                    base,
                    options.repetitions,
                    avant=vider,
                )
            )
            mesures.append(
                mesurer(
                    "acv validate (cache chaud)",
                    taille,
                    [*ACV, "validate", "--data", str(dossier)],
                    env,
                    base,
                    options.repetitions,
                )
            )
            if taille <= 1000:
                mesures.append(
                    mesurer(
                        "acv validate --no-cache, chemin lent (ruamel seul)",
                        taille,
                        [*ACV, "validate", "--no-cache", "--data", str(dossier)],
                        {**env, "ACV_LECTURE_LENTE": "1"},
                        base,
                        1,
                    )
                )
            propre = dossier if taille == 22 else None
            if propre is None:
                # costs et build refusent des données en erreur : un jeu propre de même taille.
                propre = base / f"propre-{taille}"
                write_dataset(propre, generate_fiches(taille, seed=taille))
            mesures.append(
                mesurer(
                    "acv costs --by axe",
                    taille,
                    [*ACV, "costs", "--data", str(propre)],
                    env,
                    base,
                    options.repetitions,
                )
            )
            mesures.append(
                mesurer(
                    "acv build --format xlsx,html",
                    taille,
                    [
                        *ACV,
                        "-q",
                        "build",
                        "--data",
                        str(propre),
                        "--out",
                        str(base / f"build-{taille}"),
                        "--format",
                        "xlsx,html",
                    ],
                    env,
                    base,
                    1 if taille >= 10000 else options.repetitions,
                )
            )
        mesures += mesurer_docx(base, tailles_docx, env, options.repetitions)
    ecrire(mesures, parts, options.sortie)
    if options.sortie == RESULTATS:  # une mesure partielle, écrite ailleurs, n'est pas citée
        citer_dans_le_readme(options.sortie)
    print(options.sortie.read_text(encoding="utf-8"))


BUILD_DEFAUT = "acv build (tous les formats par défaut)"
BUILD_DOCX = "acv build --format docx"
BUILD_HTML = "acv build --format html"


def mesurer_docx(
    base: Path, tailles: list[int], env: dict[str, str], repetitions: int
) -> list[Mesure]:
    """Le build par défaut et le DOCX seul à chaque taille, le HTML seul à la plus grande."""
    mesures = []
    for taille in tailles:
        propre = base / f"propre-{taille}"
        if not propre.exists():
            write_dataset(propre, generate_fiches(taille, seed=taille))
        print(f"{taille} fiches : build par défaut, DOCX, HTML", file=sys.stderr)
        formats: list[tuple[str, list[str]]] = [(BUILD_DEFAUT, []), (BUILD_DOCX, ["docx"])]
        if taille == max(tailles):
            formats.append((BUILD_HTML, ["html"]))
        for nom, choix in formats:
            sortie = base / f"build-{taille}-{'-'.join(choix) or 'defaut'}"
            args = [*ACV, "-q", "build", "--data", str(propre), "--out", str(sortie)]
            if choix:
                args += ["--format", ",".join(choix)]
            repet = 1 if taille >= 2000 and nom != BUILD_HTML else repetitions
            mesures.append(mesurer(nom, taille, args, env, base, repet))
    return mesures


LINEARITE = 2.3  # 2× les fiches : au plus 2,3× le temps
DOCX_FACE_AU_HTML = 4.0  # le DOCX au plus 4× le HTML, à la plus grande taille


def objectifs_docx(mesures: list[Mesure]) -> list[str]:
    """Linéarité du build par défaut et du DOCX, et DOCX face au HTML, avec leurs verdicts."""
    lignes = []
    for commande in (BUILD_DEFAUT, BUILD_DOCX):
        par_taille = sorted((m.taille, m.secondes) for m in mesures if m.commande == commande)
        for (petit, t_petit), (grand, t_grand) in pairwise(par_taille):
            attendu = LINEARITE * grand / petit / 2
            rapport = t_grand / t_petit
            verdict = "atteint" if rapport <= attendu else "**non atteint**"
            lignes.append(
                f"- linéarité de `{commande}` : de {_entier(petit)} à {_entier(grand)} fiches, "
                f"× {_decimal(rapport, 2)} du temps pour × {_decimal(grand / petit, 1)} fiches "
                f"({_decimal(attendu, 2)} au plus), {verdict}"
            )
    html = [m for m in mesures if m.commande == BUILD_HTML]
    if html:
        plus_grand = max(html, key=lambda m: m.taille)
        docx = next(
            (m for m in mesures if m.commande == BUILD_DOCX and m.taille == plus_grand.taille), None
        )
        if docx is not None and plus_grand.secondes > 0:
            rapport = docx.secondes / plus_grand.secondes
            verdict = "atteint" if rapport <= DOCX_FACE_AU_HTML else "**non atteint**"
            lignes.append(
                f"- DOCX face au HTML sur {_entier(plus_grand.taille)} fiches : "
                f"{_decimal(docx.secondes, 2)} s contre {_decimal(plus_grand.secondes, 2)} s, "
                f"× {_decimal(rapport, 1)} ({_decimal(DOCX_FACE_AU_HTML, 0)} au plus), {verdict}"
            )
    return lignes


def _pourcent(part: float) -> str:
    return f"{part * 100:.0f} %"


def _entier(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _decimal(x: float, chiffres: int) -> str:
    return f"{x:.{chiffres}f}".replace(".", ",")


OBJECTIFS = [
    # (commande, fiches, secondes au plus, Mo au plus)
    ("acv validate (cache vide)", 22, 0.5, None),
    ("acv validate (cache vide)", 10000, 6.0, None),
    ("acv validate (cache chaud)", 10000, 1.0, None),
    ("acv build --format xlsx,html", 10000, 20.0, 600.0),
]


def objectifs(mesures: list[Mesure]) -> list[str]:
    """Chaque objectif de l'issue, avec la mesure et « atteint » ou « non atteint »."""
    lignes = []
    par_cle = {(m.commande, m.taille): m for m in mesures}
    for commande, taille, secondes, memoire in OBJECTIFS:
        m = par_cle.get((commande, taille))
        if m is None:
            continue
        atteint = m.secondes <= secondes and (memoire is None or m.memoire_mo <= memoire)
        cible = f"{_decimal(secondes, 1)} s" + (f" et {memoire:.0f} Mo" if memoire else "")
        mesure = f"{_decimal(m.secondes, 2)} s" + (f" et {m.memoire_mo:.0f} Mo" if memoire else "")
        verdict = "atteint" if atteint else "**non atteint**"
        lignes.append(
            f"- `{commande}` sur {_entier(taille)} fiches : {cible} au plus → {mesure}, {verdict}"
        )
    petit = par_cle.get(("acv validate (cache vide)", 1000))
    grand = par_cle.get(("acv validate (cache vide)", 10000))
    if petit and grand:
        lignes.append(
            f"- croissance de 1 000 à 10 000 fiches (validate, cache vide) : × "
            f"{_decimal(grand.secondes / petit.secondes, 1)} pour × 10 fichiers"
        )
    return lignes + objectifs_docx(mesures)


def ecrire(mesures: list[Mesure], parts: dict[int, float], sortie: Path) -> None:
    lignes = [
        "# Banc de mesure d'acvkit",
        "",
        f"Machine : {machine()}.",
        "",
        "Chaque commande est un processus complet (imports compris) ; temps réel médian de plusieurs",
        "passages ; mémoire maximale du plus gros processus (le build de 10 000 fiches rend chaque",
        "format dans son propre processus : leurs mémoires ne s'additionnent pas ici). Les jeux de",
        f"1 000 et 10 000 fiches sont générés (graine fixe) avec {_pourcent(PART_CASSEE)} de fichiers cassés",
        "pour validate ; costs et build tournent sur un jeu propre de même taille. Produit par",
        "`make bench` (benchmarks/run.py).",
        "",
        *(
            [
                "Fichiers avec au moins un diagnostic (chacun est relu pour situer ses diagnostics) : "
                + ", ".join(
                    f"{_pourcent(p)} à {_entier(t)} fiches" for t, p in sorted(parts.items())
                )
                + ".",
                "",
            ]
            if parts
            else []
        ),
        "| commande | fiches | temps réel (s) | fiches/s | mémoire max (Mo) | sortie |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for m in mesures:
        lignes.append(
            f"| {m.commande} | {m.taille or '–'} | {m.secondes:.2f} | {m.par_seconde} | "
            f"{m.memoire_mo:.0f} | {m.code} |"
        )
    lignes += ["", "Objectifs :", "", *objectifs(mesures)]
    sortie.write_text("\n".join(lignes) + "\n", encoding="utf-8")


DEBUT, FIN = "<!-- banc:debut -->", "<!-- banc:fin -->"


def citer_dans_le_readme(resultats: Path, readme: Path = ROOT / "README.md") -> None:
    """Recopie le tableau et les objectifs entre les marques du README : il cite toujours la dernière mesure."""
    texte = readme.read_text(encoding="utf-8")
    if DEBUT not in texte or FIN not in texte:
        return
    corps = resultats.read_text(encoding="utf-8")
    corps = corps[corps.index("Machine :") :].strip()
    avant, reste = texte.split(DEBUT, 1)
    _, apres = reste.split(FIN, 1)
    readme.write_text(f"{avant}{DEBUT}\n{corps}\n{FIN}{apres}", encoding="utf-8")


if __name__ == "__main__":
    main()


def mesurer_diff(taille: int = 10000, modifiees: float = 0.01) -> dict[str, float]:
    """`acv diff` de deux versions de `taille` fiches (1 % des fiches modifiées) contre
    `acv validate` à froid d'une version. Objectif : le diff coûte au plus deux validations.

    À lancer à la main : `.venv/bin/python -c "from benchmarks.run import mesurer_diff as m; print(m())"`.
    """
    import random

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"}
    git = ["git", "-c", "user.name=banc", "-c", "user.email=banc@example.org"]
    with tempfile.TemporaryDirectory(prefix="acv-bench-diff-") as tmp:
        repo = Path(tmp)
        dossier = jeu(repo, taille)
        subprocess.run([*git, "init", "-q"], cwd=dossier, check=True)
        subprocess.run([*git, "add", "-A"], cwd=dossier, check=True)
        subprocess.run([*git, "commit", "-qm", "avant"], cwd=dossier, check=True)
        fiches = sorted((dossier / "fiches").rglob("*.yaml"))
        for fichier in random.Random(1).sample(fiches, max(1, int(len(fiches) * modifiees))):
            texte = fichier.read_text(encoding="utf-8")
            fichier.write_text(texte.replace("titre: ", "titre: Révisé – ", 1), encoding="utf-8")
        subprocess.run([*git, "commit", "-qam", "après"], cwd=dossier, check=True)
        vider = [
            PYTHON,
            "-c",
            f"import shutil; shutil.rmtree({str(dossier / '.acv-cache')!r}, ignore_errors=True)",
        ]
        validate = mesurer(
            "acv validate (cache vide)",
            taille,
            [*ACV, "validate", "--data", "."],
            env,
            dossier,
            1,
            vider,
        )
        diff = mesurer(
            "acv diff HEAD~1 HEAD (cache vide)",
            taille,
            [*ACV, "diff", "HEAD~1", "HEAD", "--data", "."],
            env,
            dossier,
            1,
            vider,
        )
        chaud = mesurer(
            "acv diff HEAD~1 HEAD (cache chaud)",
            taille,
            [*ACV, "diff", "HEAD~1", "HEAD", "--data", "."],
            env,
            dossier,
            1,
        )
        return {
            "validate_froid": validate.secondes,
            "diff_froid": diff.secondes,
            "diff_chaud": chaud.secondes,
            "rapport": diff.secondes / validate.secondes,
        }
