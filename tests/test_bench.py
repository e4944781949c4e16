"""Le banc de mesure (benchmarks/) : verdicts des objectifs, mesures d'un vrai processus, jeux
répliqués, rapport et citation dans docs/performance.md, et un passage réduit du banc de bout en bout."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks import datasets
from benchmarks.mesure import Mesure, Task, launch, measure_group
from benchmarks.objectifs import (
    MET,
    NOT_MET,
    Goal,
    evaluate,
    evaluate_all,
    objectifs_issue_20,
    verdict,
)
from benchmarks.rapport import DEBUT, FIN, Passage, quote_in_readme, write

ROOT = Path(__file__).resolve().parent.parent


def _m(key: str, size: int, seconds: float, memory: float = 50, code: int = 0) -> Mesure:
    return Mesure(key, key.split("/")[0], size, seconds, memory_mb=memory, code=code)


def test_verdict_de_part_et_d_autre_de_la_limite() -> None:
    assert verdict(0.99, 1.0) == MET == "atteint"
    assert verdict(1.0, 1.0) == MET  # « au plus »
    assert verdict(1.01, 1.0) == NOT_MET == "**non atteint**"


def test_rapport_a_un_plancher() -> None:
    target = Goal("froid", "rapport", "froid/10", 1.0, "libyaml/10")
    below = evaluate(target, {"froid/10": _m("froid/10", 10, 1.8), "libyaml/10": _m("x", 10, 2.0)})
    above = evaluate(target, {"froid/10": _m("froid/10", 10, 2.5), "libyaml/10": _m("x", 10, 2.0)})
    assert below is not None and above is not None
    assert below.met and abs(below.valeur - 0.9) < 1e-9
    assert not above.met and abs(above.valeur - 1.25) < 1e-9
    assert below.line().endswith("| × 1,00 au plus | atteint |")
    assert above.line().endswith("| × 1,00 au plus | **non atteint** |")
    assert "× 1,25 (2,50 s contre 2,00 s)" in above.line()
    # Une mesure manquante : pas de verdict (ni atteint ni manqué).
    assert evaluate(target, {"froid/10": _m("froid/10", 10, 1.0)}) is None


def test_plafonds_de_temps_et_de_memoire() -> None:
    time = Goal("build", "secondes", "b/10000", 60.0)
    memory = Goal("build", "memoire", "b/10000", 1024.0)
    mesures = {"b/10000": _m("b/10000", 10000, 59.0, memory=1100)}
    r_time, r_memory = evaluate_all([time, memory], mesures.values())
    assert r_time.met and "59,00 s | 60,00 s au plus | atteint" in r_time.line()
    assert not r_memory.met and "1100 Mo | 1024 Mo au plus | **non atteint**" in r_memory.line()


def test_linearite_rapportee_au_nombre_de_fiches() -> None:
    target = Goal("lin", "linearite", "docx/2000", 2.3, "docx/1000")
    linear = {"docx/1000": _m("docx/1000", 1000, 10.0), "docx/2000": _m("docx/2000", 2000, 22.0)}
    quadratic = {**linear, "docx/2000": _m("docx/2000", 2000, 40.0)}
    r1, r2 = evaluate(target, linear), evaluate(target, quadratic)
    assert r1 is not None and r1.met and abs(r1.limit - 2.3) < 1e-9
    assert r2 is not None and not r2.met
    # 2 000 → 10 000 fiches : × 5 les fiches, au plus × 5,75 le temps.
    large = Goal("lin", "linearite", "i/10000", 2.3, "i/2000")
    r3 = evaluate(large, {"i/2000": _m("i/2000", 2000, 4.0), "i/10000": _m("i/10000", 10000, 22.0)})
    assert r3 is not None and r3.met and abs(r3.limit - 5.75) < 1e-9


def test_une_commande_en_echec_ou_interrompue_manque_son_objectif() -> None:
    target = Goal("import", "secondes", "import/10", 30.0)
    failed = evaluate(target, {"import/10": _m("import/10", 10, 1.0, code=1)})
    assert failed is not None and not failed.met and "en échec (code 1)" in failed.detail
    interrupted_run = Mesure("import/10", "acv import", 10, 300.0, interrupted=True)
    interrupted = evaluate(target, {"import/10": interrupted_run})
    assert interrupted is not None and not interrupted.met and "interrompu" in interrupted.detail
    # validate sort 1 sur des données en erreur : c'est attendu.
    validate = Mesure("v/10", "validate", 10, 1.0, code=1, expected_items=(0, 1))
    assert evaluate(Goal("v", "secondes", "v/10", 2.0), {"v/10": validate}).met  # type: ignore[union-attr]


def test_chaque_objectif_de_l_issue_est_pose() -> None:
    keys = {
        (o.kind, o.key, o.reference) for o in objectifs_issue_20([1000, 2000, 10000], 10000, True)
    }
    expected_items = {
        ("rapport", "validate-chaud/reel/22", "plancher-import/reel/22"),
        ("rapport", "validate-froid/genere/10000", "libyaml/genere/10000"),
        ("rapport", "validate-froid/reel/10000", "libyaml/reel/10000"),
        ("rapport", "validate-chaud/reel/10000", "plancher-import/reel/10000"),
        ("rapport", "validate-chaud-json/reel/10000", "plancher-import/reel/10000"),
        ("secondes", "build-defaut/10000", None),
        ("memoire", "build-defaut/10000", None),
        ("rapport", "build-docx/10000", "build-html/10000"),
        ("secondes", "import/10000", None),
        ("rapport", "diff/10000", "validate-froid-diff/10000"),
        ("linearite", "import/2000", "import/1000"),
        ("linearite", "import/10000", "import/2000"),
    }
    expected_items |= {
        ("linearite", f"build-{f}/2000", f"build-{f}/1000")
        for f in ("html", "md", "docx", "xlsx", "defaut")
    }
    assert expected_items <= keys


def test_lancer_mesure_un_vrai_processus(tmp_path: Path) -> None:
    script = "b = bytearray(80 * 1024 * 1024); sum(range(3_000_000)); raise SystemExit(3)"
    passage = launch([sys.executable, "-c", script], {}, tmp_path)
    assert passage.code == 3 and not passage.interrupted
    assert passage.memory_mb >= 80  # le tampon de 80 Mo est compté
    assert passage.cpu > 0 and passage.seconds > 0
    interrupted_run = launch(
        [sys.executable, "-c", "import time; time.sleep(30)"], {}, tmp_path, delay=0.5
    )
    assert interrupted_run.interrupted and interrupted_run.seconds < 10


def test_mesurer_groupe_alterne_et_prepare(tmp_path: Path) -> None:
    trace = tmp_path / "trace"

    def write_(word: str) -> list[str]:
        return [sys.executable, "-c", f"open({str(trace)!r}, 'a').write({word!r})"]

    tasks = [
        Task("a", "a", 0, write_("A"), tmp_path, before=write_("p")),
        Task("b", "b", 0, write_("B"), tmp_path, repetitions=1),
    ]
    mesures = measure_group(tasks, {}, 2)
    assert trace.read_text() == "pABpA"  # en alternance, la préparation avant chaque passage
    assert [m.passages for m in mesures] == [2, 1] and all(m.ok for m in mesures)


def test_vraies_fiches_repliquees_et_renumerotees(tmp_path: Path) -> None:
    folder = datasets.actual(tmp_path, 50)
    fiches = sorted((folder / "fiches").rglob("*.yaml"))
    assert len(fiches) == 50
    numeros = []
    for file in fiches:
        hit = re.search(r"^numero: (\d+)$", file.read_text(encoding="utf-8"), re.M)
        assert hit is not None
        numero = int(hit.group(1))
        assert file.name.startswith(f"fa-{numero}-")
        numeros.append(numero)
    assert len(set(numeros)) == 50
    # Rien de cassé par la réplication : pas d'erreur, pas de numéro en double ni de nom faux.
    output = subprocess.run(
        [sys.executable, "-m", "acvkit", "validate", "--no-cache", "--data", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert output.returncode == 0, output.stdout
    originals = datasets.actual(tmp_path / "b", 22)
    assert sorted(p.name for p in (originals / "fiches").rglob("*.yaml")) == sorted(
        p.name for p in (ROOT / "data" / "fiches").rglob("*.yaml")
    )


def test_rapport_et_readme(tmp_path: Path) -> None:
    mesures = [_m("v/10", 10, 3.0), _m("p/10", 10, 2.0)]
    results = evaluate_all([Goal("validate", "rapport", "v/10", 1.0, "p/10")], mesures)
    passage = Passage(mesures, results, profiles=["Profil de `v` : `f` 2,00 s"], duration=75)
    output = tmp_path / "RESULTS.md"
    write(passage, output)
    texte = output.read_text(encoding="utf-8")
    assert "0 atteint(s) sur 1" in texte and "| **non atteint** |" in texte
    assert "× 1,50 de la limite" in texte and "Profil de `v`" in texte
    assert "1 min 15 s" in texte and "Passage d'essai" not in texte
    readme = tmp_path / "README.md"
    readme.write_text(f"# Titre\n\n{DEBUT}\nancienne mesure\n{FIN}\n\nSuite.\n", encoding="utf-8")
    quote_in_readme(output, readme)
    cite = readme.read_text(encoding="utf-8")
    assert "ancienne mesure" not in cite and cite.endswith(f"{FIN}\n\nSuite.\n")
    assert "| v | 10 | 3.00 |" in cite and "Profil de `v`" in cite
    quote_in_readme(output, readme)  # idempotent
    assert readme.read_text(encoding="utf-8") == cite


def test_passage_reduit_du_banc(tmp_path: Path) -> None:
    """Le banc de bout en bout sur de tout petits jeux (validate et diff : les builds prendraient
    plus de 30 s) ; un passage d'essai, qui ne touche pas à docs/performance.md."""
    output = tmp_path / "R.md"
    readme = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    finished = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--tailles",
            "30",
            "--repetitions",
            "1",
            "--groupes",
            "validate,diff",
            "--sans-profils",
            "--sortie",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    texte = output.read_text(encoding="utf-8")
    assert "Passage d'essai" in texte
    for target in (
        "30 fiches générées / parse libyaml",
        "`acv diff HEAD~1 HEAD`, 30 fiches",
    ):
        line = next(line for line in texte.splitlines() if target in line)
        assert line.endswith(("| atteint |", "| **non atteint** |"))
    assert "| acv validate à froid, fiches générées | 30 |" in texte
    assert (ROOT / "docs" / "performance.md").read_text(encoding="utf-8") == readme


@pytest.mark.parametrize("size", [30])
def test_jeu_genere_casse(tmp_path: Path, size: int) -> None:
    clean = datasets.generate(tmp_path, size, broken=False)
    broken = datasets.generate(tmp_path, size, broken=True)
    assert clean != broken
    different = [
        p.name
        for p in sorted((clean / "fiches").rglob("*.yaml"))
        if p.read_bytes() != (broken / p.relative_to(clean)).read_bytes()
    ]
    assert len(different) == max(1, int(size * datasets.BROKEN_SHARE))
