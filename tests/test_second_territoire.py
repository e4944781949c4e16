"""Un second territoire, fictif (tests/fixtures/convention-2018) : une convention-cadre de 2018 sans
sous-axe, HT seulement, plusieurs maîtres d'ouvrage dont un privé, des notes partout.

Il se valide et se construit dans chaque format, et ses outputs se relisent : rien de l'avenant de
Béthune-Bruay ne doit être nécessaire pour qu'un autre territoire marche.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from acvkit.loading import load_folder
from tests.conftest import FIXTURES, run

TERRITOIRE = FIXTURES / "convention-2018"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("second-territoire")
    result = run("build", "--data", str(TERRITOIRE), "--out", str(out), "--au", "2022-06-30")
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
    )


def _html_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_chaque_fichier_dit_qu_il_est_un_exemple_fictif() -> None:
    files = sorted(TERRITOIRE.rglob("*.yaml"))
    assert len(files) >= 18
    for path in files:
        header = path.read_text(encoding="utf-8").split("\n", 3)[:3]
        assert any("exemple fictif" in line.lower() for line in header), path


def test_se_valide_sans_erreur() -> None:
    result = run("validate", "--data", str(TERRITOIRE), "--format", "json", "--au", "2022-06-30")
    assert result.exit_code == 0, result.stdout + result.stderr
    rows = json.loads(result.stdout)
    assert [d for d in rows if d["severity"] == "error"] == []
    dataset = load_folder(TERRITOIRE).dataset
    # Le territoire est bien ce qu'il prétend être : neuf fiches, aucun sous-axe, HT seulement.
    assert len(dataset.fiches) == 9
    assert all(not a.model.sous_axes for a in dataset.axes)
    assert {e.model.sous_axe for e in dataset.fiches} == {"1", "2", "3", "4", "5", "transversal"}
    bases = {e.model.cout.base for e in dataset.fiches if e.model.cout is not None}
    assert {b.value for b in bases if b is not None} == {"HT"}
    assert any(e.model.type.value == "etude" for e in dataset.fiches)
    assert max(len(e.model.jalons or []) for e in dataset.fiches) == 6


def test_construit_chaque_annexe_dans_chaque_format(outputs: Path) -> None:
    for annexe in [
        "plan-action",
        "programmation",
        "evaluation",
        "fiches-action",
        "recapitulatif",
        "maquette-financiere",
    ]:
        for path in [f"html/{annexe}.html", f"md/{annexe}.md", f"docx/{annexe}.docx"]:
            assert (outputs / path).stat().st_size > 0, path
    texts = {
        "html": _html_text(outputs / "html/fiches-action.html"),
        "md": (outputs / "md/fiches-action.md").read_text(encoding="utf-8"),
        "docx": _docx_text(outputs / "docx/fiches-action.docx"),
    }
    for format_, texte in texts.items():
        for numero in range(1, 10):
            assert f"FA {numero} –" in texte, (format_, numero)
        # Une fiche rattachée à l'axe lui-même n'a pas de ligne « Sous-axe ».
        assert "Sous-axe" not in texte and "sous-axe" not in texte, format_
    workbook = load_workbook(outputs / "anct/plan-action-ACV990.xlsx", read_only=True)
    cells = {
        str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row
    }
    assert "Cinéma de trois salles en cœur de ville" in cells


def test_plan_d_action_sans_sous_axe_avec_l_axe_transversal(outputs: Path) -> None:
    markdown = (outputs / "md/plan-action.md").read_text(encoding="utf-8")
    assert "###" not in markdown  # aucun intertitre de sous-axe
    after = markdown.split("## Axe transversal – Piloter, animer et évaluer le programme", 1)[1]
    assert "| FA 9 |" in after
    page = _html_text(outputs / "html/plan-action.html")
    assert "Axe transversal – Piloter, animer et évaluer le programme" in page
    assert "FA 9" in page.split("Axe transversal", 1)[1]
    document = _docx_text(outputs / "docx/plan-action.docx")
    assert "FA 9" in document.split("Axe transversal", 1)[1]


def test_fiche_en_terminal_rattachee_a_l_axe(outputs: Path) -> None:
    result = run("show", "9", "--data", str(TERRITOIRE))
    assert result.exit_code == 0, result.stderr
    assert "Axe transversal" in result.stdout
    result = run("show", "4", "--data", str(TERRITOIRE))
    assert "Axe 5" in result.stdout


def test_axe_inconnu_signale(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(TERRITOIRE, copy)
    (copy / "axes/axe-transversal.yaml").unlink()
    result = run("validate", "--data", str(copy))
    assert result.exit_code == 1
    assert "INT003 axe « transversal » inconnu" in result.stdout


def test_titres_de_la_convention_cadre_dans_chaque_format(outputs: Path) -> None:
    # programme.yaml : convention-cadre, plan d'action à l'article 6, fiches en annexe 1.
    for slug, titre in [
        ("fiches-action", "Annexe 1 – Fiches actions"),
        ("plan-action", "Plan d'actions (article 6)"),
        ("maquette-financiere", "Maquette financière"),  # sans numéro : le titre seul
        ("index", "Annexes de la convention-cadre"),
    ]:
        markdown = (outputs / f"md/{slug}.md").read_text(encoding="utf-8")
        assert markdown.startswith(f"# {titre}\n"), slug
        page = html.unescape((outputs / f"html/{slug}.html").read_text(encoding="utf-8"))
        assert f"<h1>{titre}</h1>" in page and f"<title>{titre} – " in page, slug
        assert _docx_text(outputs / f"docx/{slug}.docx").startswith(titre + "\n"), slug
    index = (outputs / "md/index.md").read_text(encoding="utf-8")
    assert "- [Annexe 1 – Fiches actions](fiches-action.md)" in index
    assert "Annexe 5" not in index and "article 7" not in index
    for path in outputs.rglob("*"):
        if path.suffix in {".html", ".md"}:
            assert "avenant" not in path.read_text(encoding="utf-8").lower(), path
        elif path.suffix == ".docx":
            assert "avenant" not in _docx_text(path).lower(), path
    assert "Période de la convention-cadre (05/10/2018 – 04/10/2023)" in _html_text(
        outputs / "html/programmation.html"
    )
    assert "Intitulé au plan d'action (article 6)" not in _html_text(
        outputs / "html/fiches-action.html"
    )  # aucune fiche n'a de titre_plan ; la rubrique n'apparaît pas


def test_lisez_moi_et_messages_de_la_convention_cadre(outputs: Path) -> None:
    workbook = load_workbook(outputs / "anct/plan-action-ACV990.xlsx", read_only=True)
    rows = {r[0]: r[1] for r in workbook["Lisez-moi"].iter_rows(values_only=True)}
    assert rows["Document"] == "Convention-cadre" and "Avenant" not in rows
    assert str(rows["Objet"]).endswith("(article 5 de la convention-cadre).")
    result = run("validate", "--data", str(TERRITOIRE), "--au", "2022-06-30")
    assert "au-delà de la fin de la convention-cadre (04/10/2023)" in result.stdout


def test_structure_du_document_par_defaut_et_remplacee() -> None:
    from acvkit.models.document import DocumentProgramme, resolve

    avenant = resolve(None, 3)
    assert avenant.titre == "Avenant n°3" and avenant.of_document == "de l'avenant"
    assert avenant.partie("fiches-action").full_titre == "Annexe 2 – Fiches action"
    assert avenant.partie("plan-action").full_titre == "Plan d'action global (article 7.1)"
    document = DocumentProgramme.model_validate(
        {"parties": {"plan-action": {"article": None}, "maquette-financiere": {"annexe": 6}}}
    )
    replaced = resolve(document, 3)
    assert replaced.partie("plan-action").full_titre == "Plan d'action global"
    assert replaced.cite("plan-action") == "« Plan d'action global »"
    assert replaced.partie("maquette-financiere").full_titre == "Annexe 6 – Maquette financière"
    convention = resolve(None, None)
    assert (
        convention.titre == "Convention-cadre" and convention.the_document == "la convention-cadre"
    )
    assert convention.partie("fiches-action").full_titre == "Fiches action"


def test_fmt_range_la_structure_du_document(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(TERRITOIRE, copy)
    programme = copy / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    start = text.index("document:")
    end = text.index("id_anct:")
    block = text[start:end]
    text = text[:start] + text[end:]
    text += (
        "document:\n  parties:\n    plan-action: {titre: Plan d'actions, article: 6}\n"
        "  nature: convention-cadre\n"
    )
    programme.write_text(text, encoding="utf-8")
    assert run("fmt", "--data", str(copy), str(programme)).exit_code == 0
    after = programme.read_text(encoding="utf-8")
    assert (
        "intitule: Convention-cadre pluriannuelle Action Cœur de Ville de Sainte-Aurèle-sur-Vanne\n"
        "document:\n  nature: convention-cadre\n  parties:\n"
        '    plan-action: {article: "6", titre: Plan d\'actions}\nid_anct:'
    ) in after
    assert block.startswith("document:\n  nature: convention-cadre\n")


def test_chaque_texte_et_chaque_note_dans_chaque_format(outputs: Path) -> None:
    """Comme test_parite pour l'avenant : chaque texte de chaque fiche (notes comprises, même à
    côté d'une rubrique remplie) se retrouve dans chaque format, et dans `acv show`."""
    from tests.test_parite import _norm, valeurs

    texts = {
        "html": _norm(_html_text(outputs / "html/fiches-action.html")),
        "md": _norm(
            re.sub(
                r"\\([\\`*_{}\[\]()#+\-.!|<>~])",
                r"\1",
                (outputs / "md/fiches-action.md").read_text(encoding="utf-8"),
            )
        ),
        "docx": _norm(_docx_text(outputs / "docx/fiches-action.docx").replace("\n", " ")),
    }
    missing = []
    notes = 0
    for entry in load_folder(TERRITOIRE).dataset.fiches:
        fiche = entry.model.model_dump(mode="json", exclude_none=True)
        shown = run("show", str(entry.model.numero), "--data", str(TERRITOIRE)).stdout
        show = _norm(re.sub(r"[│╭╮╰╯─]", " ", shown))
        for key, valeur in valeurs(fiche):
            if key in {"nature", "cofinanceurs"}:
                continue  # identifiants et codes : rendus par leur libellé (voir test_parite)
            notes += key.endswith("note")
            for format_, texte in [*texts.items(), ("show", show)]:
                if format_ == "show" and key not in {
                    "maitre_ouvrage_note", "lancement_note", "livraison_note", "description_note",
                    "date_signature_note", "note", "financements_note", "partenaires_note",
                }:  # fmt: skip
                    continue
                if _norm(valeur) not in texte:
                    missing.append(f"FA {entry.model.numero} {key} ({format_}) : {valeur[:60]}")
    assert notes >= 20
    assert not missing, "\n".join(missing)


def test_plusieurs_maitres_d_ouvrage_chacun_nomme(outputs: Path) -> None:
    expected = (
        "Ville de Sainte-Aurèle-sur-Vanne ; Communauté de communes Vanne et Collines "
        "(maîtrise d'ouvrage partagée par convention)"
    )
    assert expected in _html_text(outputs / "html/fiches-action.html")
    assert expected in (outputs / "md/recapitulatif.md").read_text(encoding="utf-8")
    assert expected in _docx_text(outputs / "docx/fiches-action.docx")
    shown = run("show", "4", "--data", str(TERRITOIRE)).stdout
    assert expected in " ".join(re.sub(r"[│╭╮╰╯─]", " ", shown).split())
    # Le coût du cinéma est compté une fois, sous le groupe de l'ouvrage partagé.
    result = run("costs", "--data", str(TERRITOIRE), "--by", "maitre-ouvrage", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "sainte-aurele + ccvc" in result.stdout


def test_montant_a_la_francaise_signale_a_sa_ligne(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(TERRITOIRE, copy)
    cinema_file = copy / "fiches/sainte-aurele/fa-4-cinema.yaml"
    text = cinema_file.read_text(encoding="utf-8")
    line = text.split("\n").index("  - {financeur: region, montant: 600000, base: HT}") + 1
    cinema_file.write_text(text.replace("montant: 600000,", "montant: 1,40 M€,"), encoding="utf-8")
    health_file = copy / "fiches/ccvc/fa-8-maison-de-sante.yaml"
    health_file.write_text(
        health_file.read_text(encoding="utf-8").replace("total: 1850000", "total: 1 850 000,50 €"),
        encoding="utf-8",
    )
    result = run("validate", "--data", str(copy), "--format", "json")
    assert result.exit_code == 1
    rows = {
        (Path(d["path"]).name, d["line"], d["code"]): d["message"]
        for d in json.loads(result.stdout)
    }
    split_message = rows[("fa-4-cinema.yaml", line, "SCH001")]
    assert "clé « 40 M€ » : un montant coupé par sa virgule décimale" in split_message
    texte = rows[("fa-8-maison-de-sante.yaml", 15, "SCH004")]
    assert "virgule décimale, espaces entre les milliers, unité « € »" in texte
    assert "par exemple 1850000.50" in texte
    # Jamais 1 en silence : le build refuse.
    assert run("build", "--data", str(copy), "--out", str(tmp_path / "out")).exit_code == 1


def test_texte_replie_devient_paragraphes_et_listes(outputs: Path) -> None:
    """La description de FA 1 est repliée vers 100 colonnes au milieu d'une sentence : chaque
    format rejoint la sentence, garde la liste, et ne met aucun retour à la ligne au milieu."""
    sentence = (
        "Une étude de programmation urbaine doit dire où agir d'abord, à quel coût et avec qui."
    )
    page = html.unescape((outputs / "html/fiches-action.html").read_text(encoding="utf-8"))
    assert sentence in page and "Une étude de<br>" not in page
    assert "<li>l'habitat ancien et la vacance ;</li>" in page
    markdown = (outputs / "md/fiches-action.md").read_text(encoding="utf-8")
    assert sentence in markdown.replace("\\'", "'")
    assert "- l'habitat ancien et la vacance ;" in markdown.replace("\\'", "'")
    document = _docx_text(outputs / "docx/fiches-action.docx")
    assert any(sentence in p for p in document.split("\n"))  # dans un même paragraphe
    assert not any(p.endswith("Une étude de") for p in document.split("\n"))


def test_plus_de_deux_phases_numerotees_et_calendrier_de_la_fiche(outputs: Path) -> None:
    page = (outputs / "html/programmation.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    phases = re.findall(r"<title>FA 3 – ([^<:]+) :", svg)
    assert (
        phases[:-1]
        == [
            "Acquisition du foncier",
            "Études de maîtrise d&#39;œuvre",
            "Permis de construire",
            "Désamiantage et curage",
            "Travaux",
            "Commercialisation",
        ]
        and phases[-1] == "calendrier de la fiche"
    )
    # Chaque phase porte son numéro, et la légende le dit.
    numbers = re.findall(r'font-size="9" font-weight="bold" fill="#ffffff">(\d)</text>', svg)
    assert numbers == ["1", "2", "3", "4", "5", "6"]
    assert "1, 2, 3… : numéro de la phase dans la fiche, quand elle en a plus de deux" in svg
    # Le calendrier propre de la fiche (2018 → 1er semestre 2023) est dessiné et légendé.
    assert "<title>FA 3 – calendrier de la fiche : 2018 → 1er semestre 2023</title>" in svg
    assert "calendrier de la fiche (lancement → livraison)" in svg
