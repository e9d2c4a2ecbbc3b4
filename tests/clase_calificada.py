"""Un curso pequeño calificado con ``calificar`` a partir de la clase de ejemplo (para las pruebas de retroalimentación y exportación)."""

from __future__ import annotations

from pathlib import Path

from autograder.calificar import Limites, calificar
from autograder.clase import fabricar_clase
from autograder.curso import CursoDeCalificacion
from cuadernos import RAIZ

ASIGNACION = "01_problema_memoria"
CASOS = ["solucion_completa", "en_blanco", "json_corrupto", "prueba_editada", "manipulacion", "id_renombrado"]
NOMBRES = {"solucion_completa": ("Solución", "Completa"), "manipulacion": ("Mallory", "Núñez")}


def curso_calificado(raiz: Path) -> tuple[CursoDeCalificacion, list]:
    """Prepara ``raiz``, entrega cada caso de :data:`CASOS`, registra nombres en el gradebook y califica."""
    from nbgrader.api import Gradebook

    curso = CursoDeCalificacion(raiz)
    curso.preparar([ASIGNACION])
    for caso, (nombre, datos) in fabricar_clase(RAIZ, ASIGNACION, CASOS).items():
        carpeta = curso.raiz / "submitted" / caso / ASIGNACION
        carpeta.mkdir(parents=True)
        (carpeta / nombre).write_bytes(datos)
    with Gradebook(f"sqlite:///{curso.raiz / 'gradebook.db'}") as gb:
        for estudiante, (nombre, apellido) in NOMBRES.items():
            gb.update_or_create_student(estudiante, first_name=nombre, last_name=apellido)
    lista = calificar(curso.raiz, ASIGNACION, trabajadores=2, limites=Limites(celda=10, cuaderno=120))
    return curso, lista
