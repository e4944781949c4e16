"""La ligne de commande suit une règle de nommage (docs/commandes.md), vérifiée sur l'arbre de Click.

Chaque mot d'un nom de commande ou d'option visible est un mot des outils (la liste de
docs/commandes.md) ou un nom du domaine (glossaire de CONTRIBUTING.md, clés YAML des modèles) ;
les anciens noms restent acceptés, cachés ; l'aide de chaque commande tient en 80 colonnes ;
les codes de sortie sont ceux du tableau.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator

import click
import pydantic
import pytest
from click.testing import CliRunner

import acvkit.models
from acvkit.cli import app
from acvkit.cli.french import Choice, Option
from tests.conftest import AVENANT, ROOT, run

DOCS = (ROOT / "docs/commandes.md").read_text(encoding="utf-8")


def _walk(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(app))


def _tool_words() -> set[str]:
    block = DOCS.split("<!-- mots-des-outils -->")[1].split("<!-- /mots-des-outils -->")[0]
    return set(block.replace("```text", "").replace("```", "").split())


def _domain_words() -> set[str]:
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    glossary = contributing.split("## Glossaire du domaine")[1].split("\n## ")[0]
    names = re.findall(r"^\| (.+?) \|", glossary, re.MULTILINE)
    words = {w for cell in names for w in re.findall(r"`([a-z_]+)`", cell)}
    for info in pkgutil.iter_modules(acvkit.models.__path__):
        module = importlib.import_module(f"acvkit.models.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, pydantic.BaseModel):
                words |= {field.alias or name for name, field in value.model_fields.items()}
    return {part for word in words for part in word.split("_")}


def _visible_names(command: click.Command) -> list[str]:
    names = []
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            former = param.former if isinstance(param, Option) else ()
            names += [n[2:] for n in param.opts if n.startswith("--") and n not in former]
    return names


def test_chaque_mot_de_chaque_nom_suit_la_regle() -> None:
    tools, domain = _tool_words(), _domain_words()
    outside = {}
    for path, command in COMMANDS:
        for name in [*path[-1:], *_visible_names(command)]:
            for word in name.split("-"):
                if (
                    word not in tools
                    and word not in domain
                    and word.removesuffix("s") not in domain
                ):
                    outside[name] = " ".join(path) or "acv"
    assert not outside, f"noms hors de la règle de docs/commandes.md : {outside}"


def test_chaque_option_a_valeur_montre_une_valeur_francaise() -> None:
    english = {"TEXT", "PATH", "INTEGER", "FILE", "DIRECTORY", "BOOLEAN", "CHOICE", "VALUE"}
    for path, command in COMMANDS:
        for param in command.params:
            if isinstance(param, click.Option) and not param.is_flag and not param.hidden:
                assert param.metavar and param.metavar == param.metavar.upper(), (path, param.opts)
                assert param.metavar not in english, (path, param.opts)


def test_chaque_format_est_un_choix_et_le_texte_s_appelle_text() -> None:
    formats = 0
    for path, command in COMMANDS:
        for param in command.params:
            if isinstance(param, click.Option) and "--format" in param.opts:
                formats += 1
                assert isinstance(param.type, Choice), path
                assert "table" not in param.type.choices, path
                if isinstance(param.default, str):
                    assert param.default == "text", path
    assert formats >= 6


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["costs", "--data", str(AVENANT), "--format", "json"], ["couts", "--data", str(AVENANT), "--format", "json"]),
        (["couts", "--data", str(AVENANT), "--format", "table"], ["couts", "--data", str(AVENANT), "--format", "text"]),
        (["suivi", "--data", str(AVENANT), "--au", "2025-06-30"], ["suivi", "--data", str(AVENANT), "--date-rapport", "2025-06-30"]),
        (["rules", "--markdown"], ["rules", "--format", "md"]),
    ],
)  # fmt: skip
def test_les_anciens_noms_marchent_encore_sans_paraitre_dans_l_aide(
    old: list[str], new: list[str]
) -> None:
    before, after = run(*old), run(*new)
    assert before.exit_code == after.exit_code == 0, before.stderr
    assert before.stdout == after.stdout
    listed = " ".join(run(*new[:1], "--help").stdout.split() + run("--help").stdout.split())
    for word in set(old) - set(new):
        assert word not in listed.split(), word


def test_les_anciens_noms_sont_ceux_du_tableau_de_la_documentation() -> None:
    section = DOCS.split("## Les anciens noms")[1].split("\n## ")[0]
    documented: set[str] = set()
    for cell in re.findall(r"^\| (.+?) \| .+ \|$", section, re.MULTILINE):
        documented |= set(re.findall(r"--[a-z][a-z-]*", cell))
        documented |= {f"acv {name}" for name in re.findall(r"`acv ([a-z]+)", cell)}
    hidden = {f"acv {old}" for old in app.former}
    for _path, command in COMMANDS:
        for param in command.params:
            if isinstance(param, Option):
                hidden |= set(param.former)
            elif isinstance(param, click.Option) and param.hidden:
                hidden |= set(param.opts)
    assert hidden <= documented, hidden - documented


@pytest.mark.parametrize(
    "path", [p for p, _ in COMMANDS], ids=[" ".join(p) or "acv" for p, _ in COMMANDS]
)
@pytest.mark.parametrize("columns", [80, 200])
def test_l_aide_tient_en_80_colonnes_sans_ponctuation_en_debut_de_ligne(
    path: tuple[str, ...], columns: int
) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        assert len(line) <= 80, line
        stripped = line.strip()
        assert stripped[:1] not in {":", ";", "?", "!", "»"}, line
        assert not stripped.endswith("«"), line
    assert "{" not in result.stdout.split("\n")[0], result.stdout.split("\n")[0]  # utilisation


def test_le_tableau_des_codes_de_sortie_est_celui_du_code() -> None:
    from acvkit.cli.crash import EXIT_INTERNAL
    from acvkit.cli.french import EXIT_USAGE
    from acvkit.cli.output_errors import EXIT_OUTPUT

    table = dict(re.findall(r"^\| (\d+) \| (.+) \|$", DOCS, re.MULTILINE))
    assert set(table) == {"0", "1", "2", "3"}
    assert "mal écrite" in table[str(EXIT_USAGE)]
    assert "bogue" in table[str(EXIT_INTERNAL)]
    assert "disque plein" in table[str(EXIT_OUTPUT)] and "documents" in table[str(EXIT_USAGE)]
    assert EXIT_INTERNAL not in (0, 1, EXIT_USAGE)
