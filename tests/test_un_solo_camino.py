"""Los tres botones del instructor dan la misma calificación, el mismo estado y la misma bandera a la clase hostil: ``python -m autograder calificar``,
el «Autograde» de Formgrader (``NbGraderAPI.autograde``) y ``nbgrader autograde`` en la terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.calificar import Limites, calificar
from autograder.clase import fabricar_clase
from autograder.curso import CursoDeCalificacion
from cuadernos import RAIZ

pytestmark = pytest.mark.lento

ASIGNACION = "01_problema_memoria"
#: Lo que nbgrader puede leer de la clase hostil (lo ilegible no llega a nbgrader por ningún botón).
CASOS = ["solucion_completa", "en_blanco", "prueba_markdown", "prueba_editada", "prueba_borrada", "id_duplicado",
         "id_renombrado", "excepcion_temprana", "ciclo_infinito", "os_exit", "advertencia", "manipulacion",
         "nota_fingida"]


def _puntajes(raiz: Path, estudiantes) -> dict[str, tuple]:
    """Por estudiante: puntaje de cada ejercicio, estado anotado y bandera, tal como los ve Formgrader."""
    from autograder.exportar import anotacion

    with Gradebook(f"sqlite:///{raiz / 'gradebook.db'}") as gb:
        salida = {}
        for e in estudiantes:
            envio = gb.find_submission_notebook(ASIGNACION, ASIGNACION, e)
            salida[e] = ({g.name: float(g.score) for g in envio.grades}, anotacion(envio)[0], envio.flagged)
        return salida


def _por_formgrader(raiz: str) -> dict[str, bool]:
    """El «Autograde» de Formgrader (``NbGraderAPI.autograde``) sobre cada entrega de la copia ``raiz``: ``{estudiante: éxito}``."""
    curso = CursoDeCalificacion(Path(raiz), origen=Path(raiz), Execute={"timeout": 10})
    return {estudiante: bool(curso.calificar(ASIGNACION, estudiante)["success"]) for estudiante in CASOS}


@pytest.fixture(scope="module")
def cursos(tmp_path_factory):
    """Tres copias idénticas del curso con la clase entregada, calificadas a la vez (cada una en su carpeta y su
    gradebook): la base con ``calificar``, otra con Formgrader y otra con ``nbgrader autograde`` en la terminal."""
    from concurrent.futures import ProcessPoolExecutor

    base = tmp_path_factory.mktemp("camino") / "base"
    curso = CursoDeCalificacion(base)
    curso.preparar([ASIGNACION])
    for caso, (nombre, datos) in fabricar_clase(RAIZ, ASIGNACION, CASOS).items():
        carpeta = base / "submitted" / caso / ASIGNACION
        carpeta.mkdir(parents=True)
        (carpeta / nombre).write_bytes(datos)
    copias = {}
    for camino in ("formgrader", "terminal"):
        copias[camino] = base.parent / camino
        shutil.copytree(base, copias[camino])
    entorno = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    terminal = subprocess.Popen([sys.executable, "-m", "nbgrader", "autograde", ASIGNACION, "--force", "--Execute.timeout=10"],
                                cwd=copias["terminal"], env=entorno, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with ProcessPoolExecutor(max_workers=1) as grupo:
        formgrader = grupo.submit(_por_formgrader, str(copias["formgrader"]))
        calificar(base, ASIGNACION, trabajadores=2, limites=Limites(celda=10, cuaderno=120))
        exitos = formgrader.result()
    try:
        _, errores = terminal.communicate(timeout=900)
    finally:
        terminal.kill()
    return base, copias, exitos, (terminal.returncode, errores)


def test_formgrader_califica_igual_que_calificar(cursos):
    base, copias, exitos, _ = cursos
    assert exitos == dict.fromkeys(CASOS, True), exitos
    assert _puntajes(copias["formgrader"], CASOS) == _puntajes(base, CASOS)


def test_nbgrader_autograde_califica_igual_que_calificar(cursos):
    base, copias, _, (codigo, errores) = cursos
    assert codigo == 0, errores[-3000:]
    assert _puntajes(copias["terminal"], CASOS) == _puntajes(base, CASOS)
