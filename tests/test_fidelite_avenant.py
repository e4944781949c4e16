"""Les annexes reprennent l'avenant à la lettre : chaque line de l'article 7.1 et chaque titre d'axe
de l'article 8.3, caractère pour caractère, dans chaque format (HTML, Markdown, DOCX).

Le texte de référence est un extrait du document signé (`tests/fixtures/texte-avenant/`) : seuls les
espaces et les retours à la line de l'extraction sont normalisés. Les fiches action suivent l'order
de l'Annexe 2 et y gardent leur propre « Axe de rattachement ».
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from acvkit.loading import load_folder
from acvkit.views.text import cout_texte
from tests.conftest import DATA, FIXTURES, run

TEXTE = FIXTURES / "texte-avenant" / "articles-7-1-et-8-3.txt"
# Ce qui ouvre une nouvelle line de l'article : un axe, un sous-axe ou une fiche.
START = re.compile(r"(Axe |\d\.\d|FA \d+ )")
SOUS_AXE = re.compile(r"(?:Axe )?(\d\.\d+) ?[–-]? (.*)")


def _norm(texte: str) -> str:
    return " ".join(texte.replace("\u00a0", " ").replace("\u202f", " ").split())


def _section(titre: str) -> list[str]:
    """Les lignes d'un article de l'extrait, une par axe, sous-axe ou fiche (suites rejointes)."""
    texte = TEXTE.read_text(encoding="utf-8")
    section = texte.split(f"## {titre}\n")[1].split("\n## ")[0]
    items: list[str] = []
    for line in section.splitlines():
        line = _norm(line)
        if not line:
            continue
        if START.match(line) or not items:
            items.append(line)
        else:
            items[-1] += " " + line
    return items


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", "--data", str(DATA), "--out", str(out), "--format", "html,md,docx")
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def _html(path: Path) -> tuple[list[str], list[list[str]]]:
    page = path.read_text(encoding="utf-8")

    def text(part: str) -> str:
        return _norm(html.unescape(re.sub(r"<[^>]+>", "", part)))

    titres = [text(t) for t in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page, flags=re.S)]
    rows = [
        [text(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, flags=re.S)]
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", page, flags=re.S)
    ]
    return titres, rows


def _md(path: Path) -> tuple[list[str], list[list[str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()

    def text(part: str) -> str:
        return _norm(re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", part))

    titres = [text(li.lstrip("#")) for li in lines if li.startswith("#")]
    rows = [
        [text(c) for c in re.split(r"(?<!\\)\|", li.strip())[1:-1]]
        for li in lines
        if li.startswith("|")
    ]
    return titres, rows


def _docx(path: Path) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(str(path))
    body = document.element.body
    titres = []
    for p in body.iterchildren(qn("w:p")):
        style = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        if style is not None and (style.get(qn("w:val")) or "").startswith(("Heading", "Title")):
            titres.append(_norm("".join(t.text or "" for t in p.iter(qn("w:t")))))
    rows = [
        [
            _norm("".join(t.text or "" for t in tc.iter(qn("w:t"))))
            for tc in tr.iterchildren(qn("w:tc"))
        ]
        for tr in body.iter(qn("w:tr"))
    ]
    return titres, rows


READERS = {"html": ("html", _html), "md": ("md", _md), "docx": ("docx", _docx)}


def _read(output: Path, annexe: str, format_: str) -> tuple[list[str], list[list[str]]]:
    suffix, reader = READERS[format_]
    return reader(output / format_ / f"{annexe}.{suffix}")


@pytest.mark.parametrize("format_", sorted(READERS))
def test_chaque_ligne_de_l_article_7_1_a_l_identique(output: Path, format_: str) -> None:
    titres, rows = _read(output, "plan-action", format_)
    by_fiche = {r[0]: r[-1] for r in rows if r and re.fullmatch(r"FA \d+", r[0])}
    items = _section("article 7.1")
    fiches = [i for i in items if i.startswith("FA ")]
    assert len(fiches) == len(load_folder(DATA).dataset.fiches) == len(by_fiche)
    wrong = []
    for item in items:
        if item.startswith("FA "):
            numero = item.split()[1]
            titre = by_fiche.get(f"FA {numero}", "")
            # « FA 62 Béthune Aménagement … » : la collectivité, puis l'intitulé tel quel.
            if not (titre and item.endswith(" " + titre) and len(item) > len(titre) + 8):
                wrong.append(f"{item!r} ≠ {titre!r}")
        elif (match := SOUS_AXE.fullmatch(item)) is not None:
            code, intitule = match.groups()
            # Un titre, ou l'intertitre d'un tableau (une line d'une seule cellule, en HTML).
            subtitles = titres + [r[0] for r in rows if len(r) == 1]
            if f"{code} – {intitule}" not in subtitles:
                wrong.append(f"sous-axe {item!r} absent des titres")
        elif item not in titres:
            wrong.append(f"axe {item!r} absent des titres")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("format_", sorted(READERS))
def test_titres_d_axe_de_l_article_8_3_a_l_identique(output: Path, format_: str) -> None:
    titres, _ = _read(output, "evaluation", format_)
    axes = _section("article 8.3")
    assert len(axes) == 6
    for axe in axes:
        assert axe in titres, axe
    # Aucun titre d'axe de l'article 7.1 qui diffère de celui de 8.3.
    for axe in _section("article 7.1"):
        if axe.startswith("Axe ") and not re.match(r"Axe \d\.", axe) and axe not in axes:
            assert axe not in titres, axe


def test_fiches_dans_l_ordre_de_l_annexe_2_avec_leur_axe_de_rattachement(output: Path) -> None:
    fiches = {e.model.numero: e.model for e in load_folder(DATA).dataset.fiches}
    assert sum(1 for f in fiches.values() if f.axe_rattachement) == len(fiches)
    for format_ in sorted(READERS):
        titres, rows = _read(output, "fiches-action", format_)
        order = [int(t.split()[1]) for t in titres if re.match(r"FA \d+ – ", t)]
        groupes = list(dict.fromkeys(fiches[n].collectivite for n in order))
        expected = sorted(
            fiches,
            key=lambda n: (
                groupes.index(fiches[n].collectivite),
                fiches[n].rang is None,
                fiches[n].rang or 0,
                n,
            ),
        )
        assert order == expected, format_
        # L'Annexe 2 de l'avenant donne les fiches de la CABBALR dans cet order.
        assert order[-6:] == [57, 58, 1, 59, 60, 61], format_
        page = " ".join(" ".join(r) for r in rows)
        if format_ == "md":
            page = _norm(
                re.sub(
                    r"\\(.)",
                    r"\1",
                    (output / "md" / "fiches-action.md").read_text(encoding="utf-8"),
                )
            )
        for fiche in fiches.values():
            for line in (fiche.axe_rattachement or "").splitlines():
                assert _norm(line) in page, (format_, fiche.numero, line)


def test_un_total_que_l_avenant_n_ecrit_pas_est_dit_calcule(output: Path) -> None:
    """FA 1 : l'avenant donne des postes, pas de total ; la somme affichée est dite calculée."""
    fiches = [e.model for e in load_folder(DATA).dataset.fiches]
    computed = [f for f in fiches if "somme des postes" in cout_texte(f)]
    assert any(f.numero == 1 for f in computed)
    assert all(f.cout and f.cout.total is None for f in computed)
    for format_, suffix in (("html", "html"), ("md", "md")):
        texte = (output / format_ / f"fiches-action.{suffix}").read_text(encoding="utf-8")
        assert texte.count("(somme des postes, calculée par acvkit)") >= len(computed)
    _, rows = _docx(output / "docx" / "fiches-action.docx")
    cells = [c for r in rows for c in r if "somme des postes" in c]
    assert cells and all("calculée par acvkit" in c for c in cells)
