"""Un semestre de suivi raconté par `acv diff` et par l'annexe « modifications », dans chaque format.

Le scénario (exemple fictif) : l'avenant signé est commité et étiqueté, puis un semestre est
enregistré — une entrée de journal, une subvention demandée puis attribuée, une autre demandée,
une refusée, un versement, une dépense réalisée, une valeur d'indicateur — avec un amendement du
coût d'une fiche. Chaque événement doit se lire en words dans chaque sortie, sans clé du format ni
syntaxe git dans le document des partenaires.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
from pathlib import Path

import docx
import pytest

from tests.conftest import run
from tests.diff_repo import DATA, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")

FA_54 = "fiches/bruay-la-buissiere/fa-54-place-de-l-europe.yaml"
FA_56 = "fiches/bruay-la-buissiere/fa-56-rue-hermant.yaml"
FA_57 = "fiches/cabbalr/fa-57-schema-directeur-cyclable.yaml"
FA_60 = "fiches/cabbalr/fa-60-eurovelo-5.yaml"
IND = "indicateurs/ind-3-04.yaml"

# Chaque événement du semestre, tel qu'un lecteur doit le lire (espaces insécables ramenées à « »).
EVENTS = (
    "Région Hauts-de-France : 750 000 € HT attribués le 10/04/2025 (demandés : 900 000 € HT)",
    "Fonds européen de développement régional : 1 200 000 € HT demandés",
    "Agence de la transition écologique : demande refusée",
    "90 000 € TTC versés",
    "Réalisé 2025 : 612 000 € TTC",
    "Mesure 2025 (Ville de Béthune, commune) : 47,8 km",
    "Suivi du 20/06/2025 : En cours – financée. Subvention notifiée par la CABBALR. "
    "Vigilance : Retard du diagnostic amiante.",
)
# Ce qui ne doit jamais paraître : des clés du format, des valeurs brutes.
RAW = re.compile(
    r"\b(?:annee|valeur|territoire|montant_\w+|date_attribution|statut|perimetre) :|"
    r"\b(?:attribue|en_cours_finance|refuse)\b|750000|47\.8\b"
)


def _replace(file: Path, before: str, after: str) -> None:
    texte = file.read_text(encoding="utf-8")
    assert texte.count(before) == 1, (file, before)
    file.write_text(texte.replace(before, after), encoding="utf-8")


def acv(*args: str) -> list[str]:
    result = run(*args)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout.splitlines()


def semestre(data: Path) -> None:
    """Le semestre fictif, enregistré par les commandes : chaque sorte d'événement du suivi."""
    d = ("--data", str(data))
    acv(
        "new", "suivi", "54", *d, "--statut", "en_cours_finance",
        "--note", "Subvention notifiée par la CABBALR",
        "--vigilance", "Retard du diagnostic amiante", "--date", "2025-06-20",
    )  # fmt: skip
    acv("new", "financement", "54", *d, "--financeur", "cabbalr", "--demande", "225000")
    acv("new", "financement", "54", *d, "--financeur", "cabbalr", "--attribue", "225000")
    acv("new", "financement", "54", *d, "--financeur", "cabbalr", "--verse", "90 000")
    acv("new", "realise", "54", *d, "--annee", "2025", "--montant", "612000")
    acv("new", "financement", "60", *d, "--financeur", "region-hdf", "--demande", "900000")
    said = acv(
        "new", "financement", "60", *d, "--financeur", "region-hdf",
        "--attribue", "750000", "--date-attribution", "10/04/2025",
    )  # fmt: skip
    assert plain(said[0]) == EVENTS[0]  # la commande dit ce que dira acv diff
    acv("new", "financement", "60", *d, "--financeur", "feder", "--demande", "1 200 000")
    acv("new", "financement", "57", *d, "--financeur", "ademe", "--refuse")
    _replace(data / IND, "perimetre:\n", "unite: km\nperimetre:\n")  # l'unité, une fois pour toutes
    acv(
        "new", "mesure", "ind-3-04", *d, "--annee", "2025", "--valeur", "47,8",
        "--territoire", "bethune", "--perimetre", "commune",
    )  # fmt: skip
    _replace(data / FA_56, "  total: 241501\n", "  total: 250000\n")  # l'amendement


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("suivi")
    data = root / "data"
    shutil.copytree(DATA, data)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Avenant n°2 signé")
    git(root, "tag", "avenant-2-signe")
    semestre(data)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Suivi du premier semestre 2025")
    return data


def plain(texte: str) -> str:
    return html.unescape(texte).replace("\u202f", " ").replace("\xa0", " ")


def _diff(data: Path, fmt: str) -> str:
    result = run(
        "diff",
        "HEAD~1",
        "HEAD",
        "--data",
        str(data),
        "--format",
        fmt,
        "--date-rapport",
        "2025-06-30",
    )
    assert result.exit_code == 0, result.stderr
    return plain(result.stdout)


@pytest.mark.parametrize("fmt", ["text", "md", "github"])
def test_chaque_evenement_se_lit_dans_chaque_format(
    repo: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    texte = _diff(repo, fmt)
    for event in EVENTS:
        assert event in texte, event
    assert "Coût" in texte and "250 000 €" in texte  # l'amendement, à côté du suivi
    assert "Suivi des financements" in texte
    # Une demande refusée sans montant écrit : refusée, montant inconnu (pas « 0 € »).
    assert "1 demande refusée, montant non renseigné" in texte
    assert "version « avenant-2-signe »" in texte
    assert "Suivi du premier semestre 2025" in texte  # la révision d'après, par son message
    assert not RAW.search(texte), RAW.search(texte)


def test_json_dit_les_evenements_en_mots_et_les_totaux(repo: Path) -> None:
    out = json.loads(_diff(repo, "json"))
    words = " | ".join(
        e
        for groupe in (out["fiches"]["modifiees"], out["referentiel"]["indicateurs"])
        for item in groupe
        for e in item.get("evenements", [])
    )
    for event in EVENTS:
        assert event in words, event
    plan = out["financements_suivi"][-1]
    assert plan["cle"] == "plan"
    assert plan["attribue"]["apres"]["HT"] == "750000.00"
    assert plan["demande"]["apres"]["HT"] == "2100000.00"
    assert plan["verse"]["apres"]["TTC"] == "90000.00"
    assert plan["attribue"]["avant"] is None  # rien n'était écrit : inconnu, pas zéro
    refused = next(r for r in out["financements_suivi"] if r["cle"] == "ademe")
    assert refused["demandes_refusees"] == {"avant": 0, "apres": 1}
    assert refused["refuse"] == {"avant": None, "apres": None}  # montant inconnu, pas 0
    assert out["avant"]["nom"] == "version « avenant-2-signe » du 01/01/2026"


def test_build_depuis_raconte_le_semestre(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out"
    result = run(
        "-q", "build", "--data", str(repo), "--out", str(out), "--format", "html,md,docx",
        "--from-ref", "avenant-2-signe", "--date-rapport", "2025-06-30",
        "--titre-modifications", "Suivi du premier semestre 2025",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    page = plain((out / "html" / "modifications.html").read_text(encoding="utf-8"))
    md = plain((out / "md" / "modifications.md").read_text(encoding="utf-8"))
    document = docx.Document(io.BytesIO((out / "docx" / "modifications.docx").read_bytes()))
    words = plain(
        "\n".join(
            [p.text for p in document.paragraphs]
            + [c.text for t in document.tables for row in t.rows for c in row.cells]
        )
    )
    for texte in (page, md, words):
        for event in EVENTS:
            assert event in texte, event
        assert "Suivi du premier semestre 2025" in texte  # le titre choisi
        assert "version « avenant-2-signe »" in texte
        assert "HEAD" not in texte and "avenant-2-signe (" not in texte
        assert not RAW.search(texte), RAW.search(texte)
    index = plain((out / "html" / "index.html").read_text(encoding="utf-8"))
    assert "Suivi du premier semestre 2025" in index


def test_titre_neutre_sans_option(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "-q", "build", "--data", str(repo), "--out", str(out), "--format", "md",
        "--from-ref", "HEAD~1",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    md = plain((out / "md" / "modifications.md").read_text(encoding="utf-8"))
    assert "Évolution du plan d'action" in md
    assert "HEAD" not in md
    assert "entre la version « avenant-2-signe » du 01/01/2026 et la version actuelle" in md


@pytest.mark.parametrize("fmt", ["text", "md", "json", "github"])
def test_l_exemple_contre_l_avenant_dans_chaque_format(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """L'exemple de suivi (journaux, financements, réalisé, mesures) contre data/ : aucun plantage."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    example = DATA.parent / "examples" / "suivi-2025-s1"
    result = run(
        "diff", "--from-data", str(DATA), "--to-data", str(example), "--format", fmt,
        "--date-rapport", "2025-06-30",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    texte = plain(result.stdout)
    if fmt == "json":
        texte = plain(" ".join(json.dumps(json.loads(result.stdout), ensure_ascii=False).split()))
    assert "Agence de la transition écologique" in texte and "demande refusée" in texte
    assert "Réalisé 2025" in texte and "Mesure 2025" in texte
