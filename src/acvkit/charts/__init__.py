"""Les graphiques des annexes : calendrier, barres de coûts, trajectoires d'indicateurs."""
