"""acv list et acv show : les fiches dans le terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import acvkit.cli.completion as completion
from acvkit.cli.app import (
    DataOption,
    app,
    fail_usage,
    handled,
    load_clean,
)

if TYPE_CHECKING:
    pass


@app.command("list")
@handled
def list_fiches(
    data: DataOption = Path("data"),
    axe: Annotated[
        str | None, typer.Option("--axe", help="Numéro d'axe (1 à 5) ou sous-axe (4.2).")
    ] = None,
    collectivite: Annotated[
        str | None,
        typer.Option(
            "--collectivite",
            help="Identifiant de collectivité.",
            autocompletion=completion.collectivites,
        ),
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="etude ou action.")] = None,
    statut: Annotated[
        str | None, typer.Option("--statut", help="a_engager, en_cours, livree…")
    ] = None,
    financeur: Annotated[
        str | None,
        typer.Option(
            "--financeur",
            help="Identifiant d'un financeur : les fiches qu'il finance.",
            autocompletion=completion.partenaires,
        ),
    ] = None,
) -> None:
    """Liste les fiches action, filtrées par axe, collectivité, type, statut ou financeur.

    Exemple : [bold]acv list --collectivite ville-sur-val --type action[/]
    """
    from rich.console import Console

    from acvkit.rules.common.base import suggest
    from acvkit.views.terminal import fiches_table, matches

    dataset = load_clean(data)
    if financeur is not None and financeur not in dataset.partenaire_ids():
        ids = dataset.partenaire_ids()
        raise fail_usage(
            f"financeur « {financeur} » inconnu de partenaires.yaml{suggest(financeur, ids)}"
        )
    fiches = [
        e.model
        for e in dataset.sorted_fiches()
        if matches(
            e.model,
            axe=axe,
            collectivite=collectivite,
            type_=type_,
            statut=statut,
            financeur=financeur,
        )
    ]
    Console(soft_wrap=False).print(fiches_table(fiches, dataset))


@app.command()
@handled
def show(
    numero: Annotated[int, typer.Argument(help="Numéro de la fiche, par exemple 62.")],
    data: DataOption = Path("data"),
) -> None:
    """Affiche une fiche action, ses totaux calculés et ses diagnostics.

    Exemple : [bold]acv show 62[/]
    """
    from rich.console import Console

    from acvkit import api
    from acvkit.views.terminal import fiche_renderables

    report = api.lint(data)
    entry = next((e for e in report.dataset.fiches if e.model.numero == numero), None)
    if entry is None:
        raise fail_usage(f"aucune fiche FA {numero} lisible dans « {data} »")
    diagnostics = [d for d in report.diagnostics if d.path == entry.doc.path]
    console = Console(soft_wrap=False)
    for renderable in fiche_renderables(entry.model, report.dataset, diagnostics):
        console.print(renderable)
