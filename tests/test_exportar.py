"""El gradebook es el único almacén: el CSV sale de él (igual con ``nbgrader export``), con estado, observaciones y nombres."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.exportar import anotacion, exportar
from clase_calificada import ASIGNACION, CASOS, NOMBRES


@pytest.fixture
def calificado(clase_calificada):
    return clase_calificada


def _gradebook(curso):
    return Gradebook(f"sqlite:///{curso.raiz / 'gradebook.db'}")


def _leer_csv(ruta: Path) -> list[dict]:
    with ruta.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_csv_del_gradebook_igual_a_nbgrader_export(calificado):
    curso, lista = calificado
    propio = exportar(curso.raiz, ASIGNACION)["csv"]
    otro = curso.raiz / "por_nbgrader.csv"
    entorno = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    proceso = subprocess.run([sys.executable, "-m", "nbgrader", "export", "--assignment", ASIGNACION, "--to", str(otro)],
                             cwd=curso.raiz, env=entorno, capture_output=True, text=True, timeout=300)
    assert proceso.returncode == 0, proceso.stderr[-2000:]
    assert otro.read_text(encoding="utf-8") == propio.read_text(encoding="utf-8")
    filas = {f["estudiante"]: f for f in _leer_csv(propio)}
    assert sorted(filas) == sorted(CASOS)
    resultados = {r.estudiante: r for r in lista}
    for estudiante, fila in filas.items():
        r = resultados[estudiante]
        assert (fila["estado"], float(fila["total"])) == (r.estado, r.total)
        assert fila["observaciones"] == " | ".join(r.observaciones)
    assert filas["json_corrupto"]["estado"] == "cuaderno ilegible" and float(filas["json_corrupto"]["total"]) == 0
    assert filas["solucion_completa"]["estado"] == "calificada" and filas["solucion_completa"]["observaciones"] == ""
    assert filas["manipulacion"]["estado"] == "posible manipulación"


def test_una_correccion_manual_en_formgrader_llega_al_csv(calificado, tmp_path):
    curso, _ = calificado
    with _gradebook(curso) as gb:
        nota = next(g for g in gb.find_submission_notebook(ASIGNACION, ASIGNACION, "solucion_completa").grades)
        nota.manual_score = 0.0
        gb.db.commit()
        quitado, nombre = float(nota.max_score), nota.name
    try:
        filas = {f["estudiante"]: f for f in _leer_csv(exportar(curso.raiz, ASIGNACION)["csv"])}
        assert float(filas["solucion_completa"]["total"]) == float(filas["solucion_completa"]["maximo"]) - quitado
    finally:
        with _gradebook(curso) as gb:
            gb.find_grade(nombre, ASIGNACION, ASIGNACION, "solucion_completa").manual_score = None
            gb.db.commit()


def test_formgrader_ve_estado_bandera_nombres_y_ninguna_pendiente(calificado):
    curso, lista = calificado
    with _gradebook(curso) as gb:
        for r in lista:
            envio = gb.find_submission_notebook(ASIGNACION, ASIGNACION, r.estudiante)
            assert anotacion(envio) == (r.estado, r.observaciones)
            assert envio.flagged == (r.estado != "calificada")
        for estudiante, (nombre, apellido) in NOMBRES.items():
            alumno = gb.find_student(estudiante)
            assert (alumno.first_name, alumno.last_name) == (nombre, apellido)
    envios = {s["student"]: s for s in curso.api.get_submissions(ASIGNACION)}
    assert all(envios[e]["autograded"] for e in CASOS), {e: envios[e]["autograded"] for e in CASOS}
    assert envios["json_corrupto"]["score"] == 0


def test_el_resumen_dice_con_que_aislamiento_y_limites_se_califico(calificado):
    curso, lista = calificado
    resumen = exportar(curso.raiz, ASIGNACION)["resumen"].read_text(encoding="utf-8")
    seccion = resumen.split("## Aislamiento y límites", 1)[1]
    assert {r.aislamiento for r in lista} and all(r.aislamiento in seccion for r in lista)
    assert "bubblewrap" in seccion
