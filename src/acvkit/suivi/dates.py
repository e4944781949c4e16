"""La date du rapport de suivi : `--date-rapport`, sinon SOURCE_DATE_EPOCH, sinon aujourd'hui (une seule règle)."""

from __future__ import annotations

import calendar
import os
import re
from datetime import UTC, date, datetime

SUIVI_DELAY_MONTHS = 6  # l'article 4 de l'avenant : mise à jour « a minima une fois par semestre »

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class DateError(ValueError):
    """Une date écrite qui ne se comprend pas : message français."""


def parse_date(texte: str) -> date:
    """« 2025-06-30 » ou « 30/06/2025 » → la date ; DateError sinon."""
    raw = texte.strip()
    if m := _ISO.match(raw):
        annee, mois, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _FR.match(raw):
        day, mois, annee = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        raise DateError(f"date « {texte} » incomprise : écrivez AAAA-MM-JJ ou JJ/MM/AAAA")
    try:
        return date(annee, mois, day)
    except ValueError as exc:
        raise DateError(f"date « {texte} » impossible : ce jour n'existe pas") from exc


def date_rapport(au: date | None = None) -> date:
    """La date du rapport : celle donnée (--date-rapport), sinon SOURCE_DATE_EPOCH (UTC), sinon aujourd'hui."""
    if au is not None:
        return au
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


def months_before(day: date, mois: int) -> date:
    """La même date `mois` mois plus tôt (le 31 août moins 6 mois : le 28 ou 29 février)."""
    total = day.year * 12 + (day.month - 1) - mois
    annee, numero = divmod(total, 12)
    last = calendar.monthrange(annee, numero + 1)[1]
    return date(annee, numero + 1, min(day.day, last))
