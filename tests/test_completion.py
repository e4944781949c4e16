"""Complétion du shell : codes de règles, collectivités et sous-axes lus dans les données."""

from __future__ import annotations

import contextlib
from pathlib import Path

from click.testing import CliRunner

from acvkit.cli import app
from acvkit.rules import ALL_RULES
from tests.conftest import ROOT


def _complete(line: str, cwd: Path = ROOT) -> list[str]:
    """Ce que la complétion bash propose pour cette ligne, `acv` lancé dans ce processus."""
    words = line.split(" ")
    env = {"_ACV_COMPLETE": "bash_complete", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    with contextlib.chdir(cwd):
        done = CliRunner().invoke(app, [], prog_name="acv", env=env)
    # Le protocole de Click pour bash : une ligne « type,valeur » par proposition.
    return [row.partition(",")[2] for row in done.stdout.splitlines() if row.startswith("plain,")]


def test_formats_completes_au_tab() -> None:
    assert _complete("acv build --format ht") == ["html"]
    assert _complete("acv build --format html,d") == ["html,docx"]
    assert _complete("acv validate --format s") == ["sarif"]
    assert _complete("acv couts --by sous") == ["sous-axe"]


def test_codes_de_regles() -> None:
    expected_items = sorted(c for c in ALL_RULES if c.startswith("CAL"))
    assert _complete("acv validate --select CA") == ["CAL", *expected_items]
    assert "INT,CAL001" in _complete("acv validate --ignore INT,CAL")
    assert _complete("acv rules SCH00") == sorted(c for c in ALL_RULES if c.startswith("SCH00"))


def test_collectivites_et_sous_axes_des_donnees() -> None:
    # Depuis un sous-dossier : le dossier de données est trouvé en remontant.
    collectivites = _complete("acv new fiche --collectivite b", cwd=ROOT / "data/fiches")
    assert "bethune" in collectivites and "bruay-la-buissiere" in collectivites
    assert all(c.startswith("b") for c in collectivites)
    sous_axes = _complete("acv new fiche --sous-axe 4", cwd=ROOT)
    assert sous_axes and all(s.startswith("4.") for s in sous_axes)


def test_partenaires_des_donnees_pour_acv_list_financeur() -> None:
    from ruamel.yaml import YAML

    from tests.conftest import DATA

    ids = sorted(
        p["id"]
        for p in YAML(typ="safe").load((DATA / "partenaires.yaml").read_text("utf-8"))[
            "partenaires"
        ]
    )
    assert _complete("acv list --financeur ", cwd=ROOT / "data/fiches") == ids
    debut = ids[0][:3]
    proposes = _complete(f"acv list --financeur {debut}", cwd=ROOT)
    assert proposes == [i for i in ids if i.startswith(debut)] and len(proposes) < len(ids)


def test_acv_list_financeur_filtre_et_refuse_un_inconnu() -> None:
    from ruamel.yaml import YAML

    from tests.conftest import DATA, run

    yaml = YAML(typ="safe")
    fiches = [yaml.load(f.read_text("utf-8")) for f in sorted((DATA / "fiches").rglob("*.yaml"))]
    per_fiche = [{x["financeur"] for x in f.get("financements") or []} for f in fiches]
    # Le financeur du plus grand nombre de fiches (pas toutes) : le filtre se voit.
    cible = max(sorted(set().union(*per_fiche)), key=lambda i: sum(i in p for p in per_fiche))
    finances = [p for p in per_fiche if cible in p]
    assert 0 < len(finances) < len(fiches)
    result = run("list", "--data", str(DATA), "--financeur", cible)
    assert result.exit_code == 0 and f"{len(finances)} fiche(s) action" in result.stdout
    wrong = run("list", "--data", str(DATA), "--financeur", cible + "x")
    assert wrong.exit_code == 2 and f"vouliez-vous dire « {cible} »" in wrong.stderr
