"""La date du rapport : le jour auquel les valeurs des indicateurs sont jugées.

Une valeur d'une année postérieure à ce jour est une faute (IND008) ; la trajectoire d'un
indicateur est lue à cette date. SOURCE_DATE_EPOCH la fixe (sorties reproductibles) ; sinon c'est
aujourd'hui ; une date explicite l'emporte sur les deux.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def report_date(explicit: date | None = None) -> date:
    """La date explicite si elle est donnée ; sinon le jour de SOURCE_DATE_EPOCH (UTC) ; sinon aujourd'hui."""
    if explicit is not None:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()
