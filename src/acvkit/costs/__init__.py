"""Les chiffres, purs, en Decimal : coût d'une fiche, agrégats, exports JSON et CSV."""
