"""Écrire des fichiers sans jamais laisser un état à moitié fait.

- `writing.change` : la seule façon d'écrire le dossier de données (`data_change`, voir sa
  docstring) — vérifiée par le linter, sous verrou, comparée à ce qui a été lu, journalisée ;
- `writing.journal` : son verrou, son journal et la reprise d'une écriture interrompue ;
- `writing.atomic` : un fichier seul écrit d'un coup (schémas, rapports, caches), les messages
  français des erreurs du système.
"""

from acvkit.writing.atomic import append_text as append_text
from acvkit.writing.atomic import atomic_write_bytes as atomic_write_bytes
from acvkit.writing.atomic import atomic_write_text as atomic_write_text
from acvkit.writing.atomic import is_temp_file as is_temp_file
from acvkit.writing.atomic import reason as reason
from acvkit.writing.atomic import remove_stale_temporaries as remove_stale_temporaries
