"""L'avenant entier (dossier avenant/) : un document, dans chaque format, construit par `acv build`
pour le petit jeu propre, l'exemple de suivi (carte d'un périmètre fictif) et un territoire neuf
d'`acv init` ; relu fichier par fichier (HTML, Markdown, DOCX, et PDF/ODT par LibreOffice)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import FIXTURES, POSITIVE, ROOT, edit, run

EXAMPLE = ROOT / "examples" / "suivi-2025-s1"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")


@pytest.fixture
def positive_avenant(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(POSITIVE, data)
    shutil.copytree(FIXTURES / "positive-avenant", data, dirs_exist_ok=True)
    return data


def _build(data: Path, out: Path, formats: str, *extra: str) -> None:
    result = run("build", "--data", str(data), "--out", str(out), "-f", formats, "-q", *extra)
    assert result.exit_code == 0, result.stdout + result.stderr


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(
        "".join(t.text or "" for t in p.iter() if t.tag == qn("w:t"))
        for p in document.element.body.iter(qn("w:p"))
    )


def test_un_document_dans_chaque_format_dans_l_ordre(
    positive_avenant: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _build(positive_avenant, out, "html,md,docx")
    html = (out / "html" / "avenant.html").read_text(encoding="utf-8")
    md = (out / "md" / "avenant.md").read_text(encoding="utf-8")
    text = _docx_text(out / "docx" / "avenant.docx")
    # Couverture, parties, articles, signatures, annexes 1 à 5 : dans cet ordre, partout.
    order = [
        "Avenant n°1",
        "ENTRE",
        "La commune de Béthune, représentée par son maire Olivier GACQUERRE",
        "Préambule",
        "Article 1. Engagement général des parties",
        "Article 5. Secteurs d’intervention",
        "Le centre, ses places et ses rues commerçantes.",
        "Article 7. Plan d’action",
        "FA 1",
        "Article 9. Validation de l’avenant",
        "Signatures",
        "Annexe 1 – Bilan",
        "Le bilan n'est pas repris ici.",
        "Annexe 2 – Fiches action",
        "Annexe 3 – Secteurs d'intervention",
        "Annexe 4 – Récapitulatif",
        "Annexe 5 – Maquette financière",
    ]
    starts = {"html": 'id="article-preambule"', "md": '<a id="article-preambule">', "docx": ""}
    for name, content in (("html", html), ("md", md), ("docx", text)):
        if name == "html":
            content = content.replace("&#39;", "'")
        for item in order[:3]:  # la couverture
            assert item in content, (name, item)
        # Après le sommaire, chaque partie dans l'ordre du document.
        position = content.index(starts[name]) if starts[name] else content.rindex("Préambule")
        for item in order[3:]:
            found = content.find(item, position)
            assert found >= 0, (name, item)
            position = found
    # Les annexes séparées restent produites à côté du document.
    assert (out / "html" / "fiches-action.html").is_file()


def test_en_tete_courant_numero_de_page_et_sommaire_docx(
    positive_avenant: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _build(positive_avenant, out, "docx")
    with zipfile.ZipFile(out / "docx" / "avenant.docx") as archive:
        names = archive.namelist()
        headers = [archive.read(n).decode() for n in names if re.match(r"word/header\d+\.xml", n)]
        footers = [archive.read(n).decode() for n in names if re.match(r"word/footer\d+\.xml", n)]
        body = archive.read("word/document.xml").decode()
    assert any("Action Cœur de Ville – Avenant n°1 – 2023-2026" in h for h in headers)
    assert any('w:instr="PAGE"' in f for f in footers)
    # Une ligne de sommaire par article, signatures et annexe : un champ PAGEREF vers un signet.
    bookmarks = set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="(_Toc_[^"]+)"', body))
    page_references = re.findall(r'w:instr="PAGEREF (_Toc_[^ "]+)', body)
    assert len(bookmarks) == 10 + 1 + 5
    assert sorted(page_references) == sorted(bookmarks)
    # Les titres sont des styles Word (navigation, sommaire, lecteur d'écran).
    document = docx.Document(str(out / "docx" / "avenant.docx"))
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 1"]
    assert "Article 9. Validation de l’avenant" in headings and "Signatures" in headings


def test_signatures_a_completer_et_signalees(positive_avenant: Path, tmp_path: Path) -> None:
    programme = positive_avenant / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8") + "lieu_signature: Béthune\ndate_signature: XXX\n",
        encoding="utf-8",
    )
    edit(programme, "representant: Olivier GACQUERRE", "representant: XXXXXXX")
    out = tmp_path / "out"
    _build(positive_avenant, out, "html,md")
    html = (out / "html" / "avenant.html").read_text(encoding="utf-8")
    signatures = html[html.index('id="signatures"') :]
    assert "A Béthune, le à compléter" in signatures
    assert "<p>à compléter</p>" in signatures and "XXX" not in html
    assert "A Béthune, le à compléter" in (out / "md" / "avenant.md").read_text(encoding="utf-8")
    validated = run("validate", "--data", str(positive_avenant), "--format", "json")
    assert '"CON003"' in validated.stdout and "XXXXXXX" in validated.stdout


def test_un_texte_d_article_fautif_refuse_le_build(positive_avenant: Path, tmp_path: Path) -> None:
    edit(positive_avenant / "avenant/articles/article-7.yaml", "{{ plan_action }}", "{{ plan }}")
    result = run("build", "--data", str(positive_avenant), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "AVE005" in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_carte_du_perimetre_de_l_exemple(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(EXAMPLE, out, "html,md,docx", "--au", "2025-06-30")
    html = (out / "html" / "avenant.html").read_text(encoding="utf-8")
    annexe_3 = html[html.index('id="annexe-3"') : html.index('id="annexe-4"')]
    svg = re.search(r"<svg\b[^>]*>.*?</svg>", annexe_3, re.S)
    assert svg is not None
    # Décrite en texte (titre, description, légende), avec son échelle et son nord.
    assert 'role="img"' in svg.group(0) and "aria-labelledby" in svg.group(0)
    description = re.search(r"<desc [^>]*>([^<]+)</desc>", svg.group(0))
    assert description and "superficie d&#x27;environ" in description.group(1)
    assert ">200 m</text>" in svg.group(0) and ">N</text>" in svg.group(0)
    assert "1 place de l&#39;Exemple (fictive)" in annexe_3 and "<figcaption>" in annexe_3
    assert "FA 62 – Aménagement des places en hypercentre" in annexe_3
    md = (out / "md" / "avenant.md").read_text(encoding="utf-8")
    assert "superficie d'environ" in md and "- Vocation :" in md
    document = docx.Document(str(out / "docx" / "avenant.docx"))
    descriptions = [
        e.get("descr") for e in document.element.body.iter(qn("wp:docPr")) if e.get("descr")
    ]
    assert any(d.startswith("Carte du périmètre « Hypercentre »") for d in descriptions)


def test_le_perimetre_illisible_est_situe(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    (data / "avenant/perimetres/hypercentre-bethune.geojson").write_text("{", encoding="utf-8")
    result = run("build", "--data", str(data), "--out", str(tmp_path / "out"), "-f", "html")
    assert result.exit_code == 1
    assert "hypercentre-bethune.geojson : GeoJSON illisible" in result.stderr
    (data / "avenant/perimetres/hypercentre-bethune.geojson").unlink()
    validated = run("validate", "--data", str(data), "--format", "json")
    assert '"AVE004"' in validated.stdout


def test_un_territoire_neuf_a_ses_articles_a_completer(tmp_path: Path) -> None:
    from tests.test_init import INIT_OPTIONS

    result = run("init", str(tmp_path / "plan"), *INIT_OPTIONS)
    assert result.exit_code == 0, result.stderr
    data = tmp_path / "plan" / "data"
    articles = sorted(p.name for p in (data / "avenant/articles").glob("*.yaml"))
    assert articles == sorted(["preambule.yaml", *[f"article-{n}.yaml" for n in range(1, 10)]])
    textes = "".join(p.read_text(encoding="utf-8") for p in (data / "avenant").rglob("*.yaml"))
    # Le modèle national, jamais le texte d'un autre territoire.
    for word in ("Béthune", "Bruay", "CABBALR", "GACQUERRE"):
        assert word not in textes
    assert "{{ plan_action }}" in (data / "avenant/articles/article-7.yaml").read_text()
    validated = run("validate", "--data", str(data), "--format", "json")
    assert validated.exit_code == 0 and '"AVE' not in validated.stdout
    assert '"CON003"' in validated.stdout  # chaque « à compléter » reste signalé
    out = tmp_path / "out"
    _build(data, out, "html,md,docx")
    md = (out / "md" / "avenant.md").read_text(encoding="utf-8")
    assert "## Article 6. Modification de la convention d’Opération de revitalisation" in md
    assert md.count("à compléter") >= 10


def test_acv_diff_montre_l_article_modifie_mot_a_mot(
    positive_avenant: Path, tmp_path: Path
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git absent")
    repo = positive_avenant.parent

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "signé")
    edit(
        positive_avenant / "avenant/articles/article-9.yaml",
        "écrit par le territoire.",
        "écrit et amendé par le territoire.",
    )
    result = run("diff", "HEAD", "--data", str(positive_avenant), "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "Article 9 modifié" in result.stdout
    assert "amendé" in result.stdout and "texte" in result.stdout


@pytest.mark.skipif(not (SOFFICE and PDFINFO), reason="LibreOffice ou poppler absent")
def test_libreoffice_ouvre_et_convertit_l_avenant(positive_avenant: Path, tmp_path: Path) -> None:
    assert PDFINFO
    out = tmp_path / "out"
    _build(positive_avenant, out, "docx,odt,pdf")
    assert (out / "odt" / "avenant.odt").stat().st_size > 0
    pdf = out / "pdf" / "avenant.pdf"
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 10
    xmp = subprocess.run(
        [PDFINFO, "-meta", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "pdfuaid:part>1<" in xmp
    # Le sommaire a ses numéros de page (champs calculés par LibreOffice à la mise en page).
    texte = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert re.search(r"Article 9\. Validation de l’avenant\.*\s*\d+", texte)
