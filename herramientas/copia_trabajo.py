"""Crea o completa la copia de trabajo del estudiante (``trabajo/``) a partir de ``release/``.

Nunca sobrescribe un archivo que ya existe: el trabajo del estudiante está a salvo y
las lecciones nuevas se agregan junto a las que ya tiene.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def completar(origen: Path = RAIZ / "release", destino: Path = RAIZ / "trabajo") -> list[Path]:
    """Copia a ``destino`` cada archivo de ``origen`` que falte; devuelve los copiados."""
    copiados = []
    for archivo in sorted(origen.rglob("*")):
        if not archivo.is_file() or ".ipynb_checkpoints" in archivo.parts:
            continue
        nuevo = destino / archivo.relative_to(origen)
        if nuevo.exists():
            continue
        nuevo.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(archivo, nuevo)
        copiados.append(nuevo)
    return copiados


def main() -> int:
    copiados = completar()
    for ruta in copiados:
        print(f"nuevo en tu copia de trabajo: {ruta.relative_to(RAIZ)}")
    if not copiados:
        print("Tu copia de trabajo (trabajo/) ya está al día; no se tocó nada.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
