"""Les schémas JSON du format : génération, messages français, identifiants complétés, fichiers pour l'éditeur."""
