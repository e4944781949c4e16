"""Le chemin à chaud de `acv validate` : relevé des états de fichiers (comme l'index de git), vues
qui écrivent d'un coup, et un résultat repris du cache qui ne charge ni modèles ni règles."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from acvkit import cache_files
from acvkit.config import Config
from acvkit.diagnostics import Diagnostic, Severity
from acvkit.linting.docs_url import rule_url
from acvkit.linting.engine import Linter
from acvkit.linting.report import LintReport
from acvkit.loading.discovery import Found, Read, read_found
from acvkit.reporters import reporter
from acvkit.reporters.options import ReportOptions
from acvkit.rules import ALL_RULES
from tests.conftest import AVENANT


def _rows(report: LintReport) -> list[tuple[str, int, int, str, str]]:
    return [(d.path, d.line, d.column, d.code, d.message) for d in report.diagnostics]


class _Counting(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, s: str) -> int:
        self.writes += 1
        return super().write(s)


def _many_diagnostics(n: int) -> LintReport:
    codes = [*sorted(ALL_RULES), "XYZ999"]  # un code inconnu : rule et url à null
    messages = ['« guillemets » et "doubles"', "contrôle \x1b[31m et \\ barre", "é\u2028ligne", ""]
    diagnostics = [
        Diagnostic(
            f"fiches/f{i % 97:03d}.yaml",
            i % 500 + 1,
            i % 7 + 1,
            codes[i % len(codes)],
            Severity.ERROR if i % 3 else Severity.WARNING,
            f"{messages[i % len(messages)]} n°{i}",
        )
        for i in range(n)
    ]
    return LintReport(sorted(diagnostics), lambda: pytest.fail("jeu de données non demandé"))


def _json_previous(report: LintReport, docs_base: str | None) -> str:
    """La vue JSON d'avant : json.dump en flux, nom et lien tirés du registre des règles."""
    rows = []
    for d in report.diagnostics:
        rule = ALL_RULES.get(d.code)
        rows.append(
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "rule": rule.name if rule else None,
                "url": rule_url(rule.code, docs_base) if rule else None,
            }
        )
    out = io.StringIO()
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return out.getvalue()


@pytest.mark.parametrize("docs_base", [None, "https://exemple.fr/regles.md"])
def test_vue_json_identique_a_l_ancienne_en_une_ecriture(docs_base: str | None) -> None:
    report = _many_diagnostics(5000)
    stream = _Counting()
    reporter("json")(report, stream, ReportOptions(docs_base=docs_base))
    # Les mêmes données ; seuls U+2028 et les autres séparateurs sont écrits « \u2028 » (une
    # sortie ne contient aucun caractère de contrôle brut).
    assert json.loads(stream.getvalue()) == json.loads(_json_previous(report, docs_base))
    assert stream.getvalue() == _json_previous(report, docs_base).replace("\u2028", "\\u2028")
    assert stream.writes <= 2
    assert '"rule": null' in stream.getvalue() and "XYZ999" in stream.getvalue()


@pytest.mark.parametrize("name", ["json", "text", "github", "gitlab", "sarif"])
def test_aucune_vue_n_ecrit_diagnostic_par_diagnostic(name: str) -> None:
    report = _many_diagnostics(3000)
    stream = _Counting()
    reporter(name)(report, stream, ReportOptions())
    assert stream.writes <= 2, stream.writes
    assert stream.getvalue().count("n°2999") == 1


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Les fichiers relus par l'empreinte du dossier."""
    seen: list[str] = []
    original = read_found

    def counting(found: Found, max_bytes: int, root: str) -> Read:
        seen.append(found.relative)
        return original(found, max_bytes, root)

    monkeypatch.setattr("acvkit.linting.warm.read_found", counting)
    return seen


def test_un_dossier_inchange_n_est_ni_relu_ni_hache(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_files, "RACY_MARGIN_NS", 0)
    cold = Linter(Config(), cache=True).lint(positive)
    reads = _reads(monkeypatch)
    warm = Linter(Config(), cache=True).lint(positive)
    assert reads == []
    assert _rows(warm) == _rows(cold)


def test_fichier_reecrit_meme_taille_et_meme_date_vu_par_son_ctime(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_files, "RACY_MARGIN_NS", 0)
    fiche = positive / "fiches/bethune/fa-1-places.yaml"
    assert _rows(Linter(Config(), cache=True).lint(positive)) == []
    before = fiche.stat()
    time.sleep(0.05)  # au-delà du tic de l'horloge des fichiers
    texte = fiche.read_text(encoding="utf-8")
    fiche.write_text(texte.replace('sous_axe: "4.2"', 'sous_axe: "4.9"'), encoding="utf-8")
    os.utime(fiche, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = fiche.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    reads = _reads(monkeypatch)
    rows = _rows(Linter(Config(), cache=True).lint(positive))
    assert reads == ["fiches/bethune/fa-1-places.yaml"]
    assert [(r[1], r[3]) for r in rows] == [(5, "INT003")]
    assert rows == _rows(Linter(Config()).lint(positive))  # comme sans cache


def test_fichier_touche_mais_identique_redonne_le_resultat(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_files, "RACY_MARGIN_NS", 0)
    fiche = positive / "fiches/bethune/fa-1-places.yaml"
    texte = fiche.read_text(encoding="utf-8")
    fiche.write_text(texte.replace('sous_axe: "4.2"', 'sous_axe: "4.9"'), encoding="utf-8")
    cold = _rows(Linter(Config(), cache=True).lint(positive))
    assert cold != []
    time.sleep(0.05)
    os.utime(fiche)  # touch : nouvelle date, même contenu
    reads = _reads(monkeypatch)

    def no_full_lint(*args: object) -> LintReport:
        raise AssertionError("le résultat d'ensemble aurait dû être repris du cache")

    monkeypatch.setattr(Linter, "_lint_folder", no_full_lint)
    # Relu et haché (son état a changé), mais le contenu est le même : le résultat est repris.
    assert _rows(Linter(Config(), cache=True).lint(positive)) == cold
    assert reads == ["fiches/bethune/fa-1-places.yaml"]
    # Le relevé a pris le nouvel état : la fois suivante, rien n'est relu.
    assert _rows(Linter(Config(), cache=True).lint(positive)) == cold
    assert reads == ["fiches/bethune/fa-1-places.yaml"]


def test_un_fichier_modifie_pres_du_releve_est_toujours_relu(positive: Path) -> None:
    # Marge par défaut : un fichier écrit dans les deux dernières secondes n'est pas cru sur son état.
    Linter(Config(), cache=True).lint(positive)
    index = cache_files.StatIndex(positive)
    index.load()
    assert index.entries  # relevé écrit
    relative, (etat, *_) = next(iter(index.entries.items()))
    assert index.get(relative, etat) is None
    index.recorded_ns = max(etat[1], etat[2]) + cache_files.RACY_MARGIN_NS + 1
    assert index.get(relative, etat) is not None
    changed = (etat[0], etat[1], etat[2] + 1, etat[3], etat[4])
    assert index.get(relative, changed) is None


_MODULES = (
    "ruamel",
    "openpyxl",
    "jinja2",
    "docx",
    "rich",
    "acvkit.rules",
    "acvkit.models",
    "acvkit.loading.dataset",
)


def _loaded_after_run(code: str, data: Path) -> tuple[list[str], str]:
    """Les modules chargés après le code, et ce qu'il a écrit avant de les lister."""
    done = subprocess.run(
        [sys.executable, "-c", code, str(data)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    output, _, modules = done.stdout.rstrip("\n").rpartition("\n")
    return list(json.loads(modules)), output


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_validate_a_chaud_ne_charge_ni_modeles_ni_regles(
    output_format: str, tmp_path: Path
) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(AVENANT, data)
    cli = (
        "import json, sys\n"
        "from acvkit.cli import app\n"
        f"try:\n    app(['validate', '--data', sys.argv[1], '-f', '{output_format}'], prog_name='acv')\n"
        "except SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {_MODULES!r} if m in sys.modules)))\n"
    )
    cold, cold_output = _loaded_after_run(cli, data)
    assert "acvkit.rules" in cold  # à froid : tout est chargé (le test voit bien les modules)
    warm, warm_output = _loaded_after_run(cli, data)
    assert warm == []
    assert warm_output == cold_output and "CON00" in cold_output
    # Par l'API, sans la ligne de commande : pas de pydantic non plus.
    api = (
        "import json, sys\n"
        "from acvkit import api\n"
        "from acvkit.reporters import reporter\n"
        "config = api.load_config(sys.argv[1])\n"
        "report = api.validate(sys.argv[1], config).report\n"
        f"reporter('{output_format}')(report, sys.stdout, api.report_options(sys.argv[1], 'text'))\n"
        f"print(json.dumps(sorted(m for m in {(*_MODULES, 'pydantic')!r} if m in sys.modules)))\n"
    )
    modules, output = _loaded_after_run(api, data)
    assert modules == []
    assert output == cold_output


def test_schema_hors_des_donnees_supprime_vu_a_chaud(tmp_path: Path) -> None:
    """Une ligne de schéma qui mène hors de data/ : supprimer sa cible change le résultat à chaud
    comme à froid (le relevé garde la cible de chaque fichier et regarde si elle existe encore)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(AVENANT, data)
    fiche = data / "fiches/bethune/fa-41-amo-plan-mobilite-durable.yaml"
    outside = tmp_path / "ailleurs/fiche.schema.json"
    outside.parent.mkdir()
    outside.write_text("{}\n", encoding="utf-8")
    texte = fiche.read_text(encoding="utf-8")
    fiche.write_text(
        texte.replace("$schema=../../../schemas/", "$schema=../../../ailleurs/", 1),
        encoding="utf-8",
    )

    def str004() -> tuple[list[tuple[str, int, int, str, str]], ...]:
        warm = [r for r in _rows(Linter(Config(), cache=True).lint(data)) if r[3] == "STR004"]
        cold = [r for r in _rows(Linter(Config()).lint(data)) if r[3] == "STR004"]
        return warm, cold

    assert str004() == ([], [])
    Linter(Config(), cache=True).lint(data)  # le relevé est écrit, le résultat mis en cache
    outside.unlink()
    warm, cold = str004()
    assert warm == cold and [r[0] for r in cold] == [fiche.as_posix()]
    assert "introuvable" in cold[0][4]
    outside.write_text("{}\n", encoding="utf-8")  # rétablie : plus rien, à chaud comme à froid
    assert str004() == ([], [])


def test_tables_des_regles_elaguees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chaque version du code écrit sa table des noms de règles dans le dossier de cache de
    l'utilisateur : seules les KEPT_TABLES plus récentes restent, la courante comprise."""
    import sys as system

    from acvkit.linting import catalogue

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "acvkit"
    folder.mkdir()
    for i in range(10):
        old = folder / f"regles-{i:016x}.pickle"
        old.write_bytes(b"ancienne")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    table = catalogue._from_rules()
    # Comme dans un processus qui n'a pas chargé les règles : la table est cherchée, puis écrite.
    monkeypatch.delitem(system.modules, "acvkit.rules")
    monkeypatch.setattr(catalogue, "_from_rules", lambda: table)
    names = catalogue.rule_names()
    assert names["STR004"] == "ligne-de-schema"
    left = sorted(p.name for p in folder.glob("regles-*.pickle"))
    assert len(left) == catalogue.KEPT_TABLES
    assert {f"regles-{i:016x}.pickle" for i in (7, 8, 9)} <= set(left)
