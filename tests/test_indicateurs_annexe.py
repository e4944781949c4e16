"""L'annexe 8.3 avec des valeurs : graphique SVG accessible (HTML), image (DOCX), tableau (Markdown).

Sans valeur (données réelles), l'annexe est celle d'avant, plus une seule ligne qui le dit.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from acvkit.annexes.assemble import build_annexes
from acvkit.annexes.context import Annexes
from acvkit.annexes.docx.render import render_docx
from acvkit.annexes.evaluation_mesures import NO_VALUE, MesuresEvaluation
from acvkit.annexes.formats import RenderInput
from acvkit.annexes.html import render_html
from acvkit.annexes.markdown import render_markdown
from acvkit.charts.indicator_svg import indicator_svg
from acvkit.charts.png import svg_png
from acvkit.loading import load_folder
from tests.conftest import DATA, ROOT
from tests.indicateurs_sample import EPOCH_2025, valued_folder

TEMPLATES = ROOT / "src" / "acvkit" / "templates"
GENERATED_ON = date(2025, 6, 30)


def _annexes(folder: Path) -> Annexes:
    return build_annexes(load_folder(folder).dataset, GENERATED_ON)


def _render(annexes: Annexes, with_docx: bool = False) -> dict[str, bytes]:
    inp = RenderInput(annexes=annexes, templates=TEMPLATES)
    out = render_html(inp) | render_markdown(inp)
    if with_docx:
        out |= render_docx(inp)
    return out


@pytest.fixture(scope="module")
def valued_annexes(tmp_path_factory: pytest.TempPathFactory) -> Annexes:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
        return _annexes(valued_folder(tmp_path_factory.mktemp("annexe")))


@pytest.fixture(scope="module")
def rendering(valued_annexes: Annexes) -> dict[str, bytes]:
    return _render(valued_annexes, with_docx=True)


def _section(html: str, ident: str) -> str:
    debut = html.index(f'<section class="mesures" aria-labelledby="mesures-{ident}">')
    return html[debut : html.index("</section>", debut)]


def test_graphique_svg_accessible(rendering: dict[str, bytes]) -> None:
    html = rendering["html/evaluation.html"].decode("utf-8")
    assert NO_VALUE.replace("'", "&#39;") not in html
    section = _section(html, "ind-3-04")
    assert 'aria-describedby="graphique-ind-3-04-description"' in section
    assert 'aria-labelledby="graphique-ind-3-04-titre"' in section
    assert '<title id="graphique-ind-3-04-titre">' in section
    description = re.search(r'<figcaption id="graphique-ind-3-04-description">([^<]*)<', section)
    assert description is not None and "47,1\u00a0km en 2024" in description.group(1)
    # Deux valeurs observées : deux points ; la référence (carré) et la cible (losange).
    svg = section[section.index("<svg") : section.index("</svg>")]
    assert svg.count("<circle") == 2
    assert svg.count("<rect") == 1 and svg.count("<polygon") == 1
    # Le tableau de données : exactement les valeurs tracées, trajectoire d'abord.
    lines = re.findall(r'<tr><th scope="row">(\d+)</th>(.*?)</tr>', section)
    cells = {a: re.findall(r'<td class="nombre">(.*?)</td>', reste) for a, reste in lines}
    assert cells["2023"][0] == "42,5\u00a0km"
    assert cells["2024"] == ["48,33\u00a0km", "47,1\u00a0km"]
    assert cells["2025"] == ["54,17\u00a0km", "51,0\u00a0km"]
    assert cells["2026"][0] == "60\u00a0km"
    assert "Verdict : en retard." in section


def test_un_graphique_par_indicateur_chiffre(
    rendering: dict[str, bytes], valued_annexes: Annexes
) -> None:
    html = rendering["html/evaluation.html"].decode("utf-8")
    with_values = [m for m in valued_annexes.mesures.par_indicateur.values() if m.a_des_valeurs]
    assert len(with_values) == 22  # 23 indicateurs, ind-t-04 sans valeur
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640') == 22
    # Deux séries (commune, EPCI) : deux couleurs, deux colonnes.
    section = _section(html, "ind-1-04")
    assert section.count("<polyline") == 2
    assert "Communauté d&#39;Agglomération" in section and ", EPCI</th>" in section


def test_tableau_markdown(rendering: dict[str, bytes]) -> None:
    md = rendering["md/evaluation.md"].decode("utf-8")
    assert "### Evolution du nombre de kilomètres de voies cyclables" in md
    assert "| 2024 | 48,33\u00a0km | 47,1\u00a0km |" in md
    assert "| Année | Trajectoire (référence → cible) | Ville de Béthune, commune |" in md
    assert NO_VALUE not in md


def test_image_dans_le_docx(rendering: dict[str, bytes], valued_annexes: Annexes) -> None:
    document = docx.Document(io.BytesIO(rendering["docx/evaluation.docx"]))
    shapes = document.inline_shapes
    assert len(shapes) == 22
    descriptions = [f._inline.docPr.get("descr") for f in shapes]
    mesure = valued_annexes.mesures.par_indicateur["ind-3-04"]
    assert mesure.description in descriptions
    assert all(d for d in descriptions)
    # L'image est le rendu du SVG même du HTML : un seul dessin pour tous les formats.
    image = svg_png(indicator_svg(mesure))
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    media = zipfile.ZipFile(io.BytesIO(rendering["docx/evaluation.docx"]))
    assert image in {media.read(n) for n in media.namelist() if n.startswith("word/media/")}
    assert b"tEXt" not in image and b"tIME" not in image  # aucune métadonnée variable
    assert svg_png(indicator_svg(mesure)) == image  # mêmes données, mêmes octets


def test_rendu_chiffre_deterministe(rendering: dict[str, bytes], valued_annexes: Annexes) -> None:
    # Les horodatages de l'archive sont fixés ensuite par le build (normalize_zip) : on compare
    # le contenu de chaque partie, images comprises.
    def parts(content: bytes) -> dict[str, bytes]:
        archive = zipfile.ZipFile(io.BytesIO(content))
        return {nom: archive.read(nom) for nom in archive.namelist()}

    still = _render(valued_annexes, with_docx=True)
    assert parts(still["docx/evaluation.docx"]) == parts(rendering["docx/evaluation.docx"])
    assert still["html/evaluation.html"] == rendering["html/evaluation.html"]


def test_donnees_reelles_une_ligne_de_plus() -> None:
    annexes = _annexes(DATA)
    assert annexes.mesures.aucune_valeur and not annexes.mesures.par_indicateur
    before = _render(dataclasses.replace(annexes, mesures=MesuresEvaluation({}, False)))
    after = _render(annexes)
    for nom in ("html/evaluation.html", "md/evaluation.md"):
        additions = [
            line
            for line in difflib.ndiff(
                before[nom].decode("utf-8").splitlines(), after[nom].decode("utf-8").splitlines()
            )
            if line[:1] in "+-?"
        ]
        assert [a for a in additions if a.strip() not in ("+", "")] in (
            [f"+ <p>{NO_VALUE.replace(chr(39), '&#39;')}</p>"],
            [f"+ {NO_VALUE}"],
        ), nom
        assert "<svg" not in after[nom].decode("utf-8").split("<main>")[-1] or nom.endswith(".md")
    for nom in before:
        if "evaluation" not in nom:
            assert before[nom] == after[nom]


def test_donnees_reelles_docx_sans_image() -> None:
    annexes = _annexes(DATA)
    document = docx.Document(io.BytesIO(_render(annexes, with_docx=True)["docx/evaluation.docx"]))
    assert len(document.inline_shapes) == 0
    textes = [p.text for p in document.paragraphs]
    assert textes.count(NO_VALUE) == 1


def test_annexe_liste_les_fiches_qui_suivent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
    folder = valued_folder(tmp_path)
    fiche = next((folder / "fiches").glob("*/fa-57-*.yaml"))
    fiche.write_text(
        fiche.read_text(encoding="utf-8") + "indicateurs_evaluation: [ind-3-04, ind-t-04]\n",
        encoding="utf-8",
    )
    md = render_markdown(RenderInput(annexes=_annexes(folder), templates=TEMPLATES))
    texte = md["md/evaluation.md"].decode("utf-8")
    section = texte[texte.index("### Evolution du nombre de kilomètres de voies cyclables") :]
    assert section.split("###")[1].count("Fiches qui suivent cet indicateur : FA 57 – ") == 1
    # Un indicateur sans valeur mais suivi par une fiche a sa section : « Pas de valeur enregistrée ».
    land_take_section = texte[texte.index("### Evolution du taux d'artificialisation") :]
    assert "FA 57" in land_take_section and "Pas de valeur enregistrée." in land_take_section


def test_graduations_rondes() -> None:
    from decimal import Decimal as D

    from acvkit.charts.indicator_svg import tick_values

    assert tick_values([D("42.5"), D("60"), D("47.1")]) == [D(40), D(45), D(50), D(55), D(60)]
    assert tick_values([D(0)]) == [D(-1), D("-0.5"), D(0), D("0.5"), D(1)]
    assert tick_values([D(-3), D(5)]) == [D(-4), D(-2), D(0), D(2), D(4), D(6)]


def test_un_seul_point_sans_trajectoire() -> None:
    from decimal import Decimal as D

    from acvkit.annexes.evaluation_mesures import Curve, MesureIndicateur
    from acvkit.charts.indicator_svg import indicator_svg

    mesure = MesureIndicateur(
        id="ind-5-04",
        intitule="Pôles <culturels> & « lieux »",
        unite="pôles",
        verdict="non évaluable",
        fiches=[],
        trajectoire=None,
        reference=None,
        cibles=[],
        series=[Curve("Ville de Béthune", [(2025, D(1))])],
        description="d",
    )
    svg = indicator_svg(mesure)
    assert svg.count("<circle") == 1 and "<polyline" not in svg
    assert "Pôles &lt;culturels&gt; &amp; « lieux »" in svg  # texte échappé pour XML
    assert svg_png(svg).startswith(b"\x89PNG")
