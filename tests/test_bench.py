"""Le banc de mesure (benchmarks/) : verdicts des objectifs, mesures d'un vrai processus, jeux
répliqués, rapport et citation dans le README, et un passage réduit du banc de bout en bout."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks import jeux
from benchmarks.mesure import Mesure, Tache, lancer, mesurer_groupe
from benchmarks.objectifs import (
    ATTEINT,
    NON_ATTEINT,
    Objectif,
    evaluer,
    evaluer_tous,
    objectifs_issue_20,
    verdict,
)
from benchmarks.rapport import DEBUT, FIN, Passage, citer_dans_le_readme, ecrire

ROOT = Path(__file__).resolve().parent.parent


def _m(cle: str, taille: int, secondes: float, memoire: float = 50, code: int = 0) -> Mesure:
    return Mesure(cle, cle.split("/")[0], taille, secondes, memoire_mo=memoire, code=code)


def test_verdict_de_part_et_d_autre_de_la_limite() -> None:
    assert verdict(0.99, 1.0) == ATTEINT == "atteint"
    assert verdict(1.0, 1.0) == ATTEINT  # « au plus »
    assert verdict(1.01, 1.0) == NON_ATTEINT == "**non atteint**"


def test_rapport_a_un_plancher() -> None:
    objectif = Objectif("froid", "rapport", "froid/10", 1.0, "libyaml/10")
    dessous = evaluer(
        objectif, {"froid/10": _m("froid/10", 10, 1.8), "libyaml/10": _m("x", 10, 2.0)}
    )
    dessus = evaluer(
        objectif, {"froid/10": _m("froid/10", 10, 2.5), "libyaml/10": _m("x", 10, 2.0)}
    )
    assert dessous is not None and dessus is not None
    assert dessous.atteint and abs(dessous.valeur - 0.9) < 1e-9
    assert not dessus.atteint and abs(dessus.valeur - 1.25) < 1e-9
    assert dessous.ligne().endswith("| × 1,00 au plus | atteint |")
    assert dessus.ligne().endswith("| × 1,00 au plus | **non atteint** |")
    assert "× 1,25 (2,50 s contre 2,00 s)" in dessus.ligne()
    # Une mesure manquante : pas de verdict (ni atteint ni manqué).
    assert evaluer(objectif, {"froid/10": _m("froid/10", 10, 1.0)}) is None


def test_plafonds_de_temps_et_de_memoire() -> None:
    temps = Objectif("build", "secondes", "b/10000", 60.0)
    memoire = Objectif("build", "memoire", "b/10000", 1024.0)
    mesures = {"b/10000": _m("b/10000", 10000, 59.0, memoire=1100)}
    r_temps, r_memoire = evaluer_tous([temps, memoire], mesures.values())
    assert r_temps.atteint and "59,00 s | 60,00 s au plus | atteint" in r_temps.ligne()
    assert (
        not r_memoire.atteint and "1100 Mo | 1024 Mo au plus | **non atteint**" in r_memoire.ligne()
    )


def test_linearite_rapportee_au_nombre_de_fiches() -> None:
    objectif = Objectif("lin", "linearite", "docx/2000", 2.3, "docx/1000")
    lineaire = {"docx/1000": _m("docx/1000", 1000, 10.0), "docx/2000": _m("docx/2000", 2000, 22.0)}
    quadratique = {**lineaire, "docx/2000": _m("docx/2000", 2000, 40.0)}
    r1, r2 = evaluer(objectif, lineaire), evaluer(objectif, quadratique)
    assert r1 is not None and r1.atteint and abs(r1.limite - 2.3) < 1e-9
    assert r2 is not None and not r2.atteint
    # 2 000 → 10 000 fiches : × 5 les fiches, au plus × 5,75 le temps.
    grand = Objectif("lin", "linearite", "i/10000", 2.3, "i/2000")
    r3 = evaluer(grand, {"i/2000": _m("i/2000", 2000, 4.0), "i/10000": _m("i/10000", 10000, 22.0)})
    assert r3 is not None and r3.atteint and abs(r3.limite - 5.75) < 1e-9


def test_une_commande_en_echec_ou_interrompue_manque_son_objectif() -> None:
    objectif = Objectif("import", "secondes", "import/10", 30.0)
    echec = evaluer(objectif, {"import/10": _m("import/10", 10, 1.0, code=1)})
    assert echec is not None and not echec.atteint and "en échec (code 1)" in echec.detail
    coupe = Mesure("import/10", "acv import", 10, 300.0, interrompu=True)
    interrompu = evaluer(objectif, {"import/10": coupe})
    assert interrompu is not None and not interrompu.atteint and "interrompu" in interrompu.detail
    # validate sort 1 sur des données en erreur : c'est attendu.
    validate = Mesure("v/10", "validate", 10, 1.0, code=1, attendus=(0, 1))
    assert evaluer(Objectif("v", "secondes", "v/10", 2.0), {"v/10": validate}).atteint  # type: ignore[union-attr]


def test_chaque_objectif_de_l_issue_est_pose() -> None:
    cles = {
        (o.genre, o.cle, o.reference) for o in objectifs_issue_20([1000, 2000, 10000], 10000, True)
    }
    attendus = {
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
    attendus |= {
        ("linearite", f"build-{f}/2000", f"build-{f}/1000")
        for f in ("html", "md", "docx", "xlsx", "defaut")
    }
    assert attendus <= cles


def test_lancer_mesure_un_vrai_processus(tmp_path: Path) -> None:
    script = "b = bytearray(80 * 1024 * 1024); sum(range(3_000_000)); raise SystemExit(3)"
    passage = lancer([sys.executable, "-c", script], {}, tmp_path)
    assert passage.code == 3 and not passage.interrompu
    assert passage.memoire_mo >= 80  # le tampon de 80 Mo est compté
    assert passage.cpu > 0 and passage.secondes > 0
    coupe = lancer([sys.executable, "-c", "import time; time.sleep(30)"], {}, tmp_path, delai=0.5)
    assert coupe.interrompu and coupe.secondes < 10


def test_mesurer_groupe_alterne_et_prepare(tmp_path: Path) -> None:
    trace = tmp_path / "trace"

    def ecrire_(mot: str) -> list[str]:
        return [sys.executable, "-c", f"open({str(trace)!r}, 'a').write({mot!r})"]

    taches = [
        Tache("a", "a", 0, ecrire_("A"), tmp_path, avant=ecrire_("p")),
        Tache("b", "b", 0, ecrire_("B"), tmp_path, repetitions=1),
    ]
    mesures = mesurer_groupe(taches, {}, 2)
    assert trace.read_text() == "pABpA"  # en alternance, la préparation avant chaque passage
    assert [m.passages for m in mesures] == [2, 1] and all(m.ok for m in mesures)


def test_vraies_fiches_repliquees_et_renumerotees(tmp_path: Path) -> None:
    dossier = jeux.reel(tmp_path, 50)
    fiches = sorted((dossier / "fiches").rglob("*.yaml"))
    assert len(fiches) == 50
    numeros = []
    for fichier in fiches:
        trouve = re.search(r"^numero: (\d+)$", fichier.read_text(encoding="utf-8"), re.M)
        assert trouve is not None
        numero = int(trouve.group(1))
        assert fichier.name.startswith(f"fa-{numero}-")
        numeros.append(numero)
    assert len(set(numeros)) == 50
    # Rien de cassé par la réplication : pas d'erreur, pas de numéro en double ni de nom faux.
    sortie = subprocess.run(
        [sys.executable, "-m", "acvkit", "validate", "--no-cache", "--data", str(dossier)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert sortie.returncode == 0, sortie.stdout
    originales = jeux.reel(tmp_path / "b", 22)
    assert sorted(p.name for p in (originales / "fiches").rglob("*.yaml")) == sorted(
        p.name for p in (ROOT / "data" / "fiches").rglob("*.yaml")
    )


def test_rapport_et_readme(tmp_path: Path) -> None:
    mesures = [_m("v/10", 10, 3.0), _m("p/10", 10, 2.0)]
    resultats = evaluer_tous([Objectif("validate", "rapport", "v/10", 1.0, "p/10")], mesures)
    passage = Passage(mesures, resultats, profils=["Profil de `v` : `f` 2,00 s"], duree=75)
    sortie = tmp_path / "RESULTS.md"
    ecrire(passage, sortie)
    texte = sortie.read_text(encoding="utf-8")
    assert "0 atteint(s) sur 1" in texte and "| **non atteint** |" in texte
    assert "× 1,50 de la limite" in texte and "Profil de `v`" in texte
    assert "1 min 15 s" in texte and "Passage d'essai" not in texte
    readme = tmp_path / "README.md"
    readme.write_text(f"# Titre\n\n{DEBUT}\nancienne mesure\n{FIN}\n\nSuite.\n", encoding="utf-8")
    citer_dans_le_readme(sortie, readme)
    cite = readme.read_text(encoding="utf-8")
    assert "ancienne mesure" not in cite and cite.endswith(f"{FIN}\n\nSuite.\n")
    assert "| v | 10 | 3.00 |" in cite and "Profil de `v`" in cite
    citer_dans_le_readme(sortie, readme)  # idempotent
    assert readme.read_text(encoding="utf-8") == cite


def test_passage_reduit_du_banc(tmp_path: Path) -> None:
    """Le banc de bout en bout sur de tout petits jeux (validate et diff : les builds prendraient
    plus de 30 s) ; un passage d'essai, qui ne touche pas au README."""
    sortie = tmp_path / "R.md"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    fini = subprocess.run(
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
            str(sortie),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert fini.returncode == 0, fini.stderr
    texte = sortie.read_text(encoding="utf-8")
    assert "Passage d'essai" in texte
    for objectif in (
        "30 fiches générées / parse libyaml",
        "`acv diff HEAD~1 HEAD`, 30 fiches",
    ):
        ligne = next(ligne for ligne in texte.splitlines() if objectif in ligne)
        assert ligne.endswith(("| atteint |", "| **non atteint** |"))
    assert "| acv validate à froid, fiches générées | 30 |" in texte
    assert (ROOT / "README.md").read_text(encoding="utf-8") == readme


@pytest.mark.parametrize("taille", [30])
def test_jeu_genere_casse(tmp_path: Path, taille: int) -> None:
    propre = jeux.genere(tmp_path, taille, casse=False)
    casse = jeux.genere(tmp_path, taille, casse=True)
    assert propre != casse
    differents = [
        p.name
        for p in sorted((propre / "fiches").rglob("*.yaml"))
        if p.read_bytes() != (casse / p.relative_to(propre)).read_bytes()
    ]
    assert len(differents) == max(1, int(taille * jeux.PART_CASSEE))
