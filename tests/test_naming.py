"""La règle de nommage de CONTRIBUTING.md, tenue par un test : les identifiants sont en anglais,
sauf les noms du domaine de l'avenant.

Chaque identifiant défini dans `src/`, `benchmarks/` et les modules d'aide de `tests/` (modules,
classes, fonctions, paramètres, variables, attributs, alias d'import) est coupé en mots
(`snake_case`, `CamelCase`) ; chaque mot doit être :
- un nom du domaine : un terme du glossaire de CONTRIBUTING.md, un champ des modèles (une clé
  YAML), ou, dans les paquets qui bâtissent le contexte des gabarits (annexes, vues, diff,
  indicateurs, suivi, coûts), un nom lu par les gabarits (`templates/`) ;
- ou un mot de la liste anglaise (`tests/naming/anglais.txt`), qui ne contient aucun mot de la
  liste française (`tests/naming/francais.txt`, les mots français déjà rencontrés).

Restent en français, par la règle : les noms des tests (`test_…`, modules `test_*.py`), les
modules de règle, nommés comme leur règle (`texte_provisoire.py` pour `texte-provisoire`), et les
paramètres des commandes (leur nom est celui d'une option ou d'un argument affiché).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel

import acvkit.models as models_package

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "tests" / "naming"
SOURCES = (ROOT / "src" / "acvkit", ROOT / "benchmarks", ROOT / "tests")
# Les paquets qui bâtissent ce que lisent les gabarits : seuls à pouvoir y nommer en français.
TEMPLATE_FEEDERS = tuple(
    f"src/acvkit/{package}/"
    for package in ("annexes", "charts", "views", "diff", "indicateurs", "suivi", "costs")
)
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def _words_of(name: str) -> list[str]:
    words: list[str] = []
    for chunk in name.strip("_").split("_"):
        words += [w.lower() for w in _CAMEL.findall(chunk) if not w.isdigit()]
    return words


def _word_list(name: str) -> set[str]:
    lines = (WORDS / name).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _glossary() -> set[str]:
    """Les termes entre accents graves du glossaire de CONTRIBUTING.md."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Glossaire du domaine", 1)[1].split("\n## ", 1)[0]
    terms: set[str] = set()
    for row in section.splitlines():
        if row.startswith("| `"):
            first_cell = row.split("|")[1]
            for term in re.findall(r"`([a-z_]+)`", first_cell):
                terms.update(term.split("_"))
    return terms


def _model_fields() -> set[str]:
    """Les champs des modèles (clés YAML) et les valeurs d'énumération."""
    fields: set[str] = set()
    names = [f"acvkit.models.{info.name}" for info in pkgutil.iter_modules(models_package.__path__)]
    for module_name in [*names, "acvkit.anct.columns"]:  # colonnes.yaml a son modèle
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                for field_name, field in value.model_fields.items():
                    fields.add(field_name)
                    if field.alias:
                        fields.add(field.alias)
            elif isinstance(value, type) and issubclass(value, StrEnum):
                fields.update(member.value for member in value)
    return {word for field in fields for word in _words_of(field)}


def _template_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "acvkit" / "templates").rglob("*.j2"):
        for block in re.findall(r"\{[{%](.*?)[%}]\}", path.read_text(encoding="utf-8"), re.S):
            names.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", block))
    return names


def _is_rule_module(path: Path) -> bool:
    """Un module de règle (rules/, avec CODE et NAME) : nommé comme la règle, en français."""
    text = path.read_text(encoding="utf-8")
    return path.parent.name == "rules" and all(
        re.search(rf'^{key} = "', text, re.M) for key in ("CODE", "NAME")
    )


def _command_parameters(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(
            "command" in ast.unparse(d) or "callback" in ast.unparse(d) for d in node.decorator_list
        ):
            found.update(a.arg for a in node.args.args + node.args.kwonlyargs)
    return found


def _enum_members(tree: ast.Module) -> set[int]:
    """Les nœuds des membres d'énumération : nommés comme leur valeur (française, par la règle)."""
    members: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any("Enum" in ast.unparse(b) for b in node.bases):
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    members.update(id(target) for target in statement.targets)
    return members


def _defined(tree: ast.Module) -> Iterator[tuple[str, int]]:
    members = _enum_members(tree)
    for node in ast.walk(tree):
        if id(node) in members:
            continue
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if not node.name.startswith("test_"):
                yield node.name, node.lineno
            arguments = node.args
            every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            yield from ((a.arg, a.lineno) for a in every)
        elif isinstance(node, ast.ClassDef):
            yield node.name, node.lineno
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield node.id, node.lineno
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            yield node.attr, node.lineno
        elif isinstance(node, ast.alias) and node.asname:
            yield node.asname, 1


def _identifiers() -> Iterator[tuple[str, str]]:
    """(identifiant, lieu) pour chaque nom soumis à la règle."""
    for source in SOURCES:
        for path in sorted(source.rglob("*.py")):
            if "fixtures" in path.relative_to(ROOT).parts:
                continue
            where = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if not (path.stem.startswith("test_") or _is_rule_module(path)):
                yield path.stem, where
            exempt = _command_parameters(tree) if "cli" in path.parts else set()
            for name, line in _defined(tree):
                if name not in exempt:
                    yield name, f"{where}:{line}"


def _allowed(word: str, domain: set[str], english: set[str], french: set[str]) -> bool:
    """Un mot du domaine ou un mot anglais ; un pluriel (-s, -x) compte comme son singulier."""
    forms = {word, word[:-1]} if word[-1:] in ("s", "x") and len(word) > 2 else {word}
    if forms & domain:
        return True
    return word not in french and bool(forms & english)


def test_les_listes_de_mots_ne_se_recouvrent_pas() -> None:
    both = _word_list("anglais.txt") & _word_list("francais.txt")
    assert not both, f"mots dans les deux listes : {sorted(both)}"


def _offenders(identifiers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Les identifiants hors de la règle, avec leur lieu et le premier mot fautif."""
    english = _word_list("anglais.txt")
    french = _word_list("francais.txt")
    domain = _glossary() | _model_fields()
    templates = _template_names()
    offenders: dict[str, str] = {}
    for name, where in identifiers:
        if name in templates and where.startswith(TEMPLATE_FEEDERS):
            continue
        for word in _words_of(name):
            if not _allowed(word, domain, english, french):
                offenders.setdefault(name, f"{where} : « {word} »")
    return offenders


def test_les_identifiants_sont_en_anglais_sauf_les_noms_du_domaine() -> None:
    offenders = _offenders(_identifiers())
    assert not offenders, (
        "identifiants hors de la règle de nommage (CONTRIBUTING.md) : un mot anglais manquant "
        "s'ajoute à tests/naming/anglais.txt, un nom du domaine au glossaire, le reste se "
        "renomme :\n" + "\n".join(f"  {n} — {w}" for n, w in sorted(offenders.items()))
    )


def test_le_test_de_nommage_refuse_un_mot_francais() -> None:
    french = _word_list("francais.txt")
    assert {"ligne", "ecrire", "chemin", "fichier"} <= french
    assert not {"ligne", "ecrire"} & _word_list("anglais.txt")
    assert _words_of("_ecrireToutLeTexte_2") == ["ecrire", "tout", "le", "texte"]
    assert "fiche" in _glossary() and "maitre" in _glossary()
    english, domain = _word_list("anglais.txt"), _glossary()
    assert _allowed("fiches", domain, english, french)
    assert _allowed("rows", domain, english, french)
    assert not _allowed("lignes", domain, english, french)
    assert not _allowed("textes", domain, english, french)


def test_le_test_de_nommage_trouve_les_noms_francais_d_un_module() -> None:
    tree = ast.parse("def ecrire_tout(chemin, fiches):\n    fichier = write_rows(fiches)\n")
    defined = [name for name, _ in _defined(tree)]
    assert defined == ["ecrire_tout", "chemin", "fiches", "fichier"]
    found = _offenders((name, "exemple.py") for name in defined)
    assert set(found) == {"ecrire_tout", "chemin", "fichier"}
    assert "« ecrire »" in found["ecrire_tout"]
