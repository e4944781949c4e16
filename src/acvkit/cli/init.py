"""acv init : le dépôt d'un nouveau territoire."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from acvkit.cli.app import (
    app,
    fail_usage,
    verbosity_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from acvkit.scaffolding.territoire import Territoire


def _ask(key: str, valeur: str | None, terminal: bool, check: Callable[[str], object]) -> str:
    """La valeur d'une option ; absente : demandée sur un terminal (jusqu'à une réponse valable)."""
    from acvkit.scaffolding.init_repo import HELP, InitError

    option, help_text = HELP[key]
    if valeur is not None:
        return valeur
    if not terminal:
        raise fail_usage(
            f"option {option} manquante : {help_text} (sans terminal, rien n'est demandé)"
        )
    while True:
        answer = str(
            typer.prompt(help_text[0].upper() + help_text[1:], prompt_suffix=" : ", err=True)
        )
        try:
            check(answer)
        except InitError as exc:
            typer.echo(f"  {exc}", err=True)
            continue
        return answer


def _ask_communes(terminal: bool) -> list[str]:
    from acvkit.scaffolding.init_repo import HELP, InitError, parse_commune

    if not terminal:
        option, help_text = HELP["commune"]
        raise fail_usage(
            f"option {option} manquante : {help_text} (sans terminal, rien n'est demandé)"
        )
    communes: list[str] = []
    while True:
        question = "Commune suivante (vide pour finir)" if communes else HELP["commune"][1]
        answer = str(
            typer.prompt(
                question[0].upper() + question[1:],
                default="" if communes else None,
                show_default=False,
                prompt_suffix=" : ",
                err=True,
            )
        ).strip()
        if not answer and communes:
            return communes
        try:
            parse_commune(answer)
        except InitError as exc:
            typer.echo(f"  {exc}", err=True)
            continue
        communes.append(answer)


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(help="Dossier du nouveau dépôt (créé s'il manque).", metavar="dossier")
    ],
    ville: Annotated[
        str | None,
        typer.Option(
            "--ville",
            help="Code INSEE ou nom d'une commune de la liste nationale ACV : l'identifiant ANCT, "
            "les communes du programme et le SIREN en sont tirés.",
        ),
    ] = None,
    id_anct: Annotated[
        str | None, typer.Option("--id-anct", help="Identifiant ANCT du territoire : ACV099.")
    ] = None,
    epci: Annotated[
        str | None,
        typer.Option(
            "--epci", help="Nom de l'intercommunalité : « Communauté de communes du Val »."
        ),
    ] = None,
    epci_id: Annotated[
        str | None,
        typer.Option(
            "--epci-id",
            help="Identifiant de l'intercommunalité dans les données ; proposé d'après son nom "
            "(« Communauté de communes du Val » → ccv).",
        ),
    ] = None,
    siren: Annotated[
        str | None, typer.Option("--siren", help="SIREN de l'intercommunalité : 200000000.")
    ] = None,
    commune: Annotated[
        list[str] | None,
        typer.Option(
            "--commune", help="Commune et code INSEE : « Ville-sur-Val:99001 » (répétable)."
        ),
    ] = None,
    acv: Annotated[
        str | None,
        typer.Option(
            "--acv",
            help="Programme : 1 (ACV 1, convention-cadre 2018-2022) ou 2 (ACV 2, avenant "
            "2023-2026) ; défaut d'après la période.",
        ),
    ] = None,
    document: Annotated[
        str | None,
        typer.Option(
            "--document",
            help="Nature du document signé : convention-cadre ou avenant (défaut : "
            "convention-cadre pour ACV 1, avenant pour ACV 2).",
        ),
    ] = None,
    avenant: Annotated[
        int | None, typer.Option("--avenant", help="Numéro de l'avenant (défaut : 1).")
    ] = None,
    periode: Annotated[
        str | None,
        typer.Option("--periode", help="Période du programme : 2018-2022, 2023-2026."),
    ] = None,
    debut: Annotated[
        str | None,
        typer.Option(
            "--debut",
            help="Premier jour d'application, AAAA-MM-JJ (défaut : 1er janvier de la période).",
        ),
    ] = None,
    fin: Annotated[
        str | None,
        typer.Option(
            "--fin",
            help="Dernier jour d'application (défaut : cinq ans moins un jour pour une "
            "convention-cadre, 31 décembre de la fin de période pour un avenant).",
        ),
    ] = None,
    repo_acvkit: Annotated[
        str | None,
        typer.Option("--depot-acvkit", help="Adresse git d'acvkit, pour pre-commit et la CI."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Complète un dossier non vide, sans écraser aucun fichier."),
    ] = False,
    git: Annotated[
        bool, typer.Option("--git", help="Lance aussi git init et fait un premier commit.")
    ] = False,
) -> None:
    """Crée le dépôt de plan d'action d'un nouveau territoire, prêt à commiter.

    Écrit data/ (programme, partenaires, axes nationaux d'ACV 1 ou d'ACV 2 sans sous-axe,
    dossiers des fiches), la configuration, pre-commit, la CI GitHub et GitLab, les réglages de
    l'éditeur et un README. Le territoire se trouve dans la liste nationale des villes ACV
    (--ville, code INSEE ou nom) ; sinon il se décrit par --id-anct, --siren et --commune. Une
    option absente est demandée sur un terminal. Un dossier non vide est refusé sans --force ;
    aucun fichier n'est écrasé.

    Exemples : [bold]acv init plan-acv --ville 15014 --epci "Communauté d'agglomération du Bassin d'Aurillac"[/] ·
    [bold]acv init plan-acv --id-anct ACV990 --epci "Communauté de communes du Val" --siren 200000000 --commune "Ville-sur-Val:99001" --acv 1 --debut 2018-07-13[/]
    """
    from acvkit.scaffolding.init_repo import InitError, git_init, init_repo

    options = _Options(
        ville, id_anct, epci, epci_id, siren, commune, acv, document, avenant, periode, debut, fin
    )
    try:
        terr = _territoire_demande(folder, force, repo_acvkit, options)
        resultat = init_repo(folder, terr, force=force)
    except InitError as exc:
        raise fail_usage(str(exc)) from exc
    quiet = verbosity_of(ctx).quiet
    if not quiet:
        typer.echo(
            f"Programme : {terr.id_anct}, ACV {terr.acv}, {_document_text(terr)}, "
            f"du {terr.debut:%d/%m/%Y} au {terr.fin:%d/%m/%Y}"
        )
        typer.echo(f"Collectivités : {terr.epci.id} (intercommunalité, SIREN {terr.epci.code})")
        for c in terr.communes:
            typer.echo(f"                {c.id} (commune, INSEE {c.code})")
        typer.echo(f"{len(resultat.written)} fichier(s) écrit(s) dans {folder}/.")
    for relative in resultat.ignores:
        typer.echo(f"Existe déjà, laissé tel quel : {relative}", err=True)
    if git:
        try:
            commit = git_init(folder, f"Plan d'action {terr.id_anct} : dépôt créé par acv init")
        except InitError as exc:
            typer.echo(f"Erreur : {exc}", err=True)
            raise typer.Exit(1) from exc
        if not quiet:
            typer.echo(f"Dépôt git créé, premier commit {commit}.")
    if not quiet:
        typer.echo(
            f"Ensuite : cd {folder} && acv validate, puis acv new fiche --collectivite "
            f'{terr.communes[0].id} --sous-axe 4 --titre "…"'
        )


def _document_text(terr: Territoire) -> str:
    return f"avenant n°{terr.avenant}" if terr.document == "avenant" else "convention-cadre"


class _Options(NamedTuple):
    ville: str | None
    id_anct: str | None
    epci: str | None
    epci_id: str | None
    siren: str | None
    commune: list[str] | None
    acv: str | None
    document: str | None
    avenant: int | None
    periode: str | None
    debut: str | None
    fin: str | None


def _ask_default(key: str, default: str, terminal: bool, check: Callable[[str], object]) -> str:
    """Une question à réponse proposée (Entrée l'accepte) ; sans terminal, la valeur proposée."""
    from acvkit.scaffolding.init_repo import HELP, InitError

    if not terminal:
        return default
    _, help_text = HELP[key]
    while True:
        answer = str(
            typer.prompt(
                help_text[0].upper() + help_text[1:], default=default, prompt_suffix=" : ", err=True
            )
        ).strip()
        try:
            check(answer)
        except InitError as exc:
            typer.echo(f"  {exc}", err=True)
            continue
        return answer


def _ask_ville() -> str:
    """La commune de la liste nationale, demandée jusqu'à une réponse trouvée ; vide : à la main."""
    from acvkit.scaffolding.init_repo import HELP, InitError

    question = HELP["ville"][1]
    while True:
        answer = str(
            typer.prompt(
                question[0].upper() + question[1:],
                default="",
                show_default=False,
                prompt_suffix=" : ",
                err=True,
            )
        ).strip()
        if not answer:
            return ""
        try:
            _from_national_list(answer)
        except InitError as exc:
            typer.echo(f"  {exc}", err=True)
            continue
        return answer


def _from_national_list(texte: str) -> tuple[str, str, list[str]]:
    """(id_anct, SIREN, communes NOM:INSEE) du programme d'une commune de la liste nationale."""
    from acvkit.scaffolding.init_repo import InitError
    from acvkit.villes_acv import find, programme

    found = find(texte)
    if not found:
        raise InitError(
            f"« {texte} » n'est pas dans la liste nationale des villes ACV (code INSEE ou nom) : "
            "décrivez le territoire par --id-anct, --siren et --commune"
        )
    ids = sorted({v.id_acv for v in found})
    if len(ids) > 1:
        choices = ", ".join(f"{v.commune} ({v.insee}, {v.region})" for v in found)
        raise InitError(
            f"plusieurs communes s'appellent « {texte} » : {choices} ; donnez le code INSEE"
        )
    # La commune demandée d'abord, puis les autres communes du même programme.
    communes = sorted(programme(ids[0]), key=lambda v: v not in found)
    sirens = sorted({v.siren_epci for v in communes if v in found} or {found[0].siren_epci})
    return ids[0], sirens[0], [f"{v.commune}:{v.insee}" for v in communes]


def _territoire_demande(
    folder: Path, force: bool, repo_acvkit: str | None, o: _Options
) -> Territoire:
    """Le territoire de `acv init` : options données, les autres demandées sur un terminal."""
    from acvkit.scaffolding.init_repo import (
        DOCUMENTS,
        HELP,
        PERIODES,
        acv_of,
        check_folder,
        check_id_anct,
        check_identifier,
        check_name,
        check_siren,
        default_fin,
        parse_acv,
        parse_avenant,
        parse_date,
        parse_document,
        parse_periode,
        proposed_epci_id,
        territoire,
    )

    terminal = sys.stdin.isatty()
    manual = o.ville is None and (o.id_anct or o.siren or o.commune)
    if not terminal:
        needed: dict[str, object] = {"epci": o.epci}
        if o.ville is None:
            needed |= {"id_anct": o.id_anct, "siren": o.siren, "commune": o.commune}
        missing = [HELP[key] for key, valeur in needed.items() if valeur is None]
        if missing:
            raise fail_usage(
                "sans terminal, rien n'est demandé : option(s) manquante(s) "
                + " ; ".join(f"{option} ({help_text})" for option, help_text in missing)
                + ("" if o.ville else " ; ou --ville (code INSEE ou nom d'une ville ACV)")
            )
    check_folder(folder, force)
    id_anct, siren, communes = o.id_anct, o.siren, o.commune
    ville = o.ville
    if ville is None and not manual and terminal:
        ville = _ask_ville()
    if ville and ville.strip():
        national_id, national_siren, national_communes = _from_national_list(ville)
        typer.echo(
            f"Liste nationale : {national_id}, "
            + ", ".join(c.replace(":", " (") + ")" for c in national_communes)
            + f", EPCI SIREN {national_siren}",
            err=True,
        )
        id_anct = id_anct or national_id
        siren = siren or national_siren
        communes = communes or national_communes
    epci = _ask("epci", o.epci, terminal, lambda v: check_name(v, "l'intercommunalité"))
    epci_id = o.epci_id or _ask_default(
        "epci_id", proposed_epci_id(epci), terminal, check_identifier
    )
    id_anct = _ask("id_anct", id_anct, terminal, check_id_anct)
    siren = _ask("siren", siren, terminal, check_siren)
    communes = communes or _ask_communes(terminal)
    if o.acv is not None:
        acv = parse_acv(o.acv)
    elif o.periode is not None:
        acv = acv_of(o.periode)
    else:
        acv = parse_acv(_ask_default("acv", "2", terminal, parse_acv))
    periode = o.periode or _ask_default("periode", PERIODES[acv], terminal, parse_periode)
    nature = parse_document(
        o.document or _ask_default("document", DOCUMENTS[acv], terminal, parse_document)
    )
    numero: int | None = None
    if nature == "avenant":
        numero = o.avenant or parse_avenant(_ask_default("avenant", "1", terminal, parse_avenant))
    first = parse_periode(periode)[0]
    debut = parse_date(
        o.debut or _ask_default("debut", f"{first}-01-01", terminal, parse_date), "date de début"
    )
    proposed_fin = default_fin(debut, nature, periode).isoformat()
    fin = parse_date(
        o.fin or _ask_default("fin", proposed_fin, terminal, parse_date), "date de fin"
    )
    return territoire(
        communes=list(communes),
        avenant=numero,
        repo_acvkit=repo_acvkit,
        id_anct=id_anct,
        epci=epci,
        siren=siren,
        periode=periode,
        epci_id=epci_id,
        acv=acv,
        document=nature,
        debut=debut,
        fin=fin,
    )
