"""L'écriture du dossier de données (writing/change.py) : vérifiée, tout ou rien, sans course.

Chaque cas lance du vrai code sur de vrais fichiers : les processus tués le sont pour de vrai
(os._exit au milieu de l'écriture, dans un processus à part), et le dossier est relu ensuite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from acvkit.config import Config
from acvkit.writing.change import ResultRefused, WriteError, data_change
from acvkit.writing.journal import JOURNAL, STAGED_SUFFIX, STATE, locked, pending, recover
from tests.conftest import ROOT

FA1 = "fiches/bethune/fa-1-places.yaml"
FA2 = "fiches/cabbalr/fa-2-velo.yaml"


def _files(folder: Path) -> dict[str, bytes]:
    """Tous les fichiers du dossier (cachés compris), sauf l'état permanent du verrou."""
    out = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in {f"{STATE}/.gitignore", f"{STATE}/verrou"}:
            out[relative] = path.read_bytes()
    return out


def test_fins_de_ligne_crlf_et_bom_gardes(positive: Path) -> None:
    target = positive / FA1
    target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\n", b"\r\n"))
    with data_change(positive, Config()) as change:
        texte = change.read(target)
        change.write(target, texte.replace("\r\n", "\n").replace("titre: ", "titre: Neuf ", 1))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"titre: Neuf " in raw
    assert raw.count(b"\r\n") == raw.count(b"\n")  # aucune fin de ligne LF seule
    assert change.written == [target]
    assert not pending(positive)
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # aucun reste


def test_un_resultat_en_erreur_n_ecrit_rien(positive: Path) -> None:
    before = _files(positive)
    with pytest.raises(ResultRefused) as refused, data_change(positive, Config()) as change:
        change.write(positive / FA1, "numero: abc\n")
        change.write(positive / FA2, (positive / FA2).read_text(encoding="utf-8") + "\n")
    assert any("SCH003" in line and "fa-1-places.yaml" in line for line in refused.value.lines)
    assert _files(positive) == before


def test_une_erreur_deja_presente_n_empeche_pas_d_ecrire(positive: Path) -> None:
    # fix et fmt travaillent sur des dossiers en erreur : seule une erreur nouvelle refuse.
    broken = positive / FA2
    broken.write_text("numero: abc\n", encoding="utf-8")
    target = positive / FA1
    with data_change(positive, Config()) as change:
        change.write(target, change.read(target) + "# vu\n")
    assert target.read_text(encoding="utf-8").endswith("# vu\n")


def test_un_fichier_change_entre_lecture_et_ecriture_est_refuse(positive: Path) -> None:
    target = positive / FA1
    with (
        pytest.raises(WriteError, match="a changé pendant la commande"),
        data_change(positive, Config()) as change,
    ):
        texte = change.read(target)
        target.write_text(texte + "# ajouté par un autre\n", encoding="utf-8")
        change.write(target, texte + "# ma modification\n")
    assert target.read_text(encoding="utf-8").endswith("# ajouté par un autre\n")


def test_un_fichier_cree_entre_temps_est_refuse(positive: Path) -> None:
    new = positive / "fiches/bethune/fa-9-neuve.yaml"
    with (
        pytest.raises(WriteError, match="créé par un autre programme"),
        data_change(positive, None) as change,
    ):
        change.create(new, "a: 1\n")
        new.write_text("b: 2\n", encoding="utf-8")
    assert new.read_text(encoding="utf-8") == "b: 2\n"


def test_une_exception_dans_le_bloc_n_ecrit_rien(positive: Path) -> None:
    before = _files(positive)
    with pytest.raises(KeyError), data_change(positive, Config()) as change:
        change.write(positive / FA1, "titre: x\n")
        raise KeyError("x")
    assert _files(positive) == before


def test_erreur_du_systeme_en_francais_et_rien_d_ecrit(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import acvkit.writing.journal as journal

    real = journal._write_durable
    calls = []

    def full(path: Path, raw: bytes, mode: int) -> None:
        calls.append(path)
        if len(calls) == 3:  # le second fichier posé
            raise OSError(28, "No space left on device", str(path))
        real(path, raw, mode)

    monkeypatch.setattr(journal, "_write_durable", full)
    before = _files(positive)
    with pytest.raises(WriteError) as error, data_change(positive, Config()) as change:
        change.write(positive / FA1, change.read(positive / FA1) + "# a\n")
        change.write(positive / FA2, change.read(positive / FA2) + "# b\n")
    assert "disque plein" in str(error.value)
    assert f"« {os.path.realpath(positive / FA2)} »" in str(
        error.value
    )  # le fichier, pas son texte posé
    assert _files(positive) == before


def test_un_remplacement_qui_echoue_remet_les_premiers(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.replace
    count = []

    def flaky(self: Path, target: Path) -> Path:
        if str(self).endswith(STAGED_SUFFIX) and not str(self).endswith(".json" + STAGED_SUFFIX):
            count.append(self)
            if len(count) == 2:
                raise PermissionError(13, "Permission denied", str(target))
        return real(self, target)

    monkeypatch.setattr(Path, "replace", flaky)
    before = _files(positive)
    with (
        pytest.raises(WriteError, match="permission refusée"),
        data_change(positive, Config()) as change,
    ):
        change.write(positive / FA1, change.read(positive / FA1) + "# a\n")
        change.write(positive / FA2, change.read(positive / FA2) + "# b\n")
    assert _files(positive) == before


def test_le_verrou_tenu_par_une_autre_commande(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import acvkit.writing.journal as journal

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from acvkit.writing.journal import locked\n"
            f"with locked(Path({str(positive)!r})):\n"
            "    print('tenu', flush=True); time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "tenu"
        monkeypatch.setattr(journal, "LOCK_WAIT", 0.2)
        with (
            pytest.raises(WriteError, match="une autre commande acv écrit"),
            data_change(positive, Config()) as change,
        ):
            change.write(positive / FA1, change.read(positive / FA1) + "# a\n")
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # Le processus tué a perdu son verrou : l'écriture passe.
    with data_change(positive, Config()) as change:
        change.write(positive / FA1, change.read(positive / FA1) + "# a\n")
    with locked(positive):
        pass


# --- tué à chaque étape de l'écriture --------------------------------------------------------


def _write_and_die(root: Path, stop: int, new_fiche: bytes) -> int:
    """Dans un processus fils (fork) : deux fichiers modifiés, un créé dans un nouveau dossier.

    Chaque appel qui écrit (poser un fichier, renommer, créer ou retirer) compte une étape ; à
    l'étape `stop` le fils meurt sur le coup (os._exit : ni finally, ni nettoyage). Rend le code
    de sortie du fils : 9 s'il a été tué, 0 s'il a tout fini.
    """
    pid = os.fork()
    if pid:
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    try:
        import acvkit.writing.journal as journal

        steps = [0]

        def wrap(owner: object, name: str) -> None:
            real = getattr(owner, name)

            def wrapped(*args: object, **kwargs: object) -> object:
                steps[0] += 1
                if steps[0] == stop:
                    os._exit(9)
                return real(*args, **kwargs)

            setattr(owner, name, wrapped)

        wrap(journal, "_write_durable")
        for name in ("replace", "mkdir", "unlink", "rmdir"):
            wrap(Path, name)
        with data_change(root, None) as change:  # sans le linter : seule l'écriture compte ici
            for relative in (FA1, "partenaires.yaml"):
                change.write(root / relative, change.read(root / relative) + "# nouveau\n")
            change.create(root / FA2, new_fiche.decode())
    except BaseException:
        os._exit(1)
    os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork absent")
def test_tue_a_chaque_etape_le_dossier_est_tout_ancien_ou_tout_nouveau(
    positive: Path, tmp_path: Path
) -> None:
    import shutil

    new_fiche = (positive / FA2).read_bytes()
    pristine = tmp_path / "pristine"
    shutil.copytree(positive, pristine)
    shutil.rmtree(pristine / "fiches/cabbalr")  # créé, avec son dossier, par l'écriture
    old = _files(pristine)
    outcomes: list[str] = []
    stop = 1
    while True:
        folder = tmp_path / f"essai-{stop}"
        shutil.copytree(pristine, folder)
        code = _write_and_die(folder, stop, new_fiche)
        assert code in (0, 9), code
        message = recover(folder)  # ce que fait la commande suivante, quelle qu'elle soit
        after = _files(folder)
        if after == old:
            assert not (folder / "fiches/cabbalr").exists()  # dossier créé : retiré aussi
            outcomes.append("ancien")
        else:
            assert set(after) == set(old) | {FA2}, (stop, message)
            assert after[FA2] == new_fiche
            for relative in (FA1, "partenaires.yaml"):
                assert after[relative] == old[relative] + b"# nouveau\n"
            outcomes.append("nouveau")
        assert not pending(folder) and not (folder / JOURNAL).exists()
        shutil.rmtree(folder)
        if code == 0:
            break
        stop += 1
    # Toutes les étapes ont été essayées (une par essai) : tué avant l'instant de l'écriture,
    # tout est ancien ; après, tout est nouveau ; jamais un mélange.
    print(f"{len(outcomes)} essais : {outcomes}")
    assert len(outcomes) >= 12, outcomes
    first_new = outcomes.index("nouveau")
    assert outcomes[:first_new] == ["ancien"] * first_new
    assert outcomes[first_new:] == ["nouveau"] * (len(outcomes) - first_new)
    assert first_new >= 5


def test_les_restes_d_une_version_precedente_sont_retires(positive: Path) -> None:
    target = positive / FA1
    leftover = target.with_name(f".{target.name}.ab12cd_9.tmp")  # un import tué d'avant
    leftover.write_text("reste\n", encoding="utf-8")
    other = target.with_name(".notes.ab12cd_9.tmp")  # pas le temporaire d'un fichier existant
    other.write_text("à garder\n", encoding="utf-8")
    with data_change(positive, Config()) as change:
        change.write(target, change.read(target) + "# a\n")
    assert not leftover.exists() and other.exists()
