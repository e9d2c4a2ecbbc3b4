"""Crea o completa la copia de trabajo del estudiante (``trabajo/``) a partir de ``release/``.

Nunca sobrescribe un archivo que ya existe: el trabajo del estudiante está a salvo y
las lecciones nuevas se agregan junto a las que ya tiene.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

__all__ = ["RAIZ", "RESUMEN", "completar", "copiar_resumen", "lecciones", "pendiente", "primera_pendiente"]

RAIZ = Path(__file__).resolve().parent.parent
#: La hoja de resumen del curso (formas, ecuaciones, parámetros, marcos); va junto a las lecciones.
RESUMEN = RAIZ / "course" / "resumen.md"


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


def copiar_resumen(destino: Path = RAIZ / "trabajo", resumen: Path = RESUMEN) -> Path | None:
    """Copia la hoja de resumen a ``destino`` si aún no está ahí; devuelve la copia nueva o ``None``."""
    nuevo = Path(destino) / resumen.name
    if nuevo.exists():
        return None
    nuevo.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(resumen, nuevo)
    return nuevo


def lecciones(destino: Path = RAIZ / "trabajo") -> list[Path]:
    """Los cuadernos de lección de la copia de trabajo (``NN_tema/NN_tema.ipynb``), en orden."""
    return sorted(p for p in Path(destino).glob("*/*.ipynb") if p.stem == p.parent.name)


_SIN_RESPONDER = re.compile(r'^\s*respuesta_\d+\s*=\s*(""|\'\')\s*$', re.M)


def pendiente(cuaderno: Path) -> bool:
    """¿Queda algún ejercicio sin resolver (una celda de solución que aún lanza ``NotImplementedError``) o una
    pregunta del cuestionario sin responder (``respuesta_N = ""``)?"""
    try:
        celdas = json.loads(Path(cuaderno).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return True  # un cuaderno ilegible tampoco está terminado
    for celda in celdas:
        fuente = celda.get("source", "")
        fuente = "".join(fuente) if isinstance(fuente, list) else fuente
        if celda.get("metadata", {}).get("nbgrader", {}).get("solution") and (
                "raise NotImplementedError" in fuente or _SIN_RESPONDER.search(fuente)):
            return True
    return False


def primera_pendiente(destino: Path = RAIZ / "trabajo") -> Path | None:
    """La primera lección con ejercicios sin resolver; la primera de todas si ya no queda ninguna."""
    todas = lecciones(destino)
    return next((p for p in todas if pendiente(p)), todas[0] if todas else None)


def main() -> int:
    copiados = completar()
    resumen = copiar_resumen()
    copiados += [resumen] if resumen else []
    for ruta in copiados:
        print(f"nuevo en tu copia de trabajo: {ruta.relative_to(RAIZ)}")
    if not copiados:
        print("Tu copia de trabajo (trabajo/) ya está al día; no se tocó nada.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
