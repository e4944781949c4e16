"""acv init : le dépôt d'un nouveau territoire."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import click

from acvkit.cli.app import Exit, app, argument, echo, fail_usage, handled, option, verbosity_of
from acvkit.cli.french import INTEGER

if TYPE_CHECKING:
    from collections.abc import Callable

    from acvkit.scaffolding.init_repo import Resultat
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
            click.prompt(help_text[0].upper() + help_text[1:], prompt_suffix=" : ", err=True)
        )
        try:
            check(answer)
        except InitError as exc:
            echo(f"  {exc}", err=True)
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
            click.prompt(
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
            echo(f"  {exc}", err=True)
            continue
        communes.append(answer)


@app.command()
@argument(
    "folder",
    type=click.Path(path_type=Path),
    metavar="DOSSIER",
    help="Dossier du nouveau dépôt (créé s'il manque).",
)
@option(
    "--ville",
    metavar="INSEE|NOM",
    help="Code INSEE ou nom d'une commune de la liste nationale ACV : l'identifiant ANCT, les "
    "communes du programme et le SIREN en sont tirés.",
)
@option("--id-anct", "id_anct", metavar="ID", help="Identifiant ANCT du territoire : ACV099.")
@option(
    "--epci", metavar="NOM", help="Nom de l'intercommunalité : « Communauté de communes du Val »."
)
@option(
    "--epci-id",
    "epci_id",
    metavar="ID",
    help="Identifiant de l'intercommunalité dans les données ; proposé d'après son nom "
    "(« Communauté de communes du Val » → ccv).",
)
@option("--siren", metavar="SIREN", help="SIREN de l'intercommunalité : 200000008.")
@option(
    "--commune",
    multiple=True,
    metavar="NOM:INSEE",
    help="Commune et code INSEE : « Ville-sur-Val:99001 ».",
)
@option(
    "--acv",
    metavar="1|2",
    help="Programme : 1 (ACV 1, convention-cadre 2018-2022) ou 2 (ACV 2, avenant 2023-2026) ; "
    "défaut d'après la période.",
)
@option(
    "--document",
    metavar="NATURE",
    help="Nature du document signé : convention-cadre ou avenant (défaut : convention-cadre pour "
    "ACV 1, avenant pour ACV 2).",
)
@option("--avenant", type=INTEGER, metavar="NUMERO", help="Numéro de l'avenant (défaut : 1).")
@option("--periode", metavar="AAAA-AAAA", help="Période du programme : 2018-2022, 2023-2026.")
@option(
    "--debut",
    metavar="AAAA-MM-JJ",
    help="Premier jour d'application (défaut : 1er janvier de la période).",
)
@option(
    "--fin",
    metavar="AAAA-MM-JJ",
    help="Dernier jour d'application (défaut : cinq ans moins un jour pour une convention-cadre, "
    "31 décembre de la fin de période pour un avenant).",
)
@option(
    "--acvkit-source",
    "source",
    former=("--depot-acvkit",),
    metavar="SOURCE",
    help="D'où pre-commit et la CI installent acvkit : une adresse (git+https://…@v0.2.0, "
    "https://…/acvkit-0.2.0-py3-none-any.whl) ou un chemin ; par défaut acvkit==VERSION depuis "
    "l'index des paquets (PyPI).",
)
@option("--force", is_flag=True, help="Complète un dossier non vide, sans écraser aucun fichier.")
@option("--git", is_flag=True, help="Lance aussi git init et fait un premier commit.")
@click.pass_context
@handled
def init(
    ctx: click.Context,
    folder: Path,
    ville: str | None,
    id_anct: str | None,
    epci: str | None,
    epci_id: str | None,
    siren: str | None,
    commune: tuple[str, ...],
    acv: str | None,
    document: str | None,
    avenant: int | None,
    periode: str | None,
    debut: str | None,
    fin: str | None,
    source: str | None,
    force: bool,
    git: bool,
) -> None:
    """Crée le dépôt de plan d'action d'un nouveau territoire, prêt à commiter.

    Écrit data/ (programme, partenaires, axes nationaux d'ACV 1 ou d'ACV 2 sans sous-axe,
    dossiers des fiches), la configuration, pre-commit, la CI GitHub et GitLab, les réglages de
    l'éditeur et un README. Le territoire se trouve dans la liste nationale des villes ACV
    (--ville, code INSEE ou nom) ; sinon il se décrit par --id-anct, --siren et --commune. Une
    option absente est demandée sur un terminal. Un dossier non vide est refusé sans --force ;
    aucun fichier n'est écrasé.

    Exemples : acv init plan-acv --ville 15014 --epci "Communauté d'agglomération du Bassin d'Aurillac" · acv init plan-acv --id-anct ACV990 --epci "Communauté de communes du Val" --siren 200000008 --commune "Ville-sur-Val:99001" --acv 1 --debut 2018-07-13
    """
    from acvkit.scaffolding.init_repo import InitError, init_repo

    options = _Options(
        ville,
        id_anct,
        epci,
        epci_id,
        siren,
        list(commune) or None,
        acv,
        document,
        avenant,
        periode,
        debut,
        fin,
    )
    try:
        terr = _territoire_demande(folder, force, source, options)
        resultat = init_repo(folder, terr, force=force)
    except InitError as exc:
        raise fail_usage(str(exc)) from exc
    _report(folder, terr, resultat, git, verbosity_of(ctx).quiet)


def _report(folder: Path, terr: Territoire, resultat: Resultat, git: bool, quiet: bool) -> None:
    """Ce qu'`acv init` a écrit, d'où viendra acvkit, le premier commit (--git), la suite."""
    from acvkit.scaffolding.init_repo import InitError, git_init

    if not quiet:
        echo(
            f"Programme : {terr.id_anct}, ACV {terr.acv}, {_document_text(terr)}, "
            f"du {terr.debut:%d/%m/%Y} au {terr.fin:%d/%m/%Y}"
        )
        echo(f"Collectivités : {terr.epci.id} (intercommunalité, SIREN {terr.epci.code})")
        for c in terr.communes:
            echo(f"                {c.id} (commune, INSEE {c.code})")
        echo(f"{len(resultat.written)} fichier(s) écrit(s) dans {folder}/.")
        echo(f"pre-commit et la CI installeront {terr.origin}.")
    if terr.local:
        echo(
            f"Attention : acvkit vient d'un chemin de cette machine ({terr.source}) ; pre-commit "
            "l'installera ici, mais la CI (GitHub, GitLab) ne le trouvera pas : donnez plutôt "
            "une adresse à --acvkit-source, ou publiez acvkit (docs/publier.md).",
            err=True,
        )
    for relative in resultat.ignores:
        echo(f"Existe déjà, laissé tel quel : {relative}", err=True)
    if git:
        try:
            commit = git_init(folder, f"Plan d'action {terr.id_anct} : dépôt créé par acv init")
        except InitError as exc:
            echo(f"Erreur : {exc}", err=True)
            raise Exit(1) from exc
        if not quiet:
            echo(f"Dépôt git créé, premier commit {commit}.")
    if not quiet:
        echo(
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
            click.prompt(
                help_text[0].upper() + help_text[1:], default=default, prompt_suffix=" : ", err=True
            )
        ).strip()
        try:
            check(answer)
        except InitError as exc:
            echo(f"  {exc}", err=True)
            continue
        return answer


def _ask_ville() -> str:
    """La commune de la liste nationale, demandée jusqu'à une réponse trouvée ; vide : à la main."""
    from acvkit.scaffolding.init_repo import HELP, InitError
    from acvkit.scaffolding.national import from_national_list

    question = HELP["ville"][1]
    while True:
        answer = str(
            click.prompt(
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
            from_national_list(answer)
        except InitError as exc:
            echo(f"  {exc}", err=True)
            continue
        return answer


def _territoire_demande(folder: Path, force: bool, source: str | None, o: _Options) -> Territoire:
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
    from acvkit.scaffolding.national import from_national_list

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
        national_id, national_siren, national_communes = from_national_list(ville)
        echo(
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
        source=source,
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
