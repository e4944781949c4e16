"""Chaque commande qui écrit passe par la même voie (writing/change.py) : cas d'un utilisateur
maladroit ou d'un attaquant, sur la vraie ligne de commande et de vrais fichiers.

Les processus tués le sont pour de vrai (SIGKILL à un instant tiré au hasard, graine fixe) ;
les courses lancent deux commandes en même temps, plusieurs fois (nombre d'essais dit ici).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, column_numbers, run

FA1 = "fiches/bethune/fa-1-places.yaml"
FA2 = "fiches/cabbalr/fa-2-velo.yaml"
XLSX = "anct/plan-action-ACV031.xlsx"  # id_anct de tests/fixtures/positive
RACE_TRIES = 8
KILL_TRIES = 4  # chaque étape de l'écriture est tuée à coup sûr dans test_ecriture.py


def _acv(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "acvkit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def _yaml_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".acv-ecriture" not in p.parts and ".acv-cache" not in p.parts
    }


def _leftovers(folder: Path) -> list[str]:
    return [
        p.name
        for p in folder.rglob("*")
        if p.name.endswith((".tmp", ".acv-nouveau")) or p.name == "journal.json"
    ]


def _no_crash(result_text: str) -> None:
    assert "Erreur interne" not in result_text and "Traceback" not in result_text


@pytest.fixture
def workbook(positive: Path, tmp_path: Path) -> Path:
    """Le tableur du jeu `positive`, FA 1 et FA 2 renommées comme le ferait un partenaire."""
    result = run("build", "--data", str(positive), "--out", str(tmp_path / "out"), "-f", "xlsx")
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(tmp_path / "out" / XLSX)
    ws = wb["Actions"]
    columns = column_numbers(ws)
    for line in range(2, ws.max_row + 1):
        numero = ws.cell(line, columns["N° fiche"]).value
        ws.cell(line, columns["Intitulé de l'action"]).value = f"Titre importé {numero}"
    target = tmp_path / "corrige.xlsx"
    wb.save(target)
    return target


def test_new_suivi_garde_les_fins_de_ligne_crlf(positive: Path) -> None:
    target = positive / FA1
    target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    result = run(
        "new", "suivi", "1", "--statut", "en_cours", "--date", "2025-01-02", "--data", str(positive)
    )
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes()
    assert b"2025-01-02" in raw and raw.count(b"\r\n") == raw.count(b"\n")


@pytest.mark.parametrize(
    ("options", "code"),
    [
        (["--date", "9999-01-01"], "SUI002"),
        (["--note", "a\x1b[31mb\x07"], "YML014"),
        (["--note", "x" * 40_000], "SCH006"),
    ],
    ids=["date-9999", "note-echappement", "note-40000"],
)
def test_new_suivi_refuse_ce_que_le_linter_refuse(
    positive: Path, options: list[str], code: str
) -> None:
    before = _yaml_files(positive)
    result = run("new", "suivi", "1", "--statut", "en_cours", *options, "--data", str(positive))
    assert result.exit_code == 1
    assert code in result.stderr and "rien n'est écrit" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert _yaml_files(positive) == before


def test_new_suivi_accepte_un_suivi_vide(positive: Path) -> None:
    target = positive / FA1
    target.write_text(target.read_text(encoding="utf-8") + "suivi:\n", encoding="utf-8")
    assert run("validate", "--data", str(positive), "--no-cache").exit_code == 0
    result = run(
        "new", "suivi", "1", "--statut", "en_cours", "--date", "2025-01-02", "--data", str(positive)
    )
    assert result.exit_code == 0, result.stderr
    assert "2025-01-02" in target.read_text(encoding="utf-8")


def test_new_suivi_refuse_un_numero_en_double(positive: Path) -> None:
    twin = positive / "fiches/cabbalr/fa-1-double.yaml"
    twin.write_text(
        (positive / FA2).read_text(encoding="utf-8").replace("numero: 2", "numero: 1", 1),
        encoding="utf-8",
    )
    before = _yaml_files(positive)
    result = run("new", "suivi", "1", "--statut", "en_cours", "--data", str(positive))
    assert result.exit_code == 2
    assert "FA 1 est le numéro de 2 fiches" in result.stderr
    assert _yaml_files(positive) == before


def test_new_suivi_cinquante_et_show_abc_en_francais(positive: Path) -> None:
    for args in (["new", "suivi", "cinquante", "--statut", "en_cours"], ["show", "abc"]):
        result = run(*args, "--data", str(positive))
        assert result.exit_code == 2
        assert "n'est pas un nombre entier" in result.stderr
        assert "Input should" not in result.stderr


def test_apercu_d_import_d_un_fichier_en_lecture_seule(positive: Path, workbook: Path) -> None:
    (positive / FA1).chmod(0o444)
    try:
        result = run("import", str(workbook), "--data", str(positive))
    finally:
        (positive / FA1).chmod(0o644)
    _no_crash(result.stdout + result.stderr)
    assert result.exit_code == 0, result.stderr
    assert "relancez avec --write" in result.stdout


def test_summary_github_impossible_a_ecrire(positive: Path, tmp_path: Path) -> None:
    summary = tmp_path / "dossier-resume"
    summary.mkdir()
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    other = tmp_path / "autre"
    shutil.copytree(positive, other)
    (other / FA1).write_text(
        (other / FA1).read_text(encoding="utf-8").replace("titre: ", "titre: Autre ", 1),
        encoding="utf-8",
    )
    for args in (
        ["validate", "--data", str(positive), "--format", "github", "--no-cache"],
        ["diff", "--avant", str(positive), "--apres", str(other), "--format", "github"],
    ):
        process = _acv(*args, env=env)
        out, err = process.communicate(timeout=120)
        _no_crash(out + err)
        assert process.returncode == 2, err
        assert f"écriture impossible dans « {summary} » (GITHUB_STEP_SUMMARY)" in err


def test_new_suivi_dans_un_dossier_en_lecture_seule(positive: Path) -> None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("il faut root et setpriv pour lancer acv en utilisateur sans droits")
    outside = Path(tempfile.mkdtemp(prefix="acv-lecture-seule-"))  # hors du tmp de root (0700)
    try:
        _read_only_suivi(outside, positive)
    finally:
        shutil.rmtree(outside)


def _read_only_suivi(outside: Path, source: Path) -> None:
    positive = outside / "data"
    shutil.copytree(source, positive, ignore=shutil.ignore_patterns(".acv-cache"))
    for path in [positive.parent, positive, *positive.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    before = _yaml_files(positive)
    try:
        done = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
             "-m", "acvkit", "new", "suivi", "1", "--statut", "en_cours", "--data", str(positive)],
            capture_output=True, text=True, cwd="/", timeout=120, check=False,
        )  # fmt: skip
    finally:
        for path in [positive.parent, positive, *positive.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    if "No module named" in done.stderr or "Permission denied: '/root" in done.stderr:
        pytest.skip(f"acv ne se lance pas en nobody ici : {done.stderr[-200:]}")
    _no_crash(done.stdout + done.stderr)
    assert done.returncode == 2, done.stderr
    assert "permission refusée" in done.stderr and str(positive) in done.stderr
    assert _yaml_files(positive) == before


def test_init_parent_impossible_et_aucun_depot_partiel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import acvkit.writing.journal as journal

    options = [
        "--id-anct", "ACV099", "--epci", "CC du Val", "--siren", "200000008",
        "--commune", "Ville-sur-Val:99001", "--periode", "2023-2026",
    ]  # fmt: skip
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    result = run("init", str(blocker / "depot"), *options)
    assert result.exit_code == 2
    assert "écriture impossible" in result.stderr and str(blocker) in result.stderr
    # Disque plein au milieu : aucun dépôt partiel, et un second init réussit.
    real = journal._write_durable
    count = []

    def full(path: Path, raw: bytes, mode: int) -> None:
        count.append(path)
        if len(count) == 10:
            raise OSError(28, "No space left on device", str(path))
        real(path, raw, mode)

    monkeypatch.setattr(journal, "_write_durable", full)
    folder = tmp_path / "depot"
    result = run("init", str(folder), *options)
    assert result.exit_code == 2
    assert "disque plein" in result.stderr and "sortie standard" not in result.stderr
    assert not folder.exists()
    monkeypatch.setattr(journal, "_write_durable", real)
    assert run("init", str(folder), *options).exit_code == 0
    assert run("validate", "--data", str(folder / "data")).exit_code == 0
    assert not (folder / ".acv-ecriture").exists()


@pytest.mark.parametrize(
    "commune", ["Vil\x1b[31mle:99004", "Ville\u2028:99004", "Ville\u202e:99004"]
)
def test_init_refuse_une_commune_a_caractere_de_controle(tmp_path: Path, commune: str) -> None:
    result = run(
        "init", str(tmp_path / "depot"), "--id-anct", "ACV099", "--epci", "CC du Val",
        "--siren", "200000008", "--commune", commune, "--periode", "2023-2026",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "caractère de contrôle ou invisible" in result.stderr
    assert "\x1b" not in result.stderr
    assert not (tmp_path / "depot").exists()


def test_init_nom_trop_long(tmp_path: Path) -> None:
    result = run(
        "init", str(tmp_path / "depot"), "--id-anct", "ACV099", "--epci", "Val " * 10_000,
        "--siren", "200000008", "--commune", "Ville:99004", "--periode", "2023-2026",
    )  # fmt: skip
    assert result.exit_code == 2 and "trop long" in result.stderr
    assert not (tmp_path / "depot").exists()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_import_tue_au_hasard_tout_ancien_ou_tout_nouveau(
    positive: Path, workbook: Path, tmp_path: Path
) -> None:
    """KILL_TRIES essais : import --write tué (SIGKILL) à un instant tiré dans sa durée."""
    pristine = tmp_path / "pristine"
    shutil.copytree(positive, pristine)
    old = _yaml_files(pristine)
    start = time.monotonic()
    whole = _acv("import", str(workbook), "--data", str(positive), "--write")
    out, err = whole.communicate(timeout=120)
    duration = time.monotonic() - start
    assert whole.returncode == 0, err
    new = _yaml_files(positive)
    assert new != old
    rng = random.Random(27)
    for attempt in range(KILL_TRIES):
        folder = tmp_path / f"essai-{attempt}"
        shutil.copytree(pristine, folder)
        process = _acv("import", str(workbook), "--data", str(folder), "--write")
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        # La commande suivante, quelle qu'elle soit, termine ou annule l'écriture interrompue.
        after_run = _acv("validate", "--data", str(folder))
        out, err = after_run.communicate(timeout=120)
        _no_crash(out + err)
        assert _yaml_files(folder) in (old, new), attempt
        assert _leftovers(folder) == []


@pytest.mark.skipif(os.name != "posix", reason="processus concurrents")
def test_import_et_fmt_en_meme_temps_rien_de_perdu(
    positive: Path, workbook: Path, tmp_path: Path
) -> None:
    """RACE_TRIES essais : import --write et fmt lancés ensemble sur le même dossier."""
    # FA 1 à mettre en forme (clés dans le désordre) : fmt et import veulent tous deux l'écrire.
    target = positive / FA1
    text = target.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    target.write_text(rest + first + "\n", encoding="utf-8")
    pristine = tmp_path / "pristine"
    shutil.copytree(positive, pristine)
    refused = 0
    for attempt in range(RACE_TRIES):
        folder = tmp_path / f"essai-{attempt}"
        shutil.copytree(pristine, folder)
        importing = _acv("import", str(workbook), "--data", str(folder), "--write")
        formatting = _acv("fmt", "--data", str(folder))
        out_i, err_i = importing.communicate(timeout=120)
        out_f, err_f = formatting.communicate(timeout=120)
        _no_crash(out_i + err_i + out_f + err_f)
        final = (folder / FA1).read_text(encoding="utf-8")
        assert importing.returncode in (0, 2), err_i
        assert formatting.returncode in (0, 2), err_f
        if importing.returncode == 0:
            assert "Titre importé 1" in final, (attempt, err_f)  # jamais perdu
        else:
            refused += 1
            assert "a changé pendant la commande" in err_i or "une autre commande" in err_i
        if formatting.returncode == 0 and importing.returncode == 2:
            assert final.startswith("numero: 1\n")  # la mise en forme est là
        if formatting.returncode == 2:
            assert "a changé pendant la commande" in err_f or "une autre commande" in err_f
        assert _leftovers(folder) == []
    print(f"{RACE_TRIES} essais, {refused} import(s) refusé(s) pour ne rien perdre")


def test_fmt_sur_u2028_dans_un_texte_entre_guillemets(positive: Path) -> None:
    import yaml

    target = positive / FA1
    text = target.read_text(encoding="utf-8")
    text = text.replace(
        "titre: Aménagement des places", 'titre: "Aménagement\u2028des\u2029places"'
    )
    target.write_text(text.replace("numero: 1\n", "numero:   1\n"), encoding="utf-8")
    assert run("validate", "--data", str(positive), "--no-cache").exit_code == 0
    check = run("fmt", "--data", str(positive), "--check")
    _no_crash(check.stdout + check.stderr)
    assert check.exit_code == 1
    diff = run("fmt", "--data", str(positive), "--diff")
    assert "\u2028" not in diff.stdout and "\\u2028" in diff.stdout  # échappé à l'affichage
    assert run("fmt", "--data", str(positive)).exit_code == 0
    titre = yaml.safe_load(target.read_text(encoding="utf-8"))["titre"]
    assert titre == "Aménagement\u2028des\u2029places"  # la donnée est intacte
    assert run("fmt", "--data", str(positive), "--check").exit_code == 0
