"""Ce qui accélère `acv build` ne change aucun octet.

- la maquette lit une fois les financements de chaque fiche : chaque financement est compté sous
  son financeur, dans l'ordre des fiches ;
- le bac à sable retient ses décisions par (type, attribut) : ce sont celles de Jinja2, refus
  compris, même répétés.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from acvkit import api
from acvkit.annexes.maquette import build_maquette
from acvkit.annexes.sandbox import (
    CachedSandbox,
    TemplateRenderError,
    render,
    sandboxed_environment,
)
from acvkit.costs.financement import financements
from acvkit.money import format_euros
from tests.conftest import AVENANT

EPOCH = "1767225600"  # 1er janvier 2026
DAY = date(2025, 7, 1)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_maquette_chaque_financement_sous_son_financeur() -> None:
    dataset = api.load_valid(AVENANT)
    maquette = build_maquette(dataset, str, str, lambda f: "")
    fiches = [e.model for e in dataset.sorted_fiches()]
    for row in maquette.par_financeur:
        expected_parts = [
            (fiche.numero, f.montant)
            for fiche in fiches
            for f in financements(fiche)
            if f.financeur == row.financeur.id and f.categorie.value == row.categorie
        ]
        quantified = [(n, m) for n, m in expected_parts if m is not None]
        assert [t.split(" : ")[0] for t in row.fiches] == [f"FA {n}" for n, _ in quantified]
        assert all(format_euros(m) in t for (_, m), t in zip(quantified, row.fiches, strict=True))
        assert row.named_only == [n for n, m in expected_parts if m is None]
    total = sum(len(row.fiches) + len(row.named_only) for row in maquette.par_financeur)
    assert total == sum(len(financements(fiche)) for fiche in fiches) > 0
    for row_of_fiche, fiche in zip(maquette.lignes, fiches, strict=True):
        assert set(row_of_fiche.financements) == {f.financeur for f in financements(fiche)}


class _Fake:
    """Un objet dont __class__ ment : jugé à chaque accès, jamais retenu."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return list

    def append(self, value: object) -> None:
        pass


def _objects() -> list[Any]:
    def function() -> None:
        pass

    def values() -> Iterator[int]:
        yield 1

    return [
        [1],
        {"a": 1},
        {1},
        "texte",
        Markup("<b>"),
        function,
        [].append,
        str,
        values(),
        _Fake(),
    ]


ATTRIBUTES = [
    "append",
    "pop",
    "clear",
    "update",
    "add",
    "keys",
    "upper",
    "mro",
    "__class__",
    "__globals__",
    "__code__",
    "gi_frame",
    "gi_code",
    "_private",
    "index",
]


def test_bac_a_sable_memes_decisions_que_jinja2(tmp_path: Path) -> None:
    cached = sandboxed_environment(tmp_path, autoescape=True)
    assert isinstance(cached, CachedSandbox)
    plain = ImmutableSandboxedEnvironment()
    for _ in range(2):  # la seconde fois, les décisions viennent du cache
        for obj in _objects():
            for attr in ATTRIBUTES:
                value = getattr(obj, attr, None)
                expected = plain.is_safe_attribute(obj, attr, value)
                assert cached.is_safe_attribute(obj, attr, value) == expected, (obj, attr)


def test_bac_a_sable_un_refus_retenu_reste_un_refus(tmp_path: Path) -> None:
    (tmp_path / "g.j2").write_text("{{ x.append(1) }}{{ x.pop() }}", encoding="utf-8")
    (tmp_path / "ok.j2").write_text("{{ x.index(1) }}", encoding="utf-8")
    env = sandboxed_environment(tmp_path, autoescape=False)
    for _ in range(3):
        assert render(env, "ok.j2", x=[1]) == "0"
        with pytest.raises(TemplateRenderError, match="append"):
            render(env, "g.j2", x=[1])
