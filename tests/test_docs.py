"""La documentation dit vrai : chaque exemple de commande (blocs cog du README et de docs/) est la
sortie d'une vraie exécution, et aucun n'est périmé ; le README reste le chemin d'un nouveau venu."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cogapp import Cog

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    p.relative_to(ROOT).as_posix()
    for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    if "[[[cog" in p.read_text(encoding="utf-8")
)


def test_des_pages_ont_des_exemples_generes() -> None:
    # Garde-fou : sans bloc cog, le test suivant ne vérifierait rien.
    assert {"README.md", "docs/commandes.md"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_exemples_a_jour(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    status = Cog().main(["cog", "--check", "-I", "docs", page])
    assert status == 0, f"{page} : exemples périmés, régénérez-les avec `make samples`"


def test_les_exemples_ne_sont_pas_en_erreur_interne() -> None:
    for page in PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        for output in re.findall(r"\]\]\] -->\n(.*?)<!-- \[\[\[end\]\]\]", text, re.S):
            assert "Erreur interne" not in output and "Traceback" not in output, (page, output)


def test_le_readme_commence_par_les_deux_commandes() -> None:
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "make build" in head and "make test" in head
    assert "Windows" in head


def test_le_readme_est_un_chemin_pas_une_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 300
    for page in re.findall(r"\]\((docs/[a-z_]+\.md)\)", readme):
        assert (ROOT / page).exists(), page


def test_chaque_page_est_dans_le_site() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in (ROOT / "docs").glob("*.md"):
        assert f": {page.name}" in config, f"{page.name} absente de la navigation (mkdocs.yml)"
