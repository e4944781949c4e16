"""acv list et acv show : les fiches dans le terminal."""

from __future__ import annotations

from pathlib import Path

import acvkit.cli.completion as completion
from acvkit.cli.app import (
    app,
    argument,
    data_option,
    fail_usage,
    handled,
    load_clean,
    option,
)
from acvkit.cli.french import INTEGER
from acvkit.cli.french import completion as complete_with


@app.command("list")
@data_option
@option("--axe", metavar="AXE", help="Numéro d'axe (1 à 5) ou sous-axe (4.2).")
@option(
    "--collectivite",
    metavar="ID",
    shell_complete=complete_with(completion.collectivites),
    help="Identifiant de collectivité.",
)
@option("--type", "type_", metavar="TYPE", help="etude ou action.")
@option("--statut", metavar="STATUT", help="a_engager, en_cours, livree…")
@option(
    "--financeur",
    metavar="ID",
    shell_complete=complete_with(completion.partenaires),
    help="Identifiant d'un financeur : les fiches qu'il finance.",
)
@handled
def list_fiches(
    data: Path,
    axe: str | None,
    collectivite: str | None,
    type_: str | None,
    statut: str | None,
    financeur: str | None,
) -> None:
    """Liste les fiches action, filtrées par axe, collectivité, type, statut ou financeur.

    Exemple : acv list --collectivite ville-sur-val --type action
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
@argument("numero", type=INTEGER, metavar="NUMERO", help="Numéro de la fiche, par exemple 62.")
@data_option
@handled
def show(numero: int, data: Path) -> None:
    """Affiche une fiche action, ses totaux calculés et ses diagnostics.

    Exemple : acv show 62
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
