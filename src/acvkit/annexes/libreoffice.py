"""Conversion des DOCX en ODT ou PDF par LibreOffice (profil temporaire, délai borné)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from acvkit.errors import ConversionError as ConversionError

TIMEOUT_SECONDS = 300

# Le PDF est balisé (structure des titres, listes, tableaux, textes de remplacement des images)
# et se déclare PDF/UA : options du filtre d'export de LibreOffice (7.4 et suivants).
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)

INSTALL_HINT = (
    "LibreOffice est introuvable (commande soffice) : installez-le pour produire l'ODT et le PDF "
    "(Debian/Ubuntu : sudo apt-get install libreoffice-writer ; Windows et macOS : "
    "https://fr.libreoffice.org/download/), ou retirez odt et pdf de --format."
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(documents: dict[str, bytes], target: str) -> dict[str, bytes]:
    """`docx/x.docx` → `<target>/x.<target>` pour chaque document, par un LibreOffice sans interface."""
    program = soffice()
    if program is None:
        raise ConversionError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="acv-lo-") as tmp:
        root = Path(tmp)
        sources = []
        for name, content in documents.items():
            path = root / "in" / Path(name).name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            sources.append(path)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation={(root / 'profil').as_uri()}",
            "--convert-to",
            PDF_FILTER if target == "pdf" else target,
            "--outdir",
            str(root / "out"),
            *map(str, sources),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(
                f"LibreOffice n'a pas fini la conversion en {target} en {TIMEOUT_SECONDS} s"
            ) from exc
        results = {}
        for source in sources:
            produced = root / "out" / f"{source.stem}.{target}"
            if not produced.exists():
                detail = (done.stderr or done.stdout).strip()[:300]
                raise ConversionError(
                    f"LibreOffice n'a pas produit {produced.name} ({detail or 'sans message'})"
                )
            results[f"{target}/{produced.name}"] = produced.read_bytes()
        return results
