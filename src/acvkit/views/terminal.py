"""Les fiches dans le terminal : tableau de la liste, et vue détaillée d'une fiche avec ses totaux."""

from __future__ import annotations

from decimal import Decimal

from rich.console import RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from acvkit.costs.fiche import BaseMontant
from acvkit.costs.financement import financements as read_financements
from acvkit.costs.financement import montant_base, not_determinable, reste
from acvkit.costs.glossary import RESTE_A_CHARGE, UNKNOWN_TEXT, Categorie, joint_name
from acvkit.diagnostics import Diagnostic, Severity
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, Item
from acvkit.money import format_euros
from acvkit.safe_text import texte as safe
from acvkit.safe_text import visible
from acvkit.views.text import (
    TO_BE_DETERMINED_TEXT,
    calendrier_text,
    cout_texte,
    maitre_ouvrage_text,
    with_note,
)


def matches(
    fiche: Fiche,
    *,
    axe: str | None,
    collectivite: str | None,
    type_: str | None,
    statut: str | None,
    financeur: str | None = None,
) -> bool:
    """Vrai si la fiche passe tous les filtres donnés (`axe` accepte « 4 » ou « 4.2 »)."""
    if axe is not None and axe not in (fiche.axe, fiche.sous_axe):
        return False
    if financeur is not None and financeur not in {f.financeur for f in fiche.financements or []}:
        return False
    if collectivite is not None and fiche.collectivite != collectivite:
        return False
    if type_ is not None and fiche.type.value != type_:
        return False
    return statut is None or (fiche.statut is not None and fiche.statut.value == statut)


def fiches_table(fiches: list[Fiche], data: Dataset) -> Table:
    names = {p.model.id: p.model.nom for p in data.partenaires}
    table = Table(title=f"{len(fiches)} fiche(s) action", header_style="bold")
    # Rien n'est tronqué : un mot plus long que sa colonne se plie sur la ligne suivante.
    for titre in ("FA", "Collectivité", "Sous-axe", "Type", "Titre", "Coût", "Calendrier"):
        table.add_column(
            titre,
            justify="right" if titre in ("FA", "Coût") else "left",
            overflow="fold",
            no_wrap=titre in ("FA", "Sous-axe"),
        )
    for f in fiches:
        cellules = (
            str(f.numero),
            names.get(f.collectivite, f.collectivite),
            f.sous_axe,
            f.type.libelle,
            f.titre,
            cout_texte(f),
            calendrier_text(f),
        )
        table.add_row(*(safe(c) for c in cellules))
    return table


def _items(items: list[Item] | None, note: str | None) -> Text:
    texte = Text()
    if note:
        texte.append(visible(note, lines=True) + "\n", style="italic")
    for item in items or []:
        if isinstance(item, str):
            texte.append(f"• {visible(item, lines=True)}\n")
        else:
            texte.append(f"• {visible(item.texte, lines=True)}\n")
            for detail in item.details:
                texte.append(f"    – {visible(detail, lines=True)}\n")
    if not texte.plain:
        texte.append("–")
    return texte


def fiche_renderables(
    fiche: Fiche, data: Dataset, diagnostics: list[Diagnostic]
) -> list[RenderableType]:
    names = {p.model.id: p.model.nom for p in data.partenaires}
    sous_axes = data.sous_axes()
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    partenaires = (
        with_note(
            ", ".join(names.get(p, p) for p in fiche.partenaires or []), fiche.partenaires_note
        )
        or "–"
    )
    financements = "\n".join(
        f"{joint_name(f.financeur, lambda i: names.get(i, i))} : {f.texte}"
        + (f" ({f.note})" if f.note else "")
        for f in read_financements(fiche)
    )
    # La note des financements va sur sa ligne : elle ne qualifie pas le dernier financeur.
    financements = (
        "\n".join(t for t in (financements, fiche.financements_note) if t) or UNKNOWN_TEXT
    )
    postes = "\n".join(
        f"{p.libelle} : "
        + (
            with_note(format_euros(p.montant), p.note)
            if p.montant is not None
            else (p.note or TO_BE_DETERMINED_TEXT)
        )
        for p in (fiche.cout.postes if fiche.cout and fiche.cout.postes else [])
    )
    money = reste(fiche, lambda i: names.get(i, i))
    totaux = [
        (cat.term.libelle, _by_base_text(money.of(cat)))
        for cat in Categorie
        if cat is Categorie.PARTENAIRES or money.of(cat)
    ]
    lignes = [
        ("Collectivité", names.get(fiche.collectivite, fiche.collectivite)),
        ("Type", fiche.type.libelle),
        ("Axe de rattachement", _classement(fiche, sous_axes)),
        ("Maître d'ouvrage", maitre_ouvrage_text(fiche, lambda m: names.get(m, m)) or "–"),
        ("Partenaires", partenaires),
        ("Coût total", cout_texte(fiche) + (f"\n{postes}" if postes else "")),
        ("Financements", financements),
        *totaux,
        (
            RESTE_A_CHARGE.libelle,
            montant_base(money.montant, money.base)
            if money.montant is not None
            else not_determinable(money.reason or ""),
        ),
        ("Calendrier", calendrier_text(fiche)),
        *(
            [
                (
                    "Phases",
                    "\n".join(
                        with_note(
                            f"{j.libelle} : {j.lancement or '…'} → {j.livraison or '…'}", j.note
                        )
                        for j in fiche.jalons
                    ),
                )
            ]
            if fiche.jalons and (fiche.lancement or fiche.livraison)
            else []
        ),
        *(
            [
                (
                    "Date de signature",
                    with_note(str(fiche.date_signature or ""), fiche.date_signature_note),
                )
            ]
            if fiche.date_signature or fiche.date_signature_note
            else []
        ),
    ]
    for key, valeur in lignes:
        table.add_row(key, safe(valeur, lines=True))
    out: list[RenderableType] = [
        Panel(table, title=safe(f"FA {fiche.numero} · {fiche.titre}"), title_align="left"),
        Panel(
            safe(
                "\n\n".join(t.strip() for t in (fiche.description, fiche.description_note) if t)
                or "–",
                lines=True,
            ),
            title="Description",
            title_align="left",
        ),
        Panel(_items(fiche.objectifs, fiche.objectifs_note), title="Objectifs", title_align="left"),
        Panel(
            _items(fiche.indicateurs_avancement, fiche.indicateurs_avancement_note),
            title="Indicateurs d'avancement",
            title_align="left",
        ),
        Panel(
            _items(fiche.indicateurs_resultat, fiche.indicateurs_resultat_note),
            title="Indicateurs de résultat",
            title_align="left",
        ),
    ]
    if (suivi := suivi_panel(fiche, data)) is not None:
        out.append(suivi)
    from acvkit.indicateurs.fiche_view import fiche_indicateurs

    evaluation = fiche_indicateurs(fiche, data)
    if evaluation is not None:
        out.append(Panel(evaluation, title="Indicateurs d'évaluation", title_align="left"))
    if diagnostics:
        texte = Text()
        for d in diagnostics:
            style = "red" if d.severity is Severity.ERROR else "yellow"
            texte.append(f"{d.line}:{d.column} ", style="bold")
            texte.append(d.code, style=style)
            texte.append(f" {visible(d.message)}\n")
        out.append(Panel(texte, title="Diagnostics", title_align="left"))
    return out


def _by_base_text(montants: dict[BaseMontant, Decimal]) -> str:
    """« 22 000 € TTC + 10 000 € » : une somme par base, jamais additionnées ; « 0 € » sans montant."""
    if not montants:
        return format_euros(Decimal(0))
    return " + ".join(montant_base(v, b) for b, v in sorted(montants.items()))


def _classement(fiche: Fiche, sous_axes: dict[str, str]) -> str:
    """« 4.2 – intitulé du sous-axe », ou « Axe 4 » pour une fiche rattachée à l'axe lui-même."""
    if fiche.axe_only:
        return "Axe transversal" if fiche.axe == "transversal" else f"Axe {fiche.axe}"
    return f"{fiche.sous_axe} – {sous_axes.get(fiche.sous_axe, '?')}"


def suivi_panel(fiche: Fiche, data: Dataset) -> Panel | None:
    """Le suivi de la fiche : statut, journal, vie de chaque financement, réalisé par année."""
    from acvkit.suivi.fiche_view import suivi_lines

    lines = suivi_lines(fiche, data)
    if not lines:
        return None
    texte = Text()
    for style, line in lines:
        texte.append(visible(line, lines=True) + "\n", style=style or None)
    return Panel(texte, title="Suivi", title_align="left")
