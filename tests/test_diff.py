"""`acv diff` sur un vrai dépôt git construit dans un dossier temporaire à partir des vraies données.

Les valeurs attendues viennent des modifications faites par tests/diff_repo.py (écarts écrits à la
main) ; les totaux d'avant sont ceux d'`acv costs` sur data/, ceux d'après leur ajoutent ces écarts.
"""

from __future__ import annotations

import json
import os
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import DATA, run
from tests.diff_repo import git, git_repo, modifier

GOLDEN = Path(__file__).resolve().parent / "golden" / "diff"
BASES = ("HT", "TTC", "non_precise")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    return git_repo(tmp_path_factory.mktemp("diff"))


def m(ht: str = "0", ttc: str = "0", np: str = "0") -> dict[str, str]:
    return {b: f"{Decimal(v):.2f}" for b, v in zip(BASES, (ht, ttc, np), strict=True)}


def add_amounts(a: dict[str, str], b: dict[str, str]) -> dict[str, str]:
    return {k: f"{Decimal(a[k]) + Decimal(b[k]):.2f}" for k in BASES}


def costs(by: str) -> dict[str, dict[str, Any]]:
    result = run("couts", "--data", str(DATA), "--by", by, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    groupes = {g["cle"][0]: g for g in document["groupes"]}
    groupes["*total*"] = document["total"]
    return groupes


def description(relative: str) -> str:
    texte: str = YAML(typ="safe").load((DATA / relative).read_text(encoding="utf-8"))["description"]
    return texte


# Les écarts faits par diff_repo.modifier, base par base (écrits à la main).
COUT_DELTAS = {
    "collectivite": {"bethune": m(ttc="120000", np="-180000"), "bruay-la-buissiere": m(np="8499")},
    "axe": {"2": m(np="870000"), "4": m(ttc="120000", np="-1041501")},
    "sous_axe": {
        "2.2": m(np="870000"),
        "4.2": m(ttc="120000", np="-870000"),
        "4.3": m(np="-180000"),
        "4.4": m(np="8499"),
    },
}
FINANCEMENT_DELTAS = {"cabbalr": m(np="8499"), "region-hdf": m(ttc="60000")}


def lines(
    before: dict[str, dict[str, Any]], deltas: dict[str, dict[str, str]], champ: str
) -> list[dict[str, Any]]:
    out = []
    for key, delta in deltas.items():
        debut = before[key][champ] if key in before else m()
        out.append({"cle": key, "avant": debut, "apres": add_amounts(debut, delta), "ecart": delta})
    return out


def expected(data: str, base: str, head: str) -> dict[str, Any]:
    desc = description("fiches/bruay-la-buissiere/fa-54-place-de-l-europe.yaml")
    by_collectivite, by_axe = costs("collectivite"), costs("axe")
    by_sous_axe, by_financeur = costs("sous-axe"), costs("financeur")
    total = by_collectivite["*total*"]
    return {
        "version": 1,
        "avant": {
            "revision": base,
            "commit": base,
            "dossier": data,
            "nom": "version du 01/01/2026 (« avenant n°2 »)",
        },
        "apres": {
            "revision": head,
            "commit": head,
            "dossier": data,
            "nom": "version du 01/01/2026 (« modifications »)",
        },
        "fiches": {
            "ajoutees": [
                {
                    "numero": 70,
                    "titre": "Jardin partagé du Beffroi",
                    "collectivite": "bethune",
                    "sous_axe": "4.2",
                    "cout": m(ttc="120000"),
                }
            ],
            "supprimees": [
                {
                    "numero": 45,
                    "titre": "Mise en lumière du Beffroi",
                    "collectivite": "bethune",
                    "sous_axe": "4.3",
                    "cout": m(np="180000"),
                }
            ],
            "illisibles": [],
            "renumerotees": [{"avant": 65, "apres": 66, "similarite": 100}],
            "modifiees": [
                {
                    "numero": 54,
                    "changements": [
                        {
                            "chemin": "description",
                            "avant": desc,
                            "apres": desc.replace("objectifs affichés", "objectifs retenus"),
                            "ecart": "… de Bruay-La-Buissière. Les objectifs [-affichés-] "
                            "{+retenus+} sont le retour de …",
                        }
                    ],
                },
                {
                    "numero": 56,
                    "changements": [
                        {
                            "chemin": "cout.total",
                            "avant": m(np="241501"),
                            "apres": m(np="250000"),
                            "ecart": m(np="8499"),
                        },
                        {
                            "chemin": "financements[cabbalr].montant",
                            "avant": m(np="100625.61"),
                            "apres": m(np="109124.61"),
                            "ecart": m(np="8499"),
                        },
                    ],
                },
                {
                    "numero": 62,
                    "changements": [{"chemin": "statut", "avant": None, "apres": "en_cours"}],
                },
                {
                    "numero": 63,
                    "changements": [{"chemin": "sous_axe", "avant": "4.2", "apres": "2.2"}],
                },
            ],
        },
        "referentiel": {"programme": [], "axes": [], "indicateurs": [], "partenaires": []},
        "financements_suivi": [],
        "totaux": {
            "collectivite": lines(by_collectivite, COUT_DELTAS["collectivite"], "cout"),
            "axe": lines(by_axe, COUT_DELTAS["axe"], "cout"),
            "sous_axe": lines(by_sous_axe, COUT_DELTAS["sous_axe"], "cout"),
            "financeur": lines(by_financeur, FINANCEMENT_DELTAS, "financements_partenaires"),
            "ensemble": [
                {
                    "cle": "cout",
                    "avant": total["cout"],
                    "apres": add_amounts(total["cout"], m(ttc="120000", np="-171501")),
                    "ecart": m(ttc="120000", np="-171501"),
                },
                {
                    "cle": "financements_partenaires",
                    "avant": total["financements_partenaires"],
                    "apres": add_amounts(
                        total["financements_partenaires"], m(ttc="60000", np="8499")
                    ),
                    "ecart": m(ttc="60000", np="8499"),
                },
            ],
        },
    }


def test_json_exact(repo: tuple[Path, str, str]) -> None:
    data, base, head = repo
    result = run("diff", base, head, "--data", str(data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    diagnostics = document.pop("diagnostics")
    assert document == expected(str(data), base, head)
    resolved_items = [
        (Path(d["path"]).name, d["code"], d["severity"]) for d in diagnostics["resolus"]
    ]
    assert resolved_items == [("fa-45-mise-en-lumiere-beffroi.yaml", "CON004", "warning")]
    assert diagnostics["resolus"][0]["message"] == (
        "l'action FA 45 n'a aucun indicateur d'avancement ni de résultat"
    )
    new_items = [(Path(d["path"]).name, d["code"]) for d in diagnostics["nouveaux"]]
    assert new_items == [("fa-70-jardin-partage.yaml", "CAL003")]
    assert "31/12/2027" in diagnostics["nouveaux"][0]["message"]


def test_totaux_jamais_additionnes(repo: tuple[Path, str, str]) -> None:
    """Chaque écart de total est la différence base par base, sans mélange HT/TTC."""
    data, base, head = repo
    document = json.loads(run("diff", base, head, "--data", str(data), "--format", "json").stdout)
    for rows_ in document["totaux"].values():
        for line in rows_:
            for b in BASES:
                assert Decimal(line["apres"][b]) - Decimal(line["avant"][b]) == Decimal(
                    line["ecart"][b]
                )
    bethune = next(r for r in document["totaux"]["collectivite"] if r["cle"] == "bethune")
    assert bethune["ecart"] == {"HT": "0.00", "TTC": "120000.00", "non_precise": "-180000.00"}


def test_markdown_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DATA, tmp_path / "avant")
    shutil.copytree(DATA, tmp_path / "apres")
    modifier(tmp_path / "apres")
    monkeypatch.chdir(tmp_path)
    result = run("diff", "--from-data", "avant", "--to-data", "apres", "--format", "md")
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / "modifications.md"
    if os.environ.get("ACV_UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        "ACV_UPDATE_GOLDEN=1 pour régénérer tests/golden/diff/"
    )


def test_texte_et_github(
    repo: tuple[Path, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, base, head = repo
    texte = run("diff", base, head, "--data", str(data))
    assert texte.exit_code == 0
    assert "FA 65 → FA 66" in texte.stdout and "ressemblance 100 %" in texte.stdout
    assert "+8 499 € (base non précisée)" in texte.stdout.replace("\u202f", " ").replace(
        "\xa0", " "
    )
    summary = tmp_path / "resume.md"
    summary.write_text("avant\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    github = run("diff", base, head, "--data", str(data), "--format", "github")
    assert github.exit_code == 0
    assert summary.read_text(encoding="utf-8") == "avant\n" + github.stdout
    assert "## Fiches modifiées" in github.stdout


def test_sans_changement(repo: tuple[Path, str, str]) -> None:
    data, _base, head = repo
    for args in ([], ["HEAD"], [head, head]):
        result = run("diff", *args, "--data", str(data))
        assert result.exit_code == 0, result.stderr
        assert "aucune différence" in result.stdout
        strict = run("diff", *args, "--data", str(data), "--exit-code")
        assert strict.exit_code == 0
    empty_json = json.loads(run("diff", "--data", str(data), "--format", "json").stdout)
    assert empty_json["fiches"] == {
        "illisibles": [],
        "ajoutees": [],
        "supprimees": [],
        "renumerotees": [],
        "modifiees": [],
    }
    assert empty_json["apres"] == {
        "revision": None,
        "commit": None,
        "dossier": str(data),
        "nom": "version actuelle des données",
    }


def test_exit_code_et_arbre_de_travail(tmp_path: Path) -> None:
    data, base, _head = git_repo(tmp_path)
    assert run("diff", base, "--data", str(data), "--exit-code").exit_code == 1
    assert run("diff", base, "--data", str(data)).exit_code == 0
    # Une modification non commitée : HEAD contre l'arbre de travail la voit.
    fa56 = data / "fiches" / "bruay-la-buissiere" / "fa-56-rue-hermant.yaml"
    fa56.write_text(
        fa56.read_text(encoding="utf-8").replace("total: 250000", "total: 250100"), encoding="utf-8"
    )
    document = json.loads(run("diff", "--data", str(data), "--format", "json").stdout)
    assert document["fiches"]["modifiees"] == [
        {
            "numero": 56,
            "changements": [
                {
                    "chemin": "cout.total",
                    "avant": m(np="250000"),
                    "apres": m(np="250100"),
                    "ecart": m(np="100"),
                }
            ],
        }
    ]
    assert run("diff", "--data", str(data), "--exit-code").exit_code == 1


def test_dossiers(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "a")
    shutil.copytree(DATA, tmp_path / "b")
    same = run(
        "diff", "--from-data", str(tmp_path / "a"), "--to-data", str(tmp_path / "b"), "--exit-code"
    )
    assert same.exit_code == 0 and "aucune différence" in same.stdout
    modifier(tmp_path / "b")
    result = run(
        "diff",
        "--from-data",
        str(tmp_path / "a"),
        "--to-data",
        str(tmp_path / "b"),
        "--format",
        "json",
    )
    document = json.loads(result.stdout)
    assert [f["numero"] for f in document["fiches"]["ajoutees"]] == [70]
    assert [f["numero"] for f in document["fiches"]["supprimees"]] == [45]
    assert [m_["numero"] for m_ in document["fiches"]["modifiees"]] == [54, 56, 62, 63]
    # Les diagnostics se comparent par chemin relatif : seuls ceux qui changent sont dits.
    assert [d["code"] for d in document["diagnostics"]["resolus"]] == ["CON004"]


def test_erreurs(tmp_path: Path, repo: tuple[Path, str, str]) -> None:
    outside = tmp_path / "data"
    shutil.copytree(DATA, outside)
    result = run("diff", "--data", str(outside))
    assert result.exit_code == 2
    assert "n'est pas dans un dépôt git" in result.stderr
    assert "Traceback" not in result.stderr
    data, _base, _head = repo
    unknown = run("diff", "n-existe-pas", "--data", str(data))
    assert unknown.exit_code == 2
    assert "révision inconnue « n-existe-pas »" in unknown.stderr
    options = run("diff", "--data", str(data), "--from-data", str(data))
    assert options.exit_code == 2 and "--from-data et --to-data" in options.stderr
    too_many = run("diff", "a", "b", "c", "--data", str(data))
    assert too_many.exit_code == 2


def test_controle_echappe(tmp_path: Path) -> None:
    """Un caractère de contrôle venu des données n'atteint pas le terminal tel quel."""
    shutil.copytree(DATA, tmp_path / "a")
    shutil.copytree(DATA, tmp_path / "b")
    fa56 = tmp_path / "b" / "fiches" / "bruay-la-buissiere" / "fa-56-rue-hermant.yaml"
    texte = fa56.read_text(encoding="utf-8")
    fa56.write_text(
        texte.replace(
            "titre: Aménagement de la rue Hermant", 'titre: "Rue \\e[31mHermant [x](y) *z*"'
        ),
        encoding="utf-8",
    )
    result = run("diff", "--from-data", str(tmp_path / "a"), "--to-data", str(tmp_path / "b"))
    assert "\x1b" not in result.stdout
    assert "\\x1b[31mHermant" in result.stdout
    md = run(
        "diff",
        "--from-data",
        str(tmp_path / "a"),
        "--to-data",
        str(tmp_path / "b"),
        "--format",
        "md",
    ).stdout
    assert "\\[x\\](y) \\*z\\*" in md


def test_renumerotee_par_git_mv(tmp_path: Path) -> None:
    data, _base, _head = git_repo(tmp_path)
    repo = data.parent
    git(
        repo,
        "mv",
        "data/fiches/bethune/fa-64-batiment-tertiaire-linkcity.yaml",
        "data/fiches/bethune/fa-80-batiment-tertiaire-linkcity.yaml",
    )
    fa = data / "fiches/bethune/fa-80-batiment-tertiaire-linkcity.yaml"
    fa.write_text(
        fa.read_text(encoding="utf-8").replace("numero: 64\n", "numero: 80\n"), encoding="utf-8"
    )
    document = json.loads(run("diff", "--data", str(data), "--format", "json").stdout)
    assert document["fiches"]["renumerotees"] == [{"avant": 64, "apres": 80, "similarite": 100}]
    assert document["fiches"]["ajoutees"] == [] and document["fiches"]["supprimees"] == []
    assert document["totaux"]["collectivite"] == []


def test_dossier_absent_de_la_revision_et_racine(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "LISEZMOI").write_text("vide\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rien")
    shutil.copytree(DATA, repo / "data")
    result = run("diff", "HEAD", "--data", str(repo / "data"))
    assert result.exit_code == 2
    assert "le dossier « data » n'existe pas dans la révision" in result.stderr
    # Le dossier de données à la racine du dépôt.
    root_dir = tmp_path / "racine"
    shutil.copytree(DATA, root_dir)
    git(root_dir, "init", "-q", "-b", "main")
    git(root_dir, "add", "-A")
    git(root_dir, "commit", "-q", "-m", "données")
    (root_dir / "fiches" / "bethune" / "fa-45-mise-en-lumiere-beffroi.yaml").unlink()
    document = json.loads(run("diff", "--data", str(root_dir), "--format", "json").stdout)
    assert [f["numero"] for f in document["fiches"]["supprimees"]] == [45]
    assert document["totaux"]["sous_axe"] == [
        {"cle": "4.3", "avant": m(np="180000"), "apres": m(), "ecart": m(np="-180000")}
    ]


def test_fiche_illisible_n_est_pas_supprimee(tmp_path: Path) -> None:
    """Un fichier encore là mais en erreur : la fiche est dite illisible, pas supprimée."""
    shutil.copytree(DATA, tmp_path / "a")
    shutil.copytree(DATA, tmp_path / "b")
    fa56 = tmp_path / "b" / "fiches" / "bruay-la-buissiere" / "fa-56-rue-hermant.yaml"
    fa56.write_text(
        fa56.read_text(encoding="utf-8").replace("type: action", "type: [action"), encoding="utf-8"
    )
    result = run(
        "diff",
        "--from-data",
        str(tmp_path / "a"),
        "--to-data",
        str(tmp_path / "b"),
        "--format",
        "json",
    )
    document = json.loads(result.stdout)
    assert document["fiches"]["supprimees"] == []
    assert document["fiches"]["illisibles"] == [{"numero": 56, "illisible": "apres"}]
    assert [d["severity"] for d in document["diagnostics"]["nouveaux"]] == ["error"]
    texte = run("diff", "--from-data", str(tmp_path / "a"), "--to-data", str(tmp_path / "b")).stdout
    assert "La version après comporte 1 erreur" in texte
