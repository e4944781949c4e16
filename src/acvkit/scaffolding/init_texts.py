"""Les textes fixes qu'écrit `acv init` (README, configuration, CI), à remplir par `str.format`.

Champs : {version} (acvkit), {id_anct}, {collectivite} (la première commune), {collectivites}
(tous les identifiants), et d'où vient acvkit : {requirement} (la ligne de pip, valeur YAML),
{pip_light} et {pip_documents} (commandes pip, valeurs YAML, sans et avec les dépendances des
documents), {install} (commande d'installation à taper), {origin} (en mots), {classement} (un classement
d'exemple), {document} (« de l'avenant », « de la convention-cadre »).
"""

README = """\
# Plan d'action Action Cœur de Ville ({id_anct})

Ce dépôt tient le plan d'action du programme comme des données : une fiche action par fichier
YAML dans `data/fiches/<collectivite>/`, relue en *pull request*. L'outil acvkit (commande
`acv`, version {version}) les vérifie, chiffre les coûts au centime près et produit les annexes
{document} et le tableur de l'ANCT.

Identifiants des collectivités (à écrire dans les fiches) : {collectivites}.

## Installer l'outil

Sous Windows (PowerShell), macOS ou Linux, avec [pipx](https://pipx.pypa.io) ou
[uv](https://docs.astral.sh/uv/) :

```sh
{install}
pipx install pre-commit && pre-commit install   # facultatif : vérifie avant chaque commit
```

pre-commit et la CI installent {origin} : changez-le dans `.pre-commit-config.yaml`,
`.github/workflows/acv.yml` et `.gitlab-ci.yml` pour passer à une autre version.

## Les trois commandes

```sh
acv new fiche --collectivite {collectivite} --sous-axe {classement} --titre "Requalification de la place du Marché"
acv validate        # fichier:ligne:colonne CODE message, pour chaque problème
acv build           # les annexes (HTML, Markdown, DOCX) et le tableur ANCT dans build/
```

## À faire d'abord

1. Remplacer chaque « à compléter » de `data/programme.yaml` et `data/partenaires.yaml`
   (`acv validate` les signale : règle CON003).
2. Compléter `data/axes/` avec les sous-axes de votre plan d'action, s'il en a.
3. Ajouter les indicateurs d'évaluation (`acv new indicateur --axe 1 --intitule "…"`) et les
   autres partenaires (Région, Département, bailleurs…) dans `data/partenaires.yaml`.

Chaque *pull request* est vérifiée par `.github/workflows/acv.yml` (ou `.gitlab-ci.yml`) : les
problèmes s'affichent sur les lignes des fichiers, et les annexes produites sont jointes au
passage de la CI. `acv --help` décrit toutes les commandes.
"""

ACV_TOML = """\
# Configuration de « acv validate » pour ce dépôt (toutes les règles par défaut).
# « acv rules » liste les règles ; « acv rules CODE » explique l'une d'elles.
# Exemples :
#   ignore = ["CON004"]            # ne plus signaler une règle
#   [severite]
#   CAL003 = "erreur"              # rendre une règle bloquante
#   [ignore-par-chemin]
#   "fiches/mon-epci/*" = ["CON001"]
select = []
ignore = []
"""

GITIGNORE = """\
# Produits par acv : le cache de lecture et les annexes (refaites par « acv build »).
.acv-cache/
build/
acv-erreur-*.log
"""

PRE_COMMIT = """\
# Crochets pre-commit d'acvkit : « pipx install pre-commit », puis « pre-commit install ».
# acv-fmt remet les fichiers de data/ en forme, acv-validate refuse un commit qui laisse une
# erreur, acv-schema garde schemas/ à jour. pre-commit installe acvkit dans un environnement à
# lui, sans les dépendances des documents ; changez la version ici pour en changer.
repos:
  - repo: local
    hooks:
      - id: acv-fmt
        name: acv fmt (mise en forme des données)
        entry: acv fmt
        language: python
        additional_dependencies: [{requirement}]
        pass_filenames: true
        require_serial: true
        files: ^data/.*\\.ya?ml$
      - id: acv-validate
        name: acv validate (données Action Cœur de Ville)
        entry: acv validate
        language: python
        additional_dependencies: [{requirement}]
        pass_filenames: true
        require_serial: true
        files: ^(data/.*\\.ya?ml|(.*/)?acv\\.toml|pyproject\\.toml|(.*/)?acv-baseline\\.json)$
      - id: acv-schema
        name: acv schema (schémas JSON pour l'éditeur)
        entry: acv schema --check
        language: python
        additional_dependencies: [{requirement}]
        pass_filenames: false
        require_serial: true
        files: ^(data/.*\\.ya?ml|schemas/.*\\.json|\\.pre-commit-config\\.yaml)$
"""

WORKFLOW = """\
# GitHub Actions : sur chaque pull request, acv validate annote les lignes fautives ; puis acv
# build produit les annexes, jointes au passage (onglet « Summary », section « Artifacts »).
name: acv
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  acv:
    name: acv validate et build
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # la date des annexes est celle du dernier commit des données
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Installer acvkit
        run: {pip_documents}
      - name: acv validate
        run: acv validate --data data --format github
      - name: acv build
        run: acv build --data data --out build
      - uses: actions/upload-artifact@v4
        with:
          name: annexes
          path: build/
"""

GITLAB_CI = """\
# GitLab CI : acv validate publie le rapport « Code Quality » (les problèmes s'affichent dans la
# merge request, le job échoue s'il y a une erreur), puis acv build garde les annexes comme
# artefacts.
stages:
  - valider
  - produire

acv-validate:
  stage: valider
  image: python:3.11
  script:
    - {pip_light}
    - acv validate --data data --format gitlab > gl-code-quality-report.json || true
    - acv validate --data data
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json

acv-build:
  stage: produire
  image: python:3.11
  script:
    - {pip_documents}
    - acv build --data data --out build
  artifacts:
    name: annexes
    paths:
      - build/
"""

VSCODE_EXTENSIONS = """\
{
  "recommendations": ["redhat.vscode-yaml"]
}
"""
