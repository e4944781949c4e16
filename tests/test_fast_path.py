"""Le chemin rapide (libyaml, cache, parallélisme) ne change rien aux résultats : mêmes données, mêmes positions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acvkit.config import Config
from acvkit.linting.engine import Linter, LintReport
from acvkit.yaml.document import YamlDocument
from acvkit.yaml.fast import IMPLICIT_1_2, Fallback, fast_load, index_paths
from acvkit.yaml.positions import lookup
from acvkit.yaml.reader import parse_text
from tests.conftest import AVENANT, FIXTURES, edit, paths, run


def _plain(node: object) -> object:
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _rows(report: LintReport) -> list[tuple[str, int, int, str, str]]:
    return [(d.path, d.line, d.column, d.code, d.message) for d in report.diagnostics]


def test_resolveurs_identiques_a_ruamel() -> None:
    from ruamel.yaml import resolver

    theirs = [
        (t, r.pattern, r.flags, f) for v, t, r, f in resolver.implicit_resolvers if (1, 2) in v
    ]
    assert [(t, r.pattern, r.flags, f) for t, r, f in IMPLICIT_1_2] == theirs


def test_memes_donnees_et_positions_sur_les_donnees_du_depot() -> None:
    for file in sorted(AVENANT.rglob("*.yaml")):
        raw = file.read_bytes()
        fast_result, located = (
            parse_text(str(file), raw, fast=True),
            parse_text(str(file), raw, fast=False),
        )
        # Lu par libyaml, sans positions : elles ne sont retrouvées que pour situer un diagnostic.
        assert fast_result.tree is None and fast_result.positions is None, file
        assert fast_result.data == _plain(located.data), file

        for loc, _ in paths(located.data):
            for key in (False, True):
                assert fast_result.locate(loc, key=key) == located.locate(loc, key=key), (
                    file,
                    loc,
                    key,
                )
        assert fast_result.tree is None and fast_result.positions is not None, file


def test_situer_sans_construire_donne_les_positions_de_la_lecture_rapide(tmp_path: Path) -> None:
    from acvkit.yaml.reader import locate_many
    from tests.strategies import generate_fiches, write_dataset

    write_dataset(tmp_path / "gen", generate_fiches(150, seed=11))
    files = [*sorted(AVENANT.rglob("*.yaml")), *sorted((tmp_path / "gen").rglob("*.yaml"))]
    for file in files:
        texte = file.read_text(encoding="utf-8")
        data, positions = fast_load(texte)
        assert positions is not None
        doc = YamlDocument("x", texte, None, positions=positions)
        locs = [loc for loc, _ in paths(data)]
        # Des chemins qui ne désignent rien (clé inconnue, indice hors liste) : parties sautées.
        locs += [(*c, "inconnu") for c in locs[:5]] + [(*c, 99) for c in locs[:5]]
        locs += [("inconnu", *c) for c in locs[:5]] + [(*c, -1) for c in locs[:3]]
        demandes = [(c, key) for c in locs for key in (False, True)]
        expected = [doc.locate(c, key=key) for c, key in demandes]
        # L'index restreint aux chemins demandés donne, à la même recherche, les mêmes positions.
        assert locate_many(texte, demandes) == expected, file
        restricted = index_paths(texte, locs)
        assert [lookup(restricted, c, key) for c, key in demandes] == expected, file
        assert all(positions[c] == place for c, place in restricted.items()), file


SCALARS = st.one_of(
    st.sampled_from(
        [
            "no",
            "yes",
            "on",
            "off",
            "010",
            "0o10",
            "0x1F",
            "0b11",
            "1_000",
            "1e3",
            ".5",
            "5.",
            "+1",
            "-.inf",
            ".NaN",
            "1:20",
            "2024-01-01",
            "2024-01-01T10:00:00",
            "~",
            "null",
            "True",
            "FALSE",
            "=",
            "0.1",
            "100625.61",
            "1712934",
            "''",
            '""',
            "T1 2025",
            "2027-2029",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(SCALARS)
def test_chaque_scalaire_lu_pareil(valeur: str) -> None:
    texte = f"cle: {valeur}\nliste: [{valeur}]\n"
    try:
        located = _plain(parse_text("x", texte.encode("utf-8"), fast=False).data)
    except Exception:
        with pytest.raises(Fallback):
            fast_load(texte)
        return
    try:
        fast_result, _ = fast_load(texte)
    except Fallback:
        return  # relu par la lecture située : même résultat par construction
    assert repr(fast_result) == repr(located)


BROKEN = FIXTURES / "broken"
HOSTILE = FIXTURES / "hostile"


def _corpus(tmp_path: Path) -> Path:
    """Un dossier propre où chaque fichier cassé du corpus devient une fiche de plus."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "positive", data)
    for index, file in enumerate(
        sorted([*BROKEN.glob("*.yaml"), *HOSTILE.glob("*.yaml")]), start=100
    ):
        if file.stat().st_size < 1_000_000:
            shutil.copyfile(file, data / "fiches" / "bethune" / f"fa-{index}-{file.stem}.yaml")
    return data


def test_memes_diagnostics_avec_et_sans_chemin_rapide_et_cache(tmp_path: Path) -> None:
    data = _corpus(tmp_path)
    slow = Linter(Config(), fast=False).lint(data)
    fast_result = Linter(Config(), fast=True).lint(data)
    cold = Linter(Config(), fast=True, cache=True).lint(data)
    # Sans le résultat d'ensemble : chaque fichier relu depuis le cache de lecture.
    (data / ".acv-cache" / "resultat.pickle").unlink()
    warm = Linter(Config(), fast=True, cache=True).lint(data)
    resultat = Linter(Config(), fast=True, cache=True).lint(data)  # résultat d'ensemble repris
    warm_result = Linter(Config(), fast=True, cache=True).lint(data)
    assert len(_rows(slow)) > 20
    assert _rows(fast_result) == _rows(slow)
    assert _rows(cold) == _rows(slow)
    assert _rows(warm) == _rows(slow)
    assert _rows(resultat) == _rows(warm_result) == _rows(slow)


def test_lecture_parallele_identique(tmp_path: Path) -> None:
    from tests.strategies import generate_fiches, write_dataset

    data = tmp_path / "data"
    write_dataset(data, generate_fiches(400, seed=7))
    fiches = sorted((data / "fiches").rglob("*.yaml"))
    edit(fiches[0], 'sous_axe: "', 'sous_axe: "9')
    # Un problème de lecture (BOM) passe d'un processus à l'autre avec tous ses champs.
    fiches[1].write_bytes(b"\xef\xbb\xbf" + fiches[1].read_bytes())
    from acvkit.loading import load_folder
    from acvkit.loading.parallel import Workers

    single = load_folder(data, fast=True, workers=Workers(1))
    with Workers(2) as workers:
        two_workers = load_folder(data, fast=True, workers=workers)
    assert [(d.path, d.line, d.code, d.message) for d in single.diagnostics] == [
        (d.path, d.line, d.code, d.message) for d in two_workers.diagnostics
    ]
    assert "YML004" in {d.code for d in two_workers.diagnostics}
    assert [e.model for e in single.dataset.fiches] == [e.model for e in two_workers.dataset.fiches]


def test_cache_jamais_utilise_pour_un_contenu_change(positive: Path) -> None:
    fiche = positive / "fiches/bethune/fa-1-places.yaml"
    assert _rows(Linter(Config(), cache=True).lint(positive)) == []
    stat = fiche.stat()
    texte = fiche.read_text(encoding="utf-8")
    fiche.write_text(
        texte.replace('sous_axe: "4.2"', 'sous_axe: "4.9"'), encoding="utf-8"
    )  # même taille
    os.utime(fiche, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # même date
    assert fiche.stat().st_size == stat.st_size and fiche.stat().st_mtime_ns == stat.st_mtime_ns
    for linter in (Linter(Config(), cache=True), Linter(Config(), cache=True, errors_only=True)):
        rows = _rows(linter.lint(positive))
        assert [(r[1], r[3]) for r in rows] == [(5, "INT003")]


def test_cache_d_un_autre_utilisateur_ignore(
    positive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Linter(Config(), cache=True).lint(positive)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "autre-utilisateur"))
    from acvkit.loading.cache import ReadCache

    store = ReadCache(positive, positive.as_posix())
    store.load()
    assert store.entries == {}  # signature d'une autre clé : jamais dépicklé


def test_validate_et_aide_ne_chargent_pas_le_build() -> None:
    code = (
        "import sys\n"
        "from acvkit.cli import app\n"
        "for args in (['--help'], ['validate', '--data', sys.argv[1]]):\n"
        "    try:\n"
        "        app(args, prog_name='acv')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('openpyxl', 'jinja2', 'docx') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(AVENANT)], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_sans_fork_tout_se_fait_dans_le_processus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows n'a pas fork : la lecture de plus de 300 fichiers et le build se font alors en série.
    import multiprocessing
    from datetime import UTC, datetime

    from acvkit.annexes import runner
    from acvkit.loading import load_folder
    from acvkit.loading.parallel import Workers
    from tests.strategies import generate_fiches, write_dataset

    data = tmp_path / "data"
    write_dataset(data, generate_fiches(runner.PARALLEL_MIN_FICHES, seed=5))
    with Workers(2) as workers:
        with_fork = load_folder(data, workers=workers)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with Workers(2) as workers:
        without_fork = load_folder(data, workers=workers)
        assert workers._executor is None  # aucun processus lancé
    assert [e.model for e in without_fork.dataset.fiches] == [
        e.model for e in with_fork.dataset.fiches
    ]
    templates = Path(__file__).resolve().parent.parent / "src" / "acvkit" / "templates"
    when = datetime(2026, 1, 1, tzinfo=UTC)
    files = runner.render_all(without_fork.dataset, ("md", "xlsx"), templates, when, None)
    assert "anct/plan-action-ACV031.xlsx" in files and "md/plan-action.md" in files


def test_cache_ecrit_par_costs_puis_validate_complet(real_data: Path) -> None:
    # costs ne calcule pas les avertissements ; le cache qu'il laisse ne doit rien en faire perdre.
    expected = run("validate", "--no-cache", "--format", "json", "--data", str(real_data)).stdout
    assert run("couts", "--data", str(real_data)).exit_code == 0
    assert (real_data / ".acv-cache").is_dir()
    after = run("validate", "--format", "json", "--data", str(real_data)).stdout
    assert after == expected and '"CON002"' in after and '"CON003"' in after


@pytest.mark.parametrize(
    ("file", "before", "after", "texte"),
    [
        ("fiches/bethune/fa-1-places.yaml", 'sous_axe: "4.2"', "sous_axe: 4.2", "4.2"),
        ("fiches/bethune/fa-1-places.yaml", 'sous_axe: "4.2"', "sous_axe: 4.10", "4.10"),
        ("indicateurs/ind-3-01.yaml", 'axe: "3"', "axe: 3", "3"),
    ],
)
def test_code_ecrit_en_nombre_signale_par_les_deux_lectures(
    positive: Path, file: str, before: str, after: str, texte: str
) -> None:
    """Un code sans guillemets est refusé (comme par le schéma), avec la forme entre guillemets."""
    edit(positive / file, before, after)
    results = []
    for fast in (True, False):
        report = Linter(Config(), fast=fast).lint(positive, str(positive))
        results.append(_rows(report))
    assert results[0] == results[1]
    messages = [r for r in results[0] if r[0].endswith(file)]
    assert len(messages) == 1, results[0]
    assert messages[0][3].startswith("SCH") and f'"{texte}"' in messages[0][4]
    assert f"({texte})" in messages[0][4]


def test_texte_plie_sans_marque_de_pli() -> None:
    # Trouvé par le fuzz : un texte plié (« > ») de longues lignes séparées par une ligne vide ;
    # la lecture située y laissait les marques de pli de ruamel (« \a »).
    long_text = "Carrefour de la mobilité, Béthune est la porte d’entrée du territoire. " * 4
    raw = f"numero: 1\ndescription: >\n  {long_text.strip()}\n\n  {long_text.strip()}\n".encode()
    fast_result = parse_text("f.yaml", raw, fast=True).data
    located = parse_text("f.yaml", raw, fast=False).data
    assert isinstance(fast_result, dict) and isinstance(located, dict)
    assert located["description"] == fast_result["description"]
    assert "\a" not in located["description"]
