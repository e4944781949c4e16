"""`acv new financement`, `acv new realise`, `acv new mesure` : un semestre en ligne de commande.

Chaque commande garde commentaires et mise en page, vérifie le dossier avec le linter avant
d'écrire, et refuse en français sans rien écrire.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import diagnostics, run

FA54 = "fiches/bruay-la-buissiere/fa-54-place-de-l-europe.yaml"
FA60 = "fiches/cabbalr/fa-60-eurovelo-5.yaml"
IND = "indicateurs/ind-3-04.yaml"


def acv(data: Path, *args: str) -> str:
    result = run(*args, "--data", str(data))
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout.replace("\u202f", " ").replace("\xa0", " ")


def _kept(before: str, after: str, changed: set[str]) -> None:
    """Chaque ligne d'origine (commentaires compris), sauf `changed`, est là, dans le même ordre."""
    lines = iter(after.splitlines())
    for original in before.splitlines():
        if original not in changed:
            assert any(x == original for x in lines), original


def test_un_financement_de_la_demande_au_versement(real_data: Path) -> None:
    file = real_data / FA60
    before = file.read_text(encoding="utf-8")
    assert "# " in before
    said = acv(
        real_data, "new", "financement", "60", "--financeur", "region-hdf", "--demande", "900000"
    )
    assert "Région Hauts-de-France : 900 000 € HT demandés" in said
    said = acv(
        real_data, "new", "financement", "60", "--financeur", "region-hdf",
        "--attribue", "750 000", "--date-attribution", "2025-04-10", "--reference", "CP-2025-0410",
    )  # fmt: skip
    assert (
        "750 000 € HT attribués le 10/04/2025 (demandés : 900 000 € HT), référence CP-2025-0410"
        in said
    )
    acv(real_data, "new", "financement", "60", "--financeur", "region-hdf", "--verse", "100000")
    said = acv(
        real_data, "new", "financement", "60", "--financeur", "region-hdf", "--verse", "50000,50"
    )
    assert "50 000,50 € HT versés de plus, 150 000,50 € HT versés en tout" in said
    # Un montant demandé corrigé ne fait pas reculer le statut.
    acv(real_data, "new", "financement", "60", "--financeur", "region-hdf", "--demande", "950000")
    after = file.read_text(encoding="utf-8")
    _kept(before, after, {"  - {financeur: region-hdf}"})
    region = next(
        f for f in yaml.safe_load(after)["financements"] if f["financeur"] == "region-hdf"
    )
    assert region == {
        "financeur": "region-hdf",
        "statut": "verse",
        "montant_demande": 950000,
        "montant_attribue": 750000,
        "montant_verse": 150000.5,
        "date_attribution": __import__("datetime").date(2025, 4, 10),
        "reference": "CP-2025-0410",
    }
    refused = acv(real_data, "new", "financement", "60", "--financeur", "feder", "--refuse")
    assert "Fonds européen de développement régional : demande refusée" in refused
    assert run("fmt", "--data", str(real_data), "--check").exit_code == 0
    assert [d for d in diagnostics(real_data) if d["severity"] == "error"] == []


def test_realise_et_mesure(real_data: Path) -> None:
    fiche = real_data / FA54
    before = fiche.read_text(encoding="utf-8")
    assert "Réalisé 2025 : 600 000 € TTC" in acv(
        real_data, "new", "realise", "54", "--annee", "2025", "--montant", "600000"
    )
    acv(real_data, "new", "realise", "54", "--annee", "2024", "--montant", "10000")
    acv(real_data, "new", "realise", "54", "--annee", "2025", "--montant", "612000")  # remplace
    after = fiche.read_text(encoding="utf-8")
    _kept(before, after, set())
    assert yaml.safe_load(after)["realise"] == [
        {"annee": 2024, "montant": 10000},
        {"annee": 2025, "montant": 612000},
    ]
    indicateur = real_data / IND
    indicateur.write_text(
        indicateur.read_text(encoding="utf-8").replace("perimetre:\n", "unite: km\nperimetre:\n"),
        encoding="utf-8",
    )
    options = ("--annee", "2025", "--territoire", "bethune", "--perimetre", "commune")
    said = acv(real_data, "new", "mesure", "ind-3-04", *options, "--valeur", "47,5")
    assert "Mesure 2025 (Ville de Béthune, commune) : 47,5 km" in said
    acv(real_data, "new", "mesure", "ind-3-04", *options, "--valeur", "47.8", "--source", "Relevé")
    valeurs = yaml.safe_load(indicateur.read_text(encoding="utf-8"))["valeurs"]
    assert valeurs == [
        {
            "annee": 2025,
            "valeur": 47.8,
            "territoire": "bethune",
            "perimetre": "commune",
            "source": "Relevé",
        }
    ]
    assert "# " in indicateur.read_text(encoding="utf-8")


def test_refus_en_francais_sans_rien_ecrire(real_data: Path) -> None:
    files = {p: p.read_bytes() for p in real_data.rglob("*.yaml")}
    for args, message in (
        (["financement", "999", "--financeur", "region-hdf", "--demande", "1"], "aucune fiche FA 999"),
        (["financement", "60", "--financeur", "regoin-hdf", "--demande", "1"], "--new"),
        (["financement", "60", "--financeur", "region-hdf", "--demande", "1.200.000"], "n'est pas un montant"),
        (["financement", "60", "--financeur", "region-hdf", "--demande", "-5"], "n'est pas un montant"),
        (["financement", "60", "--financeur", "region-hdf", "--date-attribution", "2025-01-01"], "donnez aussi --attribue"),
        (["financement", "60", "--financeur", "region-hdf", "--refuse", "--attribue", "1"], "--refuse ne va pas"),
        (["financement", "60", "--financeur", "region-hdf", "--verse", "1", "--total-verse", "2"], "pas les deux"),
        (["financement", "60", "--financeur", "region-hdf"], "rien à enregistrer"),
        (["financement", "60", "--financeur", "region-hdf", "--attribue", "1", "--date-attribution", "2025-02-30"], "n'existe pas"),
        (["financement", "60", "--financeur", "inconnu-x", "--new", "--demande", "1"], "nouvelles erreurs"),
        (["realise", "54", "--annee", "2025", "--montant", "douze"], "n'est pas un montant"),
        (["realise", "54", "--annee", "2025", "--montant", "1", "--base", "HTT"], "HT ou TTC"),
        (["mesure", "ind-9-99", "--annee", "2025", "--valeur", "1"], "indicateur « ind-9-99 » inconnu"),
        (["mesure", "ind-3-04", "--annee", "2025", "--valeur", "1", "--perimetre", "epci"], "périmètres : commune, centre-ville"),
        (["mesure", "ind-3-04", "--annee", "2025", "--valeur", "1,2,3"], "n'est pas un nombre"),
        (["mesure", "ind-3-04", "--annee", "1800", "--valeur", "1"], "année invalide"),
        # Le linter refuse : une valeur sans unité sur l'indicateur (IND004), situé dans le message.
        (["mesure", "ind-3-04", "--annee", "2025", "--valeur", "1"], "IND004"),
    ):  # fmt: skip
        result = run("new", *args, "--data", str(real_data))
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and "Erreur interne" not in result.stderr
    assert {p: p.read_bytes() for p in real_data.rglob("*.yaml")} == files


def test_show_et_suivi_disent_le_semestre(real_data: Path) -> None:
    acv(
        real_data, "new", "suivi", "54", "--statut", "en_cours", "--date", "2024-10-15",
        "--vigilance", "Retard du diagnostic amiante",
    )  # fmt: skip
    acv(real_data, "new", "suivi", "60", "--statut", "en_cours", "--date", "2025-06-20")
    acv(real_data, "new", "financement", "57", "--financeur", "ademe", "--refuse")
    acv(real_data, "new", "financement", "60", "--financeur", "region-hdf", "--attribue", "750000")
    acv(real_data, "new", "realise", "60", "--annee", "2025", "--montant", "612000")
    shown = acv(real_data, "show", "60")
    for expected in (
        "Statut : En cours (dernière entrée du 20/06/2025)",
        "20/06/2025 · En cours",
        "Région Hauts-de-France (attribué)",
        "attribué 750 000 € HT",
        "demandé non renseigné",  # jamais écrit : inconnu, pas 0
        "2025 : 612 000 € HT",
    ):
        assert expected in shown, expected
    assert "Reste à charge" in shown
    for fmt in ("text", "md"):
        said = acv(real_data, "suivi", "--date-rapport", "2025-06-30", "--format", fmt)
        assert "Dernière entrée de suivi il y a plus de 6 mois : FA 54 (15/10/2024)" in said
        never = said.split("Aucune entrée de suivi : ")[1].split("\n")[0]
        assert "FA 1," in never and "FA 54" not in never and "FA 60" not in never
        assert "FA 54 (15/10/2024) : Retard du diagnostic amiante" in said
        assert "Agence de la transition écologique : FA 57" in said


def _walk_commands() -> list[str]:
    """Les commandes de « Un semestre de suivi, pas à pas » (docs/suivi.md), dans l'ordre."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "suivi.md").read_text(
        encoding="utf-8"
    )
    section = page.split("### Un semestre de suivi, pas à pas", 1)[1].split("\n## ", 1)[0]
    section = section.split("\n### ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```sh")[1:]]
    out = []
    for block in blocks:
        for line in block.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith("#"):
                out += [part.strip() for part in line.split("&&")]
    return out


def test_la_visite_du_suivi_se_deroule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chaque commande de la visite, jouée dans un dépôt git neuf (copie de data/) : aucune n'échoue,
    et l'annexe raconte le semestre."""
    import shlex
    import shutil

    from tests.diff_repo import DATA, git

    commands = _walk_commands()
    assert any(c.startswith("acv new financement") for c in commands)
    plan = tmp_path / "mon-plan" / "data"
    shutil.copytree(DATA, plan)
    monkeypatch.chdir(plan)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")  # 30/06/2025
    for command in commands:
        words = shlex.split(command)
        if words[0] == "git":
            git(plan, *words[1:])
        elif words[0] == "acv":
            if words[1] == "build":
                words += ["--out", str(tmp_path / "build"), "--format", "md"]
            result = run(*words[1:])
            assert result.exit_code == 0, (command, result.stdout, result.stderr)
        else:
            assert words[0] in {"mkdir", "cp", "cd"}, command  # la copie, faite par le test
    annexe = (tmp_path / "build" / "md" / "modifications.md").read_text(encoding="utf-8")
    annexe = annexe.replace("\u202f", " ").replace("\xa0", " ")
    assert "Suivi du premier semestre 2025" in annexe
    assert "750 000 € HT attribués le 10/04/2025 (demandés : 900 000 € HT)" in annexe
    assert "Mesure 2025 (Ville de Béthune, commune) : 47,8 km" in annexe


def test_commencer_le_suivi_ne_met_pas_tout_en_defaut(real_data: Path) -> None:
    """Un premier semestre : quelques entrées, une valeur d'indicateur ; ni SUI005 pour les fiches
    pas encore suivies, ni IND011 pour les autres indicateurs. Six mois plus tard, si."""
    acv(real_data, "new", "suivi", "54", "--statut", "en_cours", "--date", "2025-06-20")
    acv(real_data, "new", "suivi", "60", "--statut", "en_cours", "--date", "2025-06-20")
    acv(
        real_data, "new", "mesure", "ind-3-04", "--annee", "2025", "--valeur", "47.8",
        "--territoire", "bethune", "--perimetre", "commune", "--unite", "km",
    )  # fmt: skip

    def codes(day: str) -> list[str]:
        result = run(
            "validate", "--data", str(real_data), "--date-rapport", day, "--format", "json"
        )
        import json

        return [d["code"] for d in json.loads(result.stdout)]

    first = codes("2025-06-30")
    assert "SUI005" not in first and "IND011" not in first, first
    later = codes("2026-01-15")
    assert later.count("SUI005") > 10 and "IND011" in later


def test_un_changement_concurrent_est_refuse_pas_perdu(real_data: Path) -> None:
    # La fiche change sur le disque entre la lecture du dossier et l'écriture (un éditeur, une
    # autre commande) : la commande refuse plutôt que d'écraser ce changement.
    from decimal import Decimal

    from acvkit import api
    from acvkit.suivi.record import record_realise
    from acvkit.writing.change import WriteError

    dataset = api.load(real_data)
    fiche = real_data / FA54
    edited = fiche.read_text(encoding="utf-8") + "# ajouté par quelqu'un d'autre\n"
    fiche.write_text(edited, encoding="utf-8")
    with pytest.raises(WriteError, match="changé"):
        record_realise(dataset, real_data, 54, 2025, Decimal("612000"), None)
    assert fiche.read_text(encoding="utf-8") == edited
