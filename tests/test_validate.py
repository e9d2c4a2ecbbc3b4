"""Validate cuenta lo mismo que la calificación: las pruebas visibles de cada lección con cada mutante,
ejecutadas con el Validator de nbgrader sobre la versión del estudiante."""

from __future__ import annotations

import nbformat
import pytest

import corpus
from cuadernos import ASIGNACIONES, CUESTIONARIO, RAIZ, celdas_calificadas, leer

MUTANTES = corpus.cargar("mutante")


@pytest.fixture(scope="module")
def resueltos(tmp_path_factory):
    """``{asignacion: (celdas fallidas, segundos)}``: Validate del cuaderno resuelto de cada lección, uno tras otro
    (sin nada más en paralelo: los tiempos se comparan entre lecciones)."""
    import time

    carpeta = tmp_path_factory.mktemp("resueltos")
    salida = {}
    for asignacion in ASIGNACIONES:
        ruta = carpeta / f"{asignacion}.ipynb"
        nbformat.write(corpus.cuaderno_de(None, asignacion), str(ruta))
        inicio = time.perf_counter()
        fallas = corpus.validar_uno(str(ruta))
        salida[asignacion] = (fallas, time.perf_counter() - inicio)
    return salida


@pytest.mark.lento
@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_validate_aprueba_el_cuaderno_resuelto(resueltos, asignacion):
    fallas, _ = resueltos[asignacion]
    assert fallas == [], f"Validate reporta fallas en el cuaderno resuelto: {fallas}"


@pytest.mark.lento
@pytest.mark.parametrize("asignacion", [pytest.param(a, marks=pytest.mark.xdist_group(f"validate-{a}")) for a in ASIGNACIONES])
def test_validate_de_cada_mutante(asignacion, tmp_path):
    """El cuaderno en blanco falla en cada celda calificada (el resuelto lo comprueba
    ``test_validate_aprueba_el_cuaderno_resuelto``); se anota qué mutantes detecta Validate (el resumen de la sesión da la cuenta).

    De las respuestas equivocadas del cuestionario, que Validate no distingue a propósito, basta una por lección
    para ver que Validate no revela la clave.
    """
    mutantes = [m for m in MUTANTES if m.asignacion == asignacion and not m.ejercicio.startswith(CUESTIONARIO)]
    mutantes += [m for m in MUTANTES if m.asignacion == asignacion and m.ejercicio.startswith(CUESTIONARIO)][:1]
    publicado = RAIZ / "release" / asignacion / f"{asignacion}.ipynb"
    cuadernos = {"en_blanco": nbformat.read(str(publicado), as_version=4)}
    cuadernos |= {m.estudiante: corpus.cuaderno_de(m, asignacion) for m in mutantes}
    fallas = corpus.validar_cuadernos(cuadernos, tmp_path)
    corpus.guardar(f"{asignacion}.validate", {
        str(m): {"ejercicio": m.prueba, "fallas": fallas[m.estudiante]} for m in mutantes
    })
    assert fallas["en_blanco"] == sorted(celdas_calificadas(leer(publicado))), fallas["en_blanco"]
    reveladas = [str(m) for m in mutantes if m.ejercicio.startswith(CUESTIONARIO) and fallas[m.estudiante]]
    assert not reveladas, f"Validate distingue una respuesta equivocada del cuestionario (¿viaja la clave?): {reveladas}"


def test_validate_del_lab_espera_la_salida_con_la_maquina_cargada(tmp_path, monkeypatch):
    """El JupyterLab del estudiante (el de las pruebas de navegador) da a Validate 60 s de IOPub, no los 4 s de nbclient
    que, con nbgrader (``raise_on_iopub_timeout``), abortan la validación de la lección 09 bajo carga."""
    import os
    import shutil

    from jupyter_core.paths import jupyter_config_path
    from nbgrader.apps import NbGrader
    from nbgrader.preprocessors import Execute

    from navegador.servidor import _entorno

    entorno = _entorno(tmp_path / "privado", instructor=False)
    raiz = tmp_path / "curso"
    raiz.mkdir()
    shutil.copy2(RAIZ / "nbgrader_config.py", raiz / "nbgrader_config.py")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", entorno["JUPYTER_CONFIG_DIR"])
    monkeypatch.chdir(raiz)
    # Lo mismo que hace ValidateAssignmentHandler.load_config de nbgrader.
    rutas = jupyter_config_path()
    rutas.insert(0, os.getcwd())
    app = NbGrader()
    app.config_file_paths.append(rutas)
    app.load_config_file()
    ejecutor = Execute(config=app.config)
    assert ejecutor.raise_on_iopub_timeout and ejecutor.iopub_timeout >= 60
    from autograder.curso import cargar_configuracion

    # El resto de la configuración del curso sigue valiendo.
    assert ejecutor.timeout == Execute(config=cargar_configuracion(RAIZ)).timeout


@pytest.mark.lento
def test_validate_de_la_leccion_09_cuesta_como_las_demas(resueltos):
    """El botón Validate de la lección 09 (la de los modelos entrenados) no hace esperar más que el de las demás:
    se mide el cuaderno resuelto de cada lección, uno tras otro, y se compara contra la mediana de las otras."""
    import statistics

    segundos = {a: s for a, (_, s) in resueltos.items()}
    nueve = segundos.pop("09_aplicaciones")
    cociente = nueve / statistics.median(segundos.values())
    corpus.guardar("09_aplicaciones.tiempo_validate", {"segundos": nueve, "mediana_demas": statistics.median(segundos.values()),
                                                       "cociente": cociente})
    assert cociente <= 3, f"Validate de la lección 09 tarda {cociente:.1f} veces la mediana de las demás"


@pytest.mark.parametrize("transporte, fallan", [("ipc", []), ("tcp", ["transporte"])])
def test_validate_de_las_pruebas_arranca_el_nucleo_por_ipc(tmp_path, transporte, fallan):
    """Los núcleos de Validate en las pruebas no compiten por puertos TCP con los de otros procesos."""
    celda = nbformat.v4.new_code_cell(
        f"from ipykernel.kernelapp import IPKernelApp\nassert IPKernelApp.instance().transport == {transporte!r}")
    celda.metadata["nbgrader"] = {"grade": True, "grade_id": "transporte", "points": 1, "solution": False,
                                  "locked": True, "schema_version": 3}
    ruta = tmp_path / "transporte.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[celda]), str(ruta))
    assert corpus.validar_uno(str(ruta)) == fallan
