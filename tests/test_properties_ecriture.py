"""Propriété de l'écriture (writing/change.py, `make fuzz`) : des modifications tirées au hasard
(fichiers changés, créés dans de nouveaux dossiers, fins de ligne CRLF, BOM), un processus tué
à une étape tirée au hasard (os._exit dans un processus fils : ni finally, ni nettoyage) ; après
la reprise que fait toute commande suivante, le dossier est tout ancien ou tout nouveau, et
aucun fichier provisoire ne reste.

Le nombre d'exemples vient de ACV_FUZZ_EXAMPLES (ACV_FUZZ_EXAMPLES / 100, au moins 10 : 100 pour
`make fuzz`, une quinzaine de secondes).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acvkit.writing.change import data_change
from acvkit.writing.journal import STATE, pending, recover
from tests.conftest import POSITIVE

FUZZ_EXAMPLES = int(os.environ.get("ACV_FUZZ_EXAMPLES", "200"))
EXISTING = sorted(
    p.relative_to(POSITIVE).as_posix() for p in POSITIVE.rglob("*.yaml") if p.is_file()
)


def _files(folder: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in {f"{STATE}/.gitignore", f"{STATE}/verrou"}:
            out[relative] = path.read_bytes()
    return out


edits = st.dictionaries(
    st.sampled_from(EXISTING),
    st.tuples(st.text(alphabet="abcé #:\n", max_size=20), st.booleans(), st.booleans()),
    max_size=4,
)
creations = st.lists(
    st.tuples(
        st.lists(st.sampled_from(["neuf", "a", "b", "sous"]), min_size=0, max_size=2).map(tuple),
        st.sampled_from(["x.yaml", "y.yml", "notes.txt"]),
    ),
    max_size=3,
    unique=True,
)


def _prepare(folder: Path, changed: dict[str, tuple[str, bool, bool]]) -> None:
    for relative, (_extra, as_crlf, bom) in changed.items():
        path = folder / relative
        raw = path.read_bytes()
        if as_crlf:
            raw = raw.replace(b"\n", b"\r\n")
        if bom:
            raw = b"\xef\xbb\xbf" + raw
        path.write_bytes(raw)


def _expected(before: dict[str, bytes], plan: dict[str, str]) -> dict[str, bytes]:
    from acvkit.writing.change import encoded

    after = dict(before)
    for relative, text in plan.items():
        after[relative] = encoded(text, before.get(relative))
    return after


def _write_and_die(root: Path, stop: int, plan: dict[str, str], new: set[str]) -> int:
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
        with data_change(root, None) as change:
            for relative, text in plan.items():
                if relative in new:
                    change.create(root / relative, text)
                else:
                    change.write(root / relative, text)
    except BaseException:
        os._exit(1)
    os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork absent")
@settings(
    max_examples=max(10, FUZZ_EXAMPLES // 100),
    deadline=None,
    derandomize=os.environ.get("ACV_FUZZ_DERANDOMIZE") == "1",
    suppress_health_check=[HealthCheck.too_slow],
)
@given(edits, creations, st.integers(min_value=1, max_value=40))
def test_tue_au_hasard_tout_ancien_ou_tout_nouveau(
    changed: dict[str, tuple[str, bool, bool]],
    created: list[tuple[tuple[str, ...], str]],
    stop: int,
) -> None:
    with tempfile.TemporaryDirectory(prefix="acv-ecriture-") as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(POSITIVE, folder)
        _prepare(folder, changed)
        before = _files(folder)
        plan = {
            r: before[r].decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n") + extra
            for r, (extra, _, _) in changed.items()
        }
        new = {"/".join(["fiches", *parts, name]) for parts, name in created}
        plan |= {r: f"# nouveau {r}\n" for r in new if r not in plan}
        code = _write_and_die(folder, stop, plan, new)
        assert code in (0, 9)
        recover(folder)
        after = _files(folder)
        assert after in (before, _expected(before, plan)), (stop, code)
        if code == 0:
            assert after == _expected(before, plan)
        assert not pending(folder)
        if after == before:  # les dossiers créés pour l'écriture sont retirés
            for relative in new:
                assert not (folder / relative).parent.exists() or (
                    folder / relative
                ).parent.relative_to(folder).as_posix() in {"fiches", "fiches/bethune"}
