"""Rendus HTML et Markdown des annexes : fichiers de référence (golden), échappement, gabarits.

Le petit jeu tests/fixtures/positive est rendu (date de génération : 1er janvier 2026) et chaque
fichier produit est comparé octet pour octet à tests/golden/html/*.html et tests/golden/md/*.md ;
un écart est montré en diff unifié. La feuille de style, la même dans chaque page HTML, a son
propre fichier de référence (tests/golden/html/style.css) : chaque page est comparée sans elle.

Après un changement voulu des gabarits ou du rendu, régénérer les fichiers de référence puis relire
leur diff avant de les committer :

    ACV_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_build_html_md.py
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from markupsafe import escape

from acvkit.annexes.assemble import build_annexes
from acvkit.annexes.context import Annexes, Bar
from acvkit.annexes.formats import ANNEXES, RenderInput
from acvkit.annexes.html import render_html, valeur
from acvkit.annexes.markdown import render_markdown
from acvkit.annexes.sandbox import TemplateRenderError
from acvkit.annexes.templating import blocs
from acvkit.charts.svg import bars_svg, timeline_svg
from acvkit.loading import load_folder
from acvkit.views.markdown import cellule as cell
from acvkit.views.markdown import md
from tests.conftest import AVENANT, POSITIVE, ROOT, edit

TEMPLATES = ROOT / "src" / "acvkit" / "templates"
GOLDEN = Path(__file__).resolve().parent / "golden"
GENERATED_ON = date(2026, 1, 1)


def _annexes(folder: Path) -> Annexes:
    result = load_folder(folder)
    assert result.dataset is not None
    return build_annexes(result.dataset, GENERATED_ON)


def _render(folder: Path, templates: Path = TEMPLATES) -> dict[str, bytes]:
    inp = RenderInput(annexes=_annexes(folder), templates=templates)
    return render_html(inp) | render_markdown(inp)


def _html(files: dict[str, bytes], slug: str) -> str:
    return files[f"html/{slug}.html"].decode("utf-8")


@pytest.fixture(scope="module")
def positive_files() -> dict[str, bytes]:
    return _render(POSITIVE)


@pytest.fixture(scope="module")
def real_files() -> dict[str, bytes]:
    return _render(AVENANT)


# --- Fichiers de référence ---------------------------------------------------------------------


def test_fichiers_produits(positive_files: dict[str, bytes]) -> None:
    slugs = [slug for slug, _ in ANNEXES]
    assert sorted(positive_files) == sorted(
        [f"html/{s}.html" for s in slugs]
        + ["html/index.html", "md/index.md"]
        + [f"md/{s}.md" for s in slugs]
    )


STYLE = re.compile(rb"<style>\n(.*?)</style>", re.DOTALL)
STYLE_GOLDEN = "html/style.css"
FOOTNOTE = b"<style>\n/* feuille de style commune : tests/golden/html/style.css */\n"


def _common_head(textes: list[bytes]) -> bytes:
    """Les lignes du début que tous les textes partagent."""
    lines = [t.splitlines(keepends=True) for t in textes]
    common = []
    for nth_lines in zip(*lines, strict=False):
        if len(set(nth_lines)) != 1:
            break
        common.append(nth_lines[0])
    return b"".join(common)


def _references(files: dict[str, bytes]) -> dict[str, bytes]:
    """Ce qui est comparé aux fichiers de référence : chaque page sans la feuille de style commune
    (remplacée par un renvoi ; ses règles propres restent), et cette feuille une seule fois."""
    pages = {r: c for r, c in files.items() if r.endswith(".html")}
    styles = []
    for relative, content in pages.items():
        found = STYLE.search(content)
        assert found is not None, f"{relative} : pas de feuille de style"
        styles.append(found.group(1))
    commune = _common_head(styles)
    assert commune.count(b"\n") > 50, "feuille de style commune introuvable"
    out = dict(files)
    for relative, content in pages.items():
        out[relative] = content.replace(b"<style>\n" + commune, FOOTNOTE, 1)
    out[STYLE_GOLDEN] = commune
    return out


def _golden_files() -> set[str]:
    return {
        p.relative_to(GOLDEN).as_posix()
        for p in [*GOLDEN.glob("html/*.html"), *GOLDEN.glob("html/*.css"), *GOLDEN.glob("md/*.md")]
    }


def test_golden(positive_files: dict[str, bytes]) -> None:
    references = _references(positive_files)
    if os.environ.get("ACV_UPDATE_GOLDEN") == "1":
        for relative, content in references.items():
            target = GOLDEN / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        for stale in _golden_files() - set(references):
            (GOLDEN / stale).unlink()
    golden = _golden_files()
    assert golden == set(references), "ACV_UPDATE_GOLDEN=1 pour régénérer tests/golden/"
    problems = []
    for relative, content in sorted(references.items()):
        expected = (GOLDEN / relative).read_bytes()
        if content != expected:
            diff = difflib.unified_diff(
                expected.decode("utf-8").splitlines(keepends=True),
                content.decode("utf-8").splitlines(keepends=True),
                fromfile=f"tests/golden/{relative}",
                tofile=f"rendu/{relative}",
            )
            problems.append("".join(diff))
    assert not problems, (
        "rendu différent des fichiers de référence (ACV_UPDATE_GOLDEN=1 pour les régénérer) :\n"
        + "\n".join(problems)
    )


def test_golden_recompose_le_rendu_exact(positive_files: dict[str, bytes]) -> None:
    # La page de référence et la feuille commune redonnent le fichier produit, octet pour octet.
    commune = (GOLDEN / STYLE_GOLDEN).read_bytes()
    pages = [r for r in positive_files if r.endswith(".html")]
    assert len(pages) == 7
    for relative in pages:
        page = (GOLDEN / relative).read_bytes()
        assert page.count(FOOTNOTE) == 1, relative
        assert page.replace(FOOTNOTE, b"<style>\n" + commune) == positive_files[relative], relative


def test_rendu_deterministe(positive_files: dict[str, bytes]) -> None:
    assert _render(POSITIVE) == positive_files


# --- HTML autonome et sûr ----------------------------------------------------------------------


def test_html_autonome(positive_files: dict[str, bytes]) -> None:
    for relative, content in positive_files.items():
        if not relative.startswith("html/"):
            continue
        page = content.decode("utf-8")
        assert page.startswith('<!DOCTYPE html>\n<html lang="fr">'), relative
        assert '<meta charset="utf-8">' in page
        assert "@page" in page and "size: A4" in page
        # Aucune ressource externe : ni feuille de style, ni script, ni image, ni police.
        assert not re.search(r"<(link|script|img)\b", page), relative
        assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in page


def test_description_echappee(positive: Path) -> None:
    fiche = positive / "fiches" / "bethune" / "fa-1-places.yaml"
    edit(
        fiche,
        "Une étude des places a été menée.",
        "Une étude <script>alert(1)</script> & « Joffre » | menée.",
    )
    files = _render(positive)
    page = _html(files, "fiches-action")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; « Joffre »" in page
    markdown = files["md/fiches-action.md"].decode("utf-8")
    assert r"\<script\>alert(1)\</script\> & « Joffre » \| menée." in markdown


def test_titre_echappe_dans_le_svg(positive: Path) -> None:
    fiche = positive / "fiches" / "cabbalr" / "fa-2-velo.yaml"
    edit(fiche, "libelle: Études", 'libelle: "Études <b>&</b>"')
    page = _html(_render(positive), "programmation")
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "<b>" not in svg
    assert "Études &lt;b&gt;&amp;&lt;/b&gt;" in svg


def test_a_determiner_en_italique(real_files: dict[str, bytes]) -> None:
    page = _html(real_files, "recapitulatif")
    assert '<em class="a-preciser">A déterminer</em>' in page
    assert "> A déterminer<" not in page


# --- Gabarits ----------------------------------------------------------------------------------


def test_variable_inconnue_refusee(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "plan-action.html.j2").write_text(
        "<h1>{{ titre }}</h1>{{ variable_inconnue }}\n", encoding="utf-8"
    )
    inp = RenderInput(annexes=_annexes(POSITIVE), templates=tmp_path)
    with pytest.raises(
        TemplateRenderError,
        match=r"plan-action\.html\.j2:1: variable inconnue « variable_inconnue »",
    ):
        render_html(inp)


def test_gabarit_hors_du_dossier_refuse(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "plan-action.md.j2").write_text(
        '{% include "../secret.txt" %}\n', encoding="utf-8"
    )
    inp = RenderInput(annexes=_annexes(POSITIVE), templates=tmp_path)
    with pytest.raises(
        TemplateRenderError,
        match=r"plan-action\.md\.j2:1: gabarit « \.\./secret\.txt » introuvable",
    ):
        render_markdown(inp)


def test_gabarits_remplaces(tmp_path: Path) -> None:
    templates = tmp_path / "gabarits"
    shutil.copytree(TEMPLATES, templates)
    edit(
        templates / "html" / "base.html.j2",
        "<h1>{{ titre }}</h1>",
        "<h1>Annexe de Béthune : {{ titre }}</h1>",
    )
    edit(
        templates / "md" / "plan-action.md.j2",
        "## {{ axe.titre | titre_md }}",
        "## Axe retenu : {{ axe.titre | titre_md }}",
    )
    files = _render(POSITIVE, templates)
    assert "<h1>Annexe de Béthune : Plan d&#39;action global (article 7.1)</h1>" in _html(
        files, "plan-action"
    )
    assert "## Axe retenu : Axe 3 – " in files["md/plan-action.md"].decode("utf-8")


# --- Données réelles de l'avenant ---------------------------------------------------------------


def test_donnees_reelles_toutes_les_fiches(real_files: dict[str, bytes]) -> None:
    annexes = _annexes(AVENANT)
    numeros = {f.numero for g in annexes.fiches for f in g.fiches}
    assert len(numeros) == 22
    page = _html(real_files, "fiches-action")
    titres = set(map(int, re.findall(r"<h3>FA (\d+) – ", page)))
    assert titres == numeros
    markdown = real_files["md/fiches-action.md"].decode("utf-8")
    assert set(map(int, re.findall(r"^### FA (\d+) – ", markdown, re.M))) == numeros


def test_chiffres_du_contexte(real_files: dict[str, bytes]) -> None:
    annexes = _annexes(AVENANT)
    recap = _html(real_files, "recapitulatif")
    maquette = _html(real_files, "maquette-financiere")
    # 1 712 934 € TTC (FA 54) : espace fine insécable entre milliers, insécable avant €.
    assert "1\u202f712\u202f934\u00a0€ TTC" in recap
    assert "1\u202f712\u202f934\u00a0€ TTC" in maquette
    for r in annexes.recapitulatifs:
        assert str(escape(r.total_cout.texte)) in recap
        for line in r.lignes:
            assert f"FA {line.numero}" in recap
            assert str(valeur(line.cout)) in recap
    total = annexes.maquette.total
    for texte in (total.cout.texte, total.finance.texte, total.reste.texte):
        assert str(escape(texte)) in maquette
        assert texte in real_files["md/maquette-financiere.md"].decode("utf-8")


def test_calendrier_des_donnees_reelles(real_files: dict[str, bytes]) -> None:
    page = _html(real_files, "programmation")
    svg = page[page.index("<svg") : page.index("</svg>")]
    for annee in range(2022, 2030):
        assert f">{annee}</text>" in svg
    assert svg.count('<rect x="') > 22
    markdown = real_files["md/programmation.md"].decode("utf-8")
    assert "| 2023 | 2024 ◆ | 2025 ◆ | 2026 ◆ | 2027 |" in markdown
    fa1_line = next(line for line in markdown.splitlines() if line.startswith("| FA 1 |"))
    assert fa1_line.count("■") == 6  # T4 2022 → T3 2027


# --- Briques -----------------------------------------------------------------------------------


def test_blocs_de_description() -> None:
    texte = "Contexte :\nLa ville.\n• un\n• deux\no sous-point"
    assert [(b.puce, b.lignes) for b in blocs(texte)] == [
        (None, ["Contexte :", "La ville."]),
        ("disque", ["un", "deux"]),
        ("cercle", ["sous-point"]),
    ]


def test_echappement_markdown() -> None:
    assert md("# titre *gras* _x_ [lien](y) `code`") == (
        r"\# titre \*gras\* \_x\_ \[lien\](y) \`code\`"
    )
    assert md("- pas une liste") == r"\- pas une liste"
    assert md("2024. pas une liste") == r"2024\. pas une liste"
    assert md("Coût A déterminer") == "Coût *A déterminer*"
    assert cell("a | b\nc") == r"a \| b<br>c"
    assert cell("") == "–"


def test_svg_deterministe_et_echappe() -> None:
    bars = [
        Bar("Axe <1> & co", Decimal("1712934"), "1\u202f712\u202f934\u00a0€"),
        Bar("Axe 2", Decimal("0"), "0\u00a0€"),
    ]
    svg = bars_svg(bars, "Titre « x » & <y>")
    assert svg == bars_svg(bars, "Titre « x » & <y>")
    assert "Axe &lt;1&gt; &amp; co" in svg
    assert "<title>Titre « x » &amp; &lt;y&gt;</title>" in svg
    # Coordonnées à deux décimales au plus.
    assert not re.search(r'="-?\d+\.\d{3,}"', svg)
    programmation = _annexes(POSITIVE).programmation
    calendrier = timeline_svg(programmation)
    assert not re.search(r'="-?\d+\.\d{3,}"', calendrier)
    assert calendrier.count('font-weight="bold">FA ') == len(programmation.lignes)
