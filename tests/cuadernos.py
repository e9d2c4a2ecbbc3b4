"""Utilidades de las pruebas para recorrer y leer los cuadernos del curso."""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.curso import meta_nbgrader as meta

RAIZ = Path(__file__).resolve().parent.parent
ASIGNACIONES = sorted(p.name for p in (RAIZ / "source").iterdir() if p.is_dir())
FUENTES = sorted((RAIZ / "source").glob("*/*.ipynb"))
PUBLICADOS = sorted((RAIZ / "release").glob("*/*.ipynb"))


def leer(ruta: Path):
    return nbformat.read(str(ruta), as_version=4)


def celdas_calificadas(nb) -> dict[str, float]:
    """``{grade_id: puntos}`` de las celdas de prueba calificadas."""
    return {meta(c)["grade_id"]: float(meta(c)["points"]) for c in nb.cells if meta(c).get("grade")}


#: grade_id de la celda (de solución, sin puntos) donde el estudiante copia sus funciones de lecciones anteriores.
PREVIAS = "previas"


#: Prefijo del grade_id de las preguntas del cuestionario: se responden con una letra, no son funciones.
CUESTIONARIO = "cuestionario_"


def ejercicios(nb) -> list[str]:
    """grade_id de las celdas de solución calificadas (los ejercicios), en orden; sin la celda de previas ni el cuestionario."""
    return [meta(c)["grade_id"] for c in nb.cells
            if meta(c).get("solution") and meta(c)["grade_id"] != PREVIAS and not meta(c)["grade_id"].startswith(CUESTIONARIO)]
