"""Le texte des vues : terminal (list, show) et aides partagées avec les annexes."""
