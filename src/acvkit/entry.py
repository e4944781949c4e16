"""Le point d'entrée de la commande `acv`.

Un `acv validate` simple (options connues, rien d'ambigu) sur un dossier inchangé est redonné tel
qu'il a été produit (acvkit.replay), sans charger Typer, pydantic, ruamel.yaml ni les règles.
Tout le reste — autres commandes, --help, option inconnue ou douteuse, --no-cache, dossier
changé — passe par la ligne de commande complète (acvkit.cli.main), qui enregistre au passage
la sortie d'un `acv validate` pour la fois suivante.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

GLOBAL_FLAGS = frozenset({"-q", "--quiet", "-v", "--verbose"})
FLAGS = frozenset({"--strict", "--no-cache", "--exit-zero", "--statistics", "--no-warnings"})
# Options à valeur ; celles dont la valeur désigne un fichier ou un dossier sont nommées.
VALUED = {
    "--data": "data",
    "-d": "data",
    "--format": "",
    "-f": "",
    "--select": "",
    "--ignore": "",
    "--au": "",
    "--baseline": "baseline",
    "--output-file": "output_file",
    "-o": "output_file",
}


class Request:
    """Un `acv validate` compris : les chemins qu'il désigne, et s'il accepte le cache."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}  # data, baseline, output_file → valeur donnée
        self.paths: list[str] = []
        self.cache = True


def parse(argv: list[str]) -> Request | None:
    """La commande, si c'est un `acv validate` que le chemin rapide sait lire ; sinon None."""
    request = Request()
    command = False
    rest = iter(argv)
    for arg in rest:
        if arg in GLOBAL_FLAGS:
            continue  # acceptées avant comme après la commande (acvkit.cli.group)
        if not command:
            if arg != "validate":
                return None
            command = True
            continue
        if arg in FLAGS:
            request.cache = request.cache and arg != "--no-cache"
            continue
        name, equal, value = arg.partition("=")
        if equal and name.startswith("--") and name in VALUED:
            pass
        elif arg in VALUED:
            name, value = arg, next(rest, "-")
            if value.startswith("-"):
                return None  # valeur absente, ou qui ressemble à une option : Click tranchera
        elif arg.startswith("-") or not arg:
            return None
        else:
            request.paths.append(arg)
            continue
        if not value:
            return None
        if VALUED[name]:
            request.files[VALUED[name]] = value
    return request if command else None


def data_root(request: Request) -> Path:
    """Le dossier de données que la commande complète prendrait (voir cli.app et validate_run)."""
    if "data" in request.files:
        return Path(request.files["data"])
    from acvkit.workspace import default_data, find_data_root, for_display

    root = default_data(Path("data"))
    if request.paths:
        first = Path(request.paths[0])
        first = first if first.is_dir() else first.parent
        found = find_data_root(first) if first.exists() else None
        if found is not None:
            root = for_display(found)
    return root


def _full() -> int:
    from acvkit.cli import main as full_main

    try:
        full_main()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            return done.code or 0
        raise
    return 0


def main() -> None:
    """`acv` : le résultat enregistré s'il vaut encore, sinon la commande complète."""
    argv = sys.argv[1:]
    request = parse(argv) if "_ACV_COMPLETE" not in os.environ else None
    if request is None or not request.cache or sys.stdout is None or sys.stderr is None:
        raise SystemExit(_full())
    from acvkit import replay

    output_file = request.files.get("output_file")
    summary = os.environ.get("GITHUB_STEP_SUMMARY") or None
    try:
        root = data_root(request)
        from acvkit.writing.journal import pending

        if pending(root):  # écriture interrompue : la commande complète la reprend
            raise SystemExit(_full())
        named = [
            *request.paths,
            *([request.files["baseline"]] if "baseline" in request.files else []),
        ]
        key, sure = replay.fingerprint(argv, root, named, output_file)
    except (replay.Unsure, OSError):
        raise SystemExit(_full()) from None
    store = replay.Store(root)
    known = store.get(key)
    if known is not None and (code := replay.replay(known, output_file, summary)) is not None:
        raise SystemExit(code)
    if not sure:  # un fichier trop récent : sa sortie ne sera pas enregistrée
        raise SystemExit(_full())
    with replay.Capture(summary) as capture:
        code = _full()
    recorded = capture.recorded(code, output_file) if code in (0, 1) else None
    if recorded is not None and _unchanged(argv, root, named, output_file, key):
        store.put(key, recorded)
    raise SystemExit(code)


def _unchanged(
    argv: list[str], root: Path, named: list[str], output_file: str | None, key: str
) -> bool:
    """Rien n'a bougé pendant la commande (sinon sa sortie ne dit peut-être pas l'état de la clé)."""
    from acvkit import replay

    try:
        return replay.fingerprint(argv, root, named, output_file)[0] == key
    except (replay.Unsure, OSError):
        return False
