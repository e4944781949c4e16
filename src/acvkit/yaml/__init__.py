"""Le texte YAML en arbres situés : lecture rapide et située, positions, écriture aller-retour."""
