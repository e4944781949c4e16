"""L'import du tableur ANCT corrigé (`acv import`) : lecture bornée, cellules, changements, écriture."""
