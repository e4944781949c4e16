"""Gabarits hostiles (`acv build --templates DIR`) : aucun code ne tourne, aucun fichier extérieur lu.

Chaque gabarit piégé remplace html/plan-action.html.j2 dans une copie des gabarits d'acvkit. Le
build doit sortir en 1 avec un message français « chemin:ligne: … », sans rien écrire.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import POSITIVE, ROOT, run

SECRET = "contenu-secret-7f3a9c"


def _copy_templates(tmp_path: Path) -> Path:
    templates = tmp_path / "gabarits"
    shutil.copytree(ROOT / "src" / "acvkit" / "templates", templates)
    return templates


def _build(tmp_path: Path, templates: Path) -> tuple[int, str, Path]:
    out = tmp_path / "sortie"
    result = run("build", "--data", str(POSITIVE), "--out", str(out), "--templates", str(templates))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "Erreur interne" not in output
    return result.exit_code, output, out


def _assert_nothing_written(out: Path) -> None:
    assert not out.exists() or not any(out.rglob("*"))


@pytest.mark.parametrize(
    "charge",
    [
        "{{ cycler.__init__.__globals__.os.popen('touch MARQUEUR').read() }}",
        "{{ joiner.__init__.__globals__.os.system('touch MARQUEUR') }}",
        "{{ lipsum.__globals__.__builtins__.__import__('os').system('touch MARQUEUR') }}",
        "{{ lipsum.__globals__['os'].popen('touch MARQUEUR').read() }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ 'MARQUEUR' }}",
        "{{ namespace.__init__.__globals__ }}",
    ],
)
def test_aucune_commande_ne_tourne(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, charge: str
) -> None:
    monkeypatch.chdir(tmp_path)
    templates = _copy_templates(tmp_path)
    (templates / "html" / "plan-action.html.j2").write_text(
        "<h1>{{ titre }}</h1>\n" + charge + "\n", encoding="utf-8"
    )
    code, output, out = _build(tmp_path, templates)
    assert code == 1
    assert not (tmp_path / "MARQUEUR").exists()
    assert f"{templates / 'html' / 'plan-action.html.j2'}:2: " in output
    assert "opération interdite dans un gabarit (bac à sable)" in output
    _assert_nothing_written(out)


@pytest.mark.parametrize(
    "charge",
    [
        "{{ lipsum.__globals__.__builtins__.open('SECRET').read() }}",
        "{{ lipsum.__globals__['__builtins__']['open']('SECRET').read() }}",
        "{{ cycler.__init__.__globals__.__builtins__.open('SECRET').read() }}",
    ],
)
def test_aucun_fichier_exterieur_lu_par_open(tmp_path: Path, charge: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    templates = _copy_templates(tmp_path)
    (templates / "html" / "plan-action.html.j2").write_text(
        charge.replace("SECRET", str(secret)) + "\n", encoding="utf-8"
    )
    code, output, out = _build(tmp_path, templates)
    assert code == 1
    assert SECRET not in output
    assert f"{templates / 'html' / 'plan-action.html.j2'}:1: " in output
    assert "bac à sable" in output
    _assert_nothing_written(out)


@pytest.mark.parametrize("cible", ["secret", "/etc/passwd", "dossier-voisin"])
def test_lien_symbolique_vers_l_exterieur_refuse(tmp_path: Path, cible: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    templates = _copy_templates(tmp_path)
    html = templates / "html"
    if cible == "secret":
        (html / "inclus.html.j2").symlink_to(secret)
        nom = "inclus.html.j2"
    elif cible == "/etc/passwd":
        (html / "inclus.html.j2").symlink_to("/etc/passwd")
        nom = "inclus.html.j2"
    else:
        neighbor = tmp_path / "voisin"
        neighbor.mkdir()
        (neighbor / "x.html.j2").write_text(SECRET, encoding="utf-8")
        (html / "sous").symlink_to(neighbor)
        nom = "sous/x.html.j2"
    (html / "plan-action.html.j2").write_text(
        f'<h1>{{{{ titre }}}}</h1>\n\n{{% include "{nom}" %}}\n', encoding="utf-8"
    )
    code, output, out = _build(tmp_path, templates)
    assert code == 1
    assert SECRET not in output and "root:" not in output
    assert f"{html / 'plan-action.html.j2'}:3: gabarit « {nom} » introuvable" in output
    _assert_nothing_written(out)


def test_lien_symbolique_interne_accepte(tmp_path: Path) -> None:
    # Un lien qui reste dans le dossier des gabarits est lu normalement.
    templates = _copy_templates(tmp_path)
    html = templates / "html"
    (html / "vrai.html.j2").write_text("inclus-interne\n", encoding="utf-8")
    (html / "lien.html.j2").symlink_to(html / "vrai.html.j2")
    page = (html / "plan-action.html.j2").read_text(encoding="utf-8")
    (html / "plan-action.html.j2").write_text(
        page + '{% include "lien.html.j2" %}\n', encoding="utf-8"
    )
    code, output, out = _build(tmp_path, templates)
    assert code == 0, output
    assert "inclus-interne" in (out / "html" / "plan-action.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("nom", "template", "line", "message"),
    [
        ("../secret.txt", '{% include "../secret.txt" %}', 2, "introuvable"),
        ("absolu", '{% include "/etc/passwd" %}', 2, "introuvable"),
        ("syntaxe", "{% if %}\n", 2, "syntaxe de gabarit invalide"),
        ("variable", "{{ pas_de_variable }}", 2, "variable inconnue « pas_de_variable »"),
        ("manquant", '{% include "absent.html.j2" %}', 2, "gabarit « absent.html.j2 » introuvable"),
        (
            "modification",
            "{% set l = [1] %}{{ l.append(2) }}",
            2,
            "opération interdite dans un gabarit",
        ),
    ],
)
def test_erreur_de_gabarit_situee(
    tmp_path: Path, nom: str, template: str, line: int, message: str
) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    templates = _copy_templates(tmp_path)
    page = templates / "md" / "plan-action.md.j2"
    page.write_text("# {{ titre }}\n" + template + "\n", encoding="utf-8")
    code, output, out = _build(tmp_path, templates)
    assert code == 1
    assert f"{page}:{line}: " in output
    assert message in output
    assert SECRET not in output and "root:" not in output
    _assert_nothing_written(out)


def test_build_precedent_garde(tmp_path: Path) -> None:
    # Un gabarit piégé ne touche pas à un build précédent.
    templates = _copy_templates(tmp_path)
    code, _, out = _build(tmp_path, templates)
    assert code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (templates / "html" / "index.html.j2").write_text(
        "{{ cycler.__init__.__globals__ }}", encoding="utf-8"
    )
    code, _, _ = _build(tmp_path, templates)
    assert code == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gabarits", "sortie"]
