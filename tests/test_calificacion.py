"""Ida y vuelta por nbgrader: solución con puntaje completo, cuaderno en blanco con cero y
cada error típico del corpus pierde exactamente los puntos de su ejercicio."""

from __future__ import annotations

import json

import pytest

import mutacion
from autograder.curso import CursoDeCalificacion
from cuadernos import ASIGNACIONES, RAIZ, celdas_calificadas, leer

MUTANTES = mutacion.cargar()
REPORTE = mutacion.REPORTE_RUTA


@pytest.fixture(scope="module")
def curso(tmp_path_factory):
    """Un curso temporal con todas las entregas ya calificadas."""
    raiz = tmp_path_factory.mktemp("curso")
    curso = CursoDeCalificacion(raiz)
    curso.preparar()
    entregas = []
    for asignacion in ASIGNACIONES:
        entregas.append(("solucion", asignacion, RAIZ / "source" / asignacion / f"{asignacion}.ipynb"))
        entregas.append(("en_blanco", asignacion, RAIZ / "release" / asignacion / f"{asignacion}.ipynb"))
    for m in MUTANTES:
        entregas.append((m.estudiante, m.asignacion, mutacion.aplicar(m, raiz / "mutantes" / f"{m.estudiante}.ipynb")))
    for estudiante, asignacion, cuaderno in entregas:
        curso.entregar(estudiante, asignacion, cuaderno)
        resultado = curso.calificar(asignacion, estudiante)
        assert resultado["success"], resultado.get("error", "") + resultado.get("log", "")
    return curso


def _puntos_posibles(asignacion):
    return celdas_calificadas(leer(RAIZ / "source" / asignacion / f"{asignacion}.ipynb"))


@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_solucion_obtiene_todo(curso, asignacion):
    puntajes = curso.puntajes(asignacion, "solucion")
    assert puntajes == {g: (p, p) for g, p in _puntos_posibles(asignacion).items()}, curso.mensajes(asignacion, "solucion")


@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_en_blanco_obtiene_cero(curso, asignacion):
    puntajes = curso.puntajes(asignacion, "en_blanco")
    assert puntajes == {g: (0.0, p) for g, p in _puntos_posibles(asignacion).items()}


def test_cada_ejercicio_tiene_mutante():
    cubiertos = {(m.asignacion, m.ejercicio) for m in MUTANTES}
    for asignacion in ASIGNACIONES:
        for prueba in _puntos_posibles(asignacion):
            assert (asignacion, prueba.removesuffix("_prueba")) in cubiertos, f"{asignacion}: {prueba} no tiene mutante"


@pytest.mark.parametrize("mutante", MUTANTES, ids=str)
def test_mutante_pierde_solo_su_ejercicio(curso, mutante):
    puntajes = curso.puntajes(mutante.asignacion, mutante.estudiante)
    perdidos = sorted(g for g, (obtenido, posible) in puntajes.items() if obtenido < posible)
    _anotar(mutante, perdidos)
    assert mutante.prueba in perdidos, f"el error «{mutante.descripcion}» no se detectó"
    assert perdidos == [mutante.prueba], f"el error costó también: {perdidos}"
    mensaje = curso.mensajes(mutante.asignacion, mutante.estudiante)[mutante.prueba]
    assert mutante.mensaje in mensaje, f"el mensaje no señala el error:\n{mensaje}"


def _anotar(mutante, perdidos):
    """Guarda el resultado de cada mutante para el resumen (funciona también con pytest-xdist)."""
    REPORTE.parent.mkdir(exist_ok=True)
    datos = json.loads(REPORTE.read_text()) if REPORTE.exists() else {}
    datos[str(mutante)] = {"perdidos": perdidos, "esperado": mutante.prueba}
    REPORTE.write_text(json.dumps(datos, ensure_ascii=False, indent=1))
