"""Un build interrompu ou refusé par le système laisse la sortie précédente, entière, sans reste.

La panne est injectée après le k-ième fichier écrit (exception du système, ou processus tué net
par os._exit dans un processus fils) ; la sortie doit être octet pour octet l'ancien build ou le
nouveau, et aucun fichier temporaire ne doit rester (au plus tard après le build suivant).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from acvkit.annexes import staging
from tests.conftest import POSITIVE, edit, run

FORMATS = "html,md"
FICHE = "fiches/bethune/fa-1-places.yaml"


def _etat(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _restes(out: Path) -> list[str]:
    return sorted(
        p.name
        for p in out.parent.iterdir()
        if p.name.startswith(f".{out.name}.") or p.name.endswith(".tmp")
    )


def _build(data: Path, out: Path) -> tuple[int, str]:
    result = run("build", "--data", str(data), "--out", str(out), "--format", FORMATS)
    output = result.stdout + result.stderr
    assert "Erreur interne" not in output and "Traceback" not in output
    return result.exit_code, output


@pytest.fixture
def two_builds(
    positive: Path, tmp_path: Path
) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """Une sortie au contenu de l'ancien build ; le contenu attendu du nouveau (données modifiées)."""
    out = tmp_path / "sortie"
    fresh = tmp_path / "neuf"
    assert _build(positive, out)[0] == 0
    (out / "a-la-main.txt").write_text("ajouté à la main\n", encoding="utf-8")
    old = _etat(out)
    edit(positive / FICHE, "titre: Aménagement des places", "titre: Aménagement des deux places")
    assert _build(positive, fresh)[0] == 0
    expected = {**old, **_etat(fresh)}
    shutil.rmtree(fresh)
    assert expected != old
    return positive, out, old, expected


def _written_count(old: dict[str, bytes], expected: dict[str, bytes]) -> int:
    return sum(1 for k, v in expected.items() if old.get(k) != v)


def test_panne_apres_chaque_fichier(
    two_builds: tuple[Path, Path, dict[str, bytes], dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, out, old, expected = two_builds
    original = staging._write_file
    n = _written_count(old, expected)
    assert n >= 2
    for k in range(n):
        counts = {"n": 0}

        def write(
            target: Path, content: bytes, k: int = k, counts: dict[str, int] = counts
        ) -> None:
            if counts["n"] == k:
                raise OSError(errno.ENOSPC, "No space left on device", str(target))
            counts["n"] += 1
            original(target, content)

        monkeypatch.setattr(staging, "_write_file", write)
        code, output = _build(data, out)
        assert code == 2
        assert "disque plein" in output
        assert f"« {out}/" in output
        assert _etat(out) == old, f"sortie mélangée après {k} fichier(s)"
        assert _restes(out) == []
    monkeypatch.setattr(staging, "_write_file", original)
    assert _build(data, out)[0] == 0
    assert _etat(out) == expected
    assert _restes(out) == []


def _kill_after(k: int) -> None:
    """Dans un processus fils : os._exit(9) au k-ième fichier écrit, ou à l'échange des dossiers."""
    original = staging._write_file
    counts = [0]

    def write(target: Path, content: bytes) -> None:
        if counts[0] == k:
            os._exit(9)
        counts[0] += 1
        original(target, content)

    staging._write_file = write
    staging._exchange = lambda a, b: os._exit(9)


def test_processus_tue_apres_chaque_fichier(
    two_builds: tuple[Path, Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    data, out, old, expected = two_builds
    n = _written_count(old, expected)
    for k in [0, n // 2, n - 1, n]:
        pid = os.fork()
        if pid == 0:  # processus fils : tué net après k fichiers (ou juste avant l'échange)
            try:
                _kill_after(k)
                run("build", "--data", str(data), "--out", str(out), "--format", FORMATS)
            finally:
                os._exit(0)
        _, statut = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(statut) == 9
        assert _etat(out) == old, f"sortie mélangée après {k} fichier(s)"
    assert _build(data, out)[0] == 0
    assert _etat(out) == expected
    assert _restes(out) == []  # les préparations des builds tués ont été retirées


def test_arret_entre_les_deux_renommages(
    two_builds: tuple[Path, Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    # Sans échange atomique : l'ancien dossier mis de côté, le neuf pas encore en place.
    data, out, old, expected = two_builds
    out.rename(out.parent / f".{out.name}{staging.OLD}x1")
    staging.clean_up(out)
    assert _etat(out) == old
    assert _restes(out) == []
    assert _build(data, out)[0] == 0
    assert _etat(out) == expected


def test_temporaires_d_anciennes_ecritures_retires(
    two_builds: tuple[Path, Path, dict[str, bytes], dict[str, bytes]],
) -> None:
    data, out, _, expected = two_builds
    reste = out / "html" / ".index.html.ab12cd34.tmp"
    reste.write_bytes(b"reste d'un build tue")
    assert _build(data, out)[0] == 0
    assert not reste.exists()
    assert _etat(out) == expected


def test_sans_echange_atomique(
    two_builds: tuple[Path, Path, dict[str, bytes], dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, out, _, expected = two_builds
    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    assert _build(data, out)[0] == 0
    assert _etat(out) == expected
    assert _restes(out) == []


def test_sortie_qui_est_un_fichier(tmp_path: Path) -> None:
    out = tmp_path / "sortie"
    out.write_text("garde-moi\n", encoding="utf-8")
    code, output = _build(POSITIVE, out)
    assert code == 2
    assert f"la sortie « {out} » est un fichier, pas un dossier" in output
    assert out.read_text(encoding="utf-8") == "garde-moi\n"
    assert _restes(out) == []


def test_sortie_dans_un_fichier(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    code, output = _build(POSITIVE, tmp_path / "fichier" / "sortie")
    assert code == 2
    assert f"« {tmp_path / 'fichier'} » est un fichier, pas un dossier" in output


def test_sous_dossier_en_lecture_seule(
    positive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "sortie"
    assert _build(positive, out)[0] == 0
    old = _etat(out)
    edit(positive / FICHE, "titre: Aménagement des places", "titre: Autre titre")

    def refuse(target: Path, content: bytes) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(staging, "_write_file", refuse)
    code, output = _build(positive, out)
    assert code == 2
    assert "permission refusée" in output
    assert _etat(out) == old
    assert _restes(out) == []


def test_permission_refusee_pour_de_vrai() -> None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("il faut root et setpriv pour lancer acv en utilisateur sans droits")
    root_dir = Path(tempfile.mkdtemp(prefix="acv-sortie-"))
    try:
        root_dir.chmod(0o755)
        data = root_dir / "data"
        shutil.copytree(POSITIVE, data, ignore=shutil.ignore_patterns(".acv-cache"))
        for path in [data, *data.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o644)
        out = root_dir / "sortie"  # racine appartient à root, en 755 : nobody n'y crée rien
        result = subprocess.run(
            [
                *["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable],
                *["-m", "acvkit", "build", "--data", str(data), "--out", str(out), "-f", "md"],
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if "No module named" in result.stderr:
            pytest.skip("acvkit illisible pour nobody ici")
        assert result.returncode == 2, result.stderr
        assert f"écriture impossible dans « {root_dir} » : permission refusée" in result.stderr
        assert "Erreur interne" not in result.stderr
        assert not out.exists()
    finally:
        shutil.rmtree(root_dir)


@pytest.mark.parametrize("command", [["costs"], ["list"], ["costs", "--format", "csv"]])
def test_sortie_standard_pleine(command: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("pas de /dev/full ici")
    with Path("/dev/full").open("w", encoding="utf-8") as full_device:
        result = subprocess.run(
            [sys.executable, "-m", "acvkit", *command, "--data", str(POSITIVE)],
            stdout=full_device,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2
    assert "écriture impossible dans la sortie standard : disque plein" in result.stderr
    assert "Erreur interne" not in result.stderr


def test_fmt_retire_les_temporaires_et_dit_l_erreur(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fiche = positive / FICHE
    reste = fiche.parent / f".{fiche.name}.ab12cd_9.tmp"
    reste.write_text("reste d'un fmt tué\n", encoding="utf-8")
    autre = fiche.parent / ".notes.ab12cd_9.tmp"  # pas le temporaire d'un fichier existant
    autre.write_text("à garder\n", encoding="utf-8")
    before = fiche.read_bytes()
    fiche.write_bytes(before.replace(b"numero: 1\n", b"numero:    1\n"))
    import acvkit.writing.journal

    real = acvkit.writing.journal._write_durable

    def refuse(target: Path, content: bytes, mode: int) -> None:
        if target.name.endswith(".yaml.acv-nouveau"):  # le texte posé à côté de la fiche
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        real(target, content, mode)

    monkeypatch.setattr(acvkit.writing.journal, "_write_durable", refuse)
    result = run("fmt", "--data", str(positive))
    assert result.exit_code == 2
    assert f"écriture impossible dans « {fiche} » : permission refusée" in result.stderr
    assert not list(positive.rglob("*.acv-nouveau"))
    assert not reste.exists()
    assert autre.exists()
    assert fiche.read_bytes() == before.replace(b"numero: 1\n", b"numero:    1\n")


def test_show_config_invalide(positive: Path) -> None:
    (positive / "acv.toml").write_text("select = [\n", encoding="utf-8")
    result = run("show", "1", "--data", str(positive))
    assert result.exit_code == 2
    assert "Erreur interne" not in result.stdout + result.stderr
    assert "acv.toml" in result.stderr
