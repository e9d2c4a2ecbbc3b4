"""Construye cuadernos fuente de nbgrader con metadatos válidos e ids estables.

Uso típico, desde un guion de autoría que no se guarda en el repositorio:

    from herramientas.autoria import md, codigo, solucion, prueba, solo_lectura, guardar
    guardar("source/01_x/01_x.ipynb", [md("# Título"), solucion("paso_rnn", "def ..."), ...])

El cuaderno guardado es la fuente de verdad; este módulo solo ahorra escribir JSON a mano.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import nbformat

__all__ = ["md", "codigo", "solucion", "prueba", "solo_lectura", "cuaderno", "guardar"]


def _limpio(texto: str) -> str:
    return textwrap.dedent(texto).strip("\n")


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    if not re.fullmatch(r"[a-z0-9_]+", grade_id):
        raise ValueError(f"grade_id ilegible: {grade_id!r} (usa minúsculas, dígitos y _)")
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def md(texto: str, id: str | None = None):
    """Celda de texto (markdown) sin calificación."""
    celda = nbformat.v4.new_markdown_cell(_limpio(texto))
    celda.id = id
    return celda


def codigo(texto: str, id: str | None = None):
    """Celda de código libre (demostraciones, gráficas)."""
    celda = nbformat.v4.new_code_cell(_limpio(texto))
    celda.id = id
    return celda


def solo_lectura(grade_id: str, texto: str):
    """Celda de código bloqueada (preparación que el estudiante no debe cambiar)."""
    celda = nbformat.v4.new_code_cell(_limpio(texto), metadata=_meta(grade_id, grade=False, solution=False, locked=True))
    celda.id = grade_id
    return celda


def solucion(grade_id: str, texto: str):
    """Celda que el estudiante completa; la solución va entre BEGIN/END SOLUTION."""
    celda = nbformat.v4.new_code_cell(_limpio(texto), metadata=_meta(grade_id, grade=False, solution=True, locked=False))
    celda.id = grade_id
    return celda


def prueba(grade_id: str, puntos: float, texto: str):
    """Celda de prueba calificada (visible y, entre delimitadores, oculta)."""
    celda = nbformat.v4.new_code_cell(
        _limpio(texto), metadata=_meta(grade_id, grade=True, solution=False, locked=True, points=puntos)
    )
    celda.id = grade_id
    return celda


def cuaderno(celdas: list):
    """Cuaderno con núcleo de Python 3 e ids estables para las celdas que no los traen."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    vistos: set[str] = set()
    for n, celda in enumerate(celdas):
        if not celda.get("id"):
            celda.id = f"{celda.cell_type[:2]}-{n:02d}"
        if celda.id in vistos:
            raise ValueError(f"id repetido: {celda.id}")
        vistos.add(celda.id)
    nb.cells = celdas
    nbformat.validate(nb)
    return nb


def guardar(ruta: str | Path, celdas: list) -> Path:
    """Escribe el cuaderno en ``ruta`` (sin salidas, formato estándar de nbformat)."""
    ruta = Path(ruta)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(cuaderno(celdas), str(ruta))
    return ruta
