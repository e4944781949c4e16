"""`acv suivi` sur l'exemple examples/suivi-2025-s1 et sur les données réelles (sans suivi).

Les attendus sont recalculés depuis les fichiers YAML lus directement (PyYAML), pas recopiés de
la sortie ; seuls les retards et les fiches non mises à jour sont le scénario écrit de l'exemple.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import DATA, ROOT, run

EXAMPLE = ROOT / "examples" / "suivi-2025-s1"
AS_OF = "2025-06-30"
STATUTS = ["livree", "en_cours_finance", "en_cours", "abandonnee", "a_engager", "non_renseigne"]
MONTANT = re.compile(r"^\d+\.\d{2}$")


def _fiches(folder: Path) -> list[dict[str, Any]]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((folder / "fiches").rglob("*.yaml"))
    ]


def _suivi(folder: Path, *options: str) -> dict[str, Any]:
    result = run("suivi", "--data", str(folder), "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _base(fiche: dict[str, Any], line: dict[str, Any]) -> str:
    base = line.get("base") or (fiche.get("cout") or {}).get("base")
    return base if base in ("HT", "TTC") else "non_precise"


def _d(valeur: object) -> Decimal:
    return Decimal(str(valeur))


def _zero_amounts() -> dict[str, Decimal]:
    return {"HT": Decimal(0), "TTC": Decimal(0), "non_precise": Decimal(0)}


def _as_read(montants: dict[str, str]) -> dict[str, Decimal]:
    assert set(montants) == {"HT", "TTC", "non_precise"}
    assert all(MONTANT.match(v) for v in montants.values()), montants
    return {k: Decimal(v) for k, v in montants.items()}


def test_contrat_json() -> None:
    document = _suivi(EXAMPLE, "--date-rapport", AS_OF)
    assert document["version"] == 1 and document["date"] == AS_OF
    assert document["suivi_enregistre"] is True
    assert [g["statut"] for g in document["par_statut"]] == STATUTS
    for groupe in document["par_statut"]:
        assert set(groupe) >= {"statut", "nombre_fiches", "fiches", "cout"}
        assert groupe["nombre_fiches"] == len(groupe["fiches"])
        _as_read(groupe["cout"])
    for line in document["financements"]:
        assert set(line) >= {"financeur", "prevu", "demande", "attribue", "verse"}
        assert line["categorie"] in {"financements_partenaires", "autofinancement"}
        for step in ("prevu", "demande", "attribue", "verse"):
            # null : l'étape n'est pas renseignée (jamais « 0.00 » pour l'inconnu).
            if line[step] is not None:
                _as_read(line[step])
    for annee in document["realise"]:
        assert set(annee) >= {"annee", "prevu", "realise"} and isinstance(annee["annee"], int)
    assert all(isinstance(n, int) for n in document["en_retard"] + document["sans_suivi_recent"])


def test_nombre_de_fiches_par_statut() -> None:
    expected: dict[str, list[int]] = defaultdict(list)
    for fiche in _fiches(EXAMPLE):
        expected[fiche.get("statut") or "non_renseigne"].append(fiche["numero"])
    document = _suivi(EXAMPLE, "--date-rapport", AS_OF)
    actual = {g["statut"]: g["fiches"] for g in document["par_statut"]}
    assert actual == {s: sorted(expected.get(s, [])) for s in STATUTS}
    assert sum(len(v) for v in actual.values()) == len(_fiches(EXAMPLE)) == 22
    assert len(expected) >= 5  # l'exemple illustre chaque statut


def test_cout_par_statut_par_base() -> None:
    expected: dict[str | None, dict[str, Decimal]] = defaultdict(_zero_amounts)
    for fiche in _fiches(EXAMPLE):
        cout = fiche.get("cout") or {}
        total = cout.get("total")
        if total is None:
            total = sum(
                (_d(p["montant"]) for p in cout.get("postes") or [] if p.get("montant")), Decimal(0)
            )
        expected[fiche.get("statut")][_base(fiche, {})] += _d(total)
    document = _suivi(EXAMPLE, "--date-rapport", AS_OF)
    for groupe in document["par_statut"][:5]:
        assert _as_read(groupe["cout"]) == expected[groupe["statut"]], groupe["statut"]


def test_financements_par_etape() -> None:
    keys = {
        "prevu": "montant",
        "demande": "montant_demande",
        "attribue": "montant_attribue",
        "verse": "montant_verse",
    }
    # Une ligne par financeur et par catégorie du glossaire : l'argent du maître d'ouvrage
    # lui-même (l'exemple n'écrit aucune nature) est de l'autofinancement.
    expected: dict[tuple[str, str, str], dict[str, Decimal]] = {}
    for fiche in _fiches(EXAMPLE):
        for line in fiche.get("financements") or []:
            own = line["financeur"] == fiche.get("maitre_ouvrage")
            categorie = "autofinancement" if own else "financements_partenaires"
            for step, key in keys.items():
                if line.get(key) is not None:
                    amounts = expected.setdefault(
                        (line["financeur"], categorie, step), _zero_amounts()
                    )
                    amounts[_base(fiche, line)] += _d(line[key])
    document = _suivi(EXAMPLE, "--date-rapport", AS_OF)
    for line in document["financements"]:
        for step in keys:
            ident = (line["financeur"], line["categorie"], step)
            if ident not in expected:
                assert line[step] is None, ident  # rien d'écrit : non renseigné, pas 0
                continue
            assert _as_read(line[step]) == expected[ident], ident
    verse = sum(
        (sum(_as_read(f["verse"]).values()) for f in document["financements"] if f["verse"]),
        Decimal(0),
    )
    assert verse > 0  # l'exemple a des versements


def test_realise_et_prevu_par_annee() -> None:
    expected: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(_zero_amounts)
    for fiche in _fiches(EXAMPLE):
        for key, kind in (("echeancier", "prevu"), ("realise", "realise")):
            for line in fiche.get(key) or []:
                expected[(line["annee"], kind)][_base(fiche, line)] += _d(line["montant"])
    document = _suivi(EXAMPLE, "--date-rapport", AS_OF)
    annees = [a["annee"] for a in document["realise"]]
    assert annees == sorted({a for a, _ in expected})
    for annee in document["realise"]:
        for kind in ("prevu", "realise"):
            if (annee["annee"], kind) not in expected:
                assert annee[kind] is None  # aucune ligne cette année-là : non renseigné
                continue
            assert _as_read(annee[kind]) == expected[(annee["annee"], kind)]


def test_retards_et_fiches_non_mises_a_jour(tmp_path: Path) -> None:
    # Le scénario de l'exemple : FA 54 et FA 56, à livrer en 2024, ne le sont pas au 30/06/2025 ;
    # FA 56 (15/10/2024) et FA 64 (15/11/2024) n'ont pas de suivi depuis le 30/12/2024.
    document = _suivi(EXAMPLE, "--date-rapport", AS_OF)
    assert document["en_retard"] == [54, 56]
    assert document["sans_suivi_recent"] == [56, 64]
    # Avec un délai de 12 mois (acv.toml), FA 56 et FA 64 sont à jour.
    copied = tmp_path / "exemple"
    shutil.copytree(EXAMPLE, copied)
    (copied / "acv.toml").write_text("suivi-delai-mois = 12\n", encoding="utf-8")
    assert _suivi(copied, "--date-rapport", AS_OF)["sans_suivi_recent"] == []


def test_sorties_texte_md_csv_disent_la_meme_chose() -> None:
    texte = run("suivi", "--data", str(EXAMPLE), "--date-rapport", AS_OF).stdout
    md = run("suivi", "--data", str(EXAMPLE), "--date-rapport", AS_OF, "-f", "md").stdout
    csv = run("suivi", "--data", str(EXAMPLE), "--date-rapport", AS_OF, "-f", "csv").stdout
    assert "En retard : FA 54, FA 56" in texte and "En retard : FA 54, FA 56" in md
    lines = csv.strip().splitlines()
    assert len(lines) == 23 and lines[0].startswith("Fiche;Titre")
    fa54 = next(line for line in lines if line.startswith("54;"))
    assert fa54.endswith(";oui;non")
    assert (
        run("suivi", "--data", str(EXAMPLE), "--date-rapport", AS_OF, "-f", "json").stdout
        == run("suivi", "--data", str(EXAMPLE), "--date-rapport", AS_OF, "-f", "json").stdout
    )


def test_donnees_reelles_sans_suivi() -> None:
    result = run("suivi", "--data", str(DATA))
    assert result.exit_code == 0, result.stderr
    assert "Aucun suivi enregistré" in result.stdout
    fiches = _fiches(DATA)
    for fiche in fiches:
        assert f"FA {fiche['numero']} – " in result.stdout
    document = _suivi(DATA)
    assert document["suivi_enregistre"] is False
    assert document["en_retard"] == [] and document["sans_suivi_recent"] == []
    by_statut = {n: g["statut"] for g in document["par_statut"] for n in g["fiches"]}
    assert by_statut == {f["numero"]: f.get("statut") or "non_renseigne" for f in fiches}


def test_exemple_valide_et_entete_fictif() -> None:
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert len(files) == len(list(DATA.rglob("*.yaml")))
    for file in files:
        head = file.read_text(encoding="utf-8").splitlines()[:2]
        assert any(t.startswith("#") and "exemple fictif" in t for t in head), file
    result = run("validate", "--data", str(EXAMPLE), "--date-rapport", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stdout
    codes = {r["code"] for r in json.loads(result.stdout)}
    assert {"SUI004", "SUI005"} <= codes


def test_data_reste_l_avenant_signe() -> None:
    for fiche in _fiches(DATA):
        assert "suivi" not in fiche and "realise" not in fiche
