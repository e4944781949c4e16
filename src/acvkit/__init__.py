"""acvkit : le programme Action Cœur de Ville comme des données versionnées."""

__version__ = "0.1.0"
