"""acv schema : les schémas JSON pour l'éditeur."""

from __future__ import annotations

from pathlib import Path

import click

from acvkit.cli.app import Exit, app, data_option, echo, fail_usage, handled, option


@app.command()
@option(
    "--out",
    "-o",
    "out",
    type=click.Path(path_type=Path),
    metavar="DOSSIER",
    help="Dossier où écrire les schémas ; défaut : schemas/ voisin des données.",
)
@option(
    "--check", is_flag=True, help="N'écrit rien ; sort avec 1 si un schéma est absent ou périmé."
)
@option(
    "--vscode",
    is_flag=True,
    help="Écrit aussi la table yaml.schemas de .vscode/settings.json (à côté des données).",
)
@data_option
@handled
def schema(out: Path | None, check: bool, vscode: bool, data: Path) -> None:
    """Écrit les schémas JSON des fichiers de données, pour la validation et la complétion dans l'éditeur.

    Chaque fichier de données commence par une ligne `# yaml-language-server: $schema=…` qui
    mène au dossier schemas/ voisin du dossier de données : VS Code (extension YAML de Red Hat)
    valide et complète en français. Les identifiants du dossier de données (partenaires,
    sous-axes, indicateurs, axes) y sont proposés : après l'ajout d'un partenaire ou d'un
    sous-axe, relancez « acv schema » (--check signale les schémas périmés). Dans un dépôt qui ne contient que les données, lancez
    « acv schema » une fois (et le crochet acv-schema garde les schémas à jour).

    Exemples : acv schema · acv schema --check · acv schema --vscode
    """
    from acvkit.schema.files import SettingsError, default_out, stale, vscode_settings
    from acvkit.schema.generate import render_all
    from acvkit.schema.ids import ids_from_data
    from acvkit.workspace import for_display
    from acvkit.writing.atomic import atomic_write_text, reason

    schemas = render_all(ids_from_data(data))
    out = out if out is not None else default_out(data)
    shown = for_display(out)
    outdated = stale(out, schemas)
    settings: tuple[Path, str, bool] | None = None
    if vscode:
        try:
            settings = vscode_settings(data.resolve().parent, data, out)
        except SettingsError as exc:
            raise fail_usage(str(exc)) from exc
    if check:
        for name in outdated:
            echo(f"{shown / name} : périmé ou absent (lancez « acv schema --out {shown} »)")
        if settings is not None and not settings[2]:
            echo(f"{for_display(settings[0])} : yaml.schemas à écrire (acv schema --vscode)")
        raise Exit(1 if outdated or (settings is not None and not settings[2]) else 0)
    try:
        for name in outdated:
            atomic_write_text(out / name, schemas[name])
    except OSError as exc:
        raise fail_usage(f"écriture impossible dans « {shown} » : {reason(exc)}") from exc
    echo(
        f"{len(outdated)} schéma(s) écrit(s), {len(schemas) - len(outdated)} déjà à jour, dans {shown}/."
    )
    if settings is not None and not settings[2]:
        settings[0].parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(settings[0], settings[1])
        echo(f"{for_display(settings[0])} : table yaml.schemas écrite.")
