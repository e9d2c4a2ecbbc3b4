"""Cuaderno del estudiante resuelto: la versión publicada con el código de las soluciones de la fuente."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

__all__ = ["resolver", "cuantos_paneles"]

_DELIMITADOR = re.compile(r"^\s*#+\s*(BEGIN|END) SOLUTION\s*$")


def _sin_delimitadores(texto: str) -> str:
    return "\n".join(linea for linea in texto.splitlines() if not _DELIMITADOR.match(linea))


def resolver(publicado: Path, fuente: Path):
    """La versión publicada (celdas, metadatos y sumas de verificación intactas) con cada celda de
    solución reemplazada por la de la fuente sin los delimitadores: lo que entrega un estudiante
    que resolvió todo.

    Devuelve un ``NotebookNode``; falla si una celda de solución no existe en la fuente.
    """
    nb = nbformat.read(str(publicado), as_version=4)
    originales = {c.id: c for c in nbformat.read(str(fuente), as_version=4).cells}
    for celda in nb.cells:
        if not celda.get("metadata", {}).get("nbgrader", {}).get("solution"):
            continue
        if celda.id not in originales:
            raise KeyError(f"{publicado.name}: la celda de solución {celda.id!r} no está en la fuente")
        celda.source = _sin_delimitadores(originales[celda.id].source)
    return nb


def cuantos_paneles(publicado: Path) -> int:
    """Cuántas celdas de código muestran un panel (``panel_xxx().mostrar()``)."""
    nb = nbformat.read(str(publicado), as_version=4)
    return sum(1 for c in nb.cells if c.cell_type == "code" and ".mostrar(" in c.source)
