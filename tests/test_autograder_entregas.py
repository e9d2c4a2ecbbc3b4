"""Archivos dorados: las entregas diminutas de tests/entregas/ se califican y el CSV coincide con el guardado.

Para regenerar el resultado esperado tras un cambio intencional: ``ACTUALIZAR_ESPERADO=1 pytest tests/test_autograder_entregas.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from autograder.calificar import Limites, calificar
from autograder.exportar import exportar
from cuadernos import RAIZ

ENTREGAS = Path(__file__).resolve().parent / "entregas"
ESPERADO = ENTREGAS / "esperado.csv"
LIMITES = Limites(celda=4, cuaderno=40, memoria_mib=1024)


def _curso(destino: Path) -> Path:
    destino.mkdir(parents=True, exist_ok=True)
    shutil.copy(RAIZ / "nbgrader_config.py", destino / "nbgrader_config.py")
    shutil.copytree(ENTREGAS / "source", destino / "source")
    shutil.copytree(ENTREGAS / "submitted", destino / "submitted")
    return destino


@pytest.fixture(scope="module")
def calificado(tmp_path_factory):
    raiz = _curso(tmp_path_factory.mktemp("dorado") / "curso")
    primera = calificar(raiz, "mini", trabajadores=2, limites=LIMITES)
    csv = exportar(raiz, "mini")["csv"].read_text(encoding="utf-8")
    return raiz, primera, csv


def test_csv_igual_al_guardado(calificado):
    _, _, csv = calificado
    if os.environ.get("ACTUALIZAR_ESPERADO"):
        ESPERADO.write_text(csv, encoding="utf-8")
    assert csv == ESPERADO.read_text(encoding="utf-8")


def test_cada_entrega_tiene_su_estado(calificado):
    _, primera, _ = calificado
    estados = {r.estudiante: r.estado for r in primera}
    assert estados == {
        "ana_correcta": "calificada",
        "beto_en_blanco": "calificada",
        "carla_error": "calificada",
        "dario_ilegible": "cuaderno ilegible",
        "elena_ciclo": "tiempo agotado",
        "fabian_sin_prueba": "celda de prueba eliminada",
        "gina_prueba_editada": "celda de prueba alterada",
        "hugo_nombre": "nombre de archivo corregido",
        "ines_os_exit": "núcleo detenido",
    }
    totales = {r.estudiante: r.total for r in primera}
    assert totales["ana_correcta"] == 3 and totales["beto_en_blanco"] == 0 and totales["carla_error"] == 2
    assert totales["elena_ciclo"] == 2 and totales["ines_os_exit"] == 2 and totales["fabian_sin_prueba"] == 3
    assert totales["gina_prueba_editada"] == 3 and totales["hugo_nombre"] == 1


def test_recalificar_da_lo_mismo(calificado, tmp_path):
    _, primera, _ = calificado
    raiz = _curso(tmp_path / "otra")
    segunda = calificar(raiz, "mini", trabajadores=1, limites=LIMITES)
    assert [(r.estudiante, r.estado, r.puntajes) for r in segunda] == [(r.estudiante, r.estado, r.puntajes) for r in primera]


def test_gradebook_del_curso_tiene_los_puntajes(calificado):
    from autograder.curso import CursoDeCalificacion

    raiz, primera, _ = calificado
    curso = CursoDeCalificacion(raiz, origen=raiz)
    for r in primera:
        assert curso.puntajes("mini", r.estudiante) == {g: tuple(v) for g, v in r.puntajes.items()}
