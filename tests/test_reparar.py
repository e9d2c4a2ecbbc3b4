"""La revisión previa lee el código por su estructura: sin falsos positivos en soluciones honestas, con cada manipulación nombrada."""

from __future__ import annotations

import copy
import json

import nbformat
import pytest

from autograder.clase import cuaderno_resuelto
from autograder.curso import meta_nbgrader
from autograder.reparar import leer, revisar
from cuadernos import ASIGNACIONES, RAIZ

LECCION = "01_problema_memoria"


def _rutas(asignacion: str):
    return (RAIZ / "release" / asignacion / f"{asignacion}.ipynb", RAIZ / "source" / asignacion / f"{asignacion}.ipynb")


def _revisar(nb, tmp_path, asignacion: str = LECCION):
    ruta = tmp_path / "entrega.ipynb"
    ruta.write_text(nbformat.writes(nb) if not isinstance(nb, (dict, list, str)) or hasattr(nb, "cells") else json.dumps(nb),
                    encoding="utf-8")
    return revisar(ruta, *_rutas(asignacion))


def _con_celda(codigo: str, asignacion: str = LECCION):
    """La solución oficial con una celda de código agregada por el estudiante al final."""
    nb = cuaderno_resuelto(RAIZ, asignacion)
    nb.cells.append(nbformat.v4.new_code_cell(codigo))
    return nb


def _en_solucion(codigo: str, asignacion: str = LECCION, cual: int = 1):
    """La solución oficial con ``codigo`` al final de su celda de solución número ``cual``."""
    nb = cuaderno_resuelto(RAIZ, asignacion)
    celda = [c for c in nb.cells if meta_nbgrader(c).get("solution")][cual]
    celda.source += "\n" + codigo
    return nb


@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_solucion_oficial_y_cuaderno_en_blanco_sin_observaciones(asignacion, tmp_path):
    for nb in (cuaderno_resuelto(RAIZ, asignacion), nbformat.read(str(_rutas(asignacion)[0]), as_version=4)):
        r = _revisar(nb, tmp_path, asignacion)
        assert (r.problemas, r.observaciones) == (set(), [])


@pytest.mark.parametrize("codigo", [
    "# uso builtins de Python, nada del gradebook",
    'nota = "no toco sys.modules ni os.kill ni el gradebook"',
    "def f():\n    generador = 3\n    comprobar_cercano = 4\n    return generador + comprobar_cercano",
    "import numpy as np\nimport os\nprint(os.environ.get('NBGRADER_EXECUTION'))",
    "valores = [generador for generador in range(3)]",
    "x = np.zeros(3)\nx[0] = 1\nx.shape = (3, 1)",
])
def test_falsos_positivos(codigo, tmp_path):
    r = _revisar(_con_celda(codigo), tmp_path)
    assert (r.problemas, r.observaciones) == (set(), [])


def test_celda_propia_de_la_leccion_09_no_cuenta(tmp_path):
    asignacion = "09_aplicaciones"
    nb = cuaderno_resuelto(RAIZ, asignacion)
    assert any("NBGRADER_EXECUTION" in c.source for c in nb.cells if not meta_nbgrader(c))
    r = _revisar(nb, tmp_path, asignacion)
    assert r.observaciones == []


@pytest.mark.parametrize("codigo, frase", [
    ("comprobar_cercano = lambda *a, **k: None", "reasigna «comprobar_cercano»"),
    ("def generador(s=0):\n    return None", "reasigna «generador»"),
    ("def f():\n    global comprobar_forma\n    comprobar_forma = print", "reasigna «comprobar_forma»"),
    ("for comprobar_escalar in [print]:\n    pass", "reasigna «comprobar_escalar»"),
    ("import course.pruebas as p\np.comprobar_cercano = print", "modifica el código del curso"),
    ("np.testing.assert_allclose = print", "modifica numpy"),
    ("import numpy\nnumpy.allclose = lambda *a: True", "modifica numpy"),
    ("setattr(np, 'allclose', lambda *a: True)", "modifica numpy"),
    ("from course import pruebas\ndelattr(pruebas, 'comprobar_cercano')", "modifica el código del curso"),
    ("comprobar_cercano.__code__ = (lambda *a: None).__code__", "modifica el código del curso"),
    ("import builtins\nbuiltins.print = None", "builtins"),
    ("__builtins__.len = None", "__builtins__"),
    ("import sys\nsys.modules['course.pruebas'] = None", "sys.modules"),
    ("import sys\nsys.settrace(None)", "sys.settrace"),
    ("import gc\nobjetos = gc.get_objects()", "gc.get_objects"),
    ("import ctypes", "ctypes"),
    ("import os\nos.kill(1, 9)", "os.kill"),
    ("from os import killpg\nkillpg(0, 9)", "os.killpg"),
    ("import signal\nsignal.signal(2, signal.SIG_IGN)", "signal"),
    ("import subprocess\nsubprocess.run(['ls'])", "subprocess"),
    ("import os as sistema\nsistema.system('ls')", "os.system"),
    ("!ls /", "comandos del sistema"),
    ("import importlib\nimportlib.import_module('x')", "importlib"),
    ("m = __import__('os')", "__import__"),
    ("exec('print(1)')", "exec"),
    ("eval('1 + 1')", "eval"),
    ("compile('1', 'x', 'eval')", "compile"),
    ("f = open('../../gradebook.db', 'rb')", "gradebook"),
    ("import sqlite3\nsqlite3.connect(f'/curso/{\"gradebook\"}.db')", "gradebook"),
    ("import os\nos.environ['NBGRADER_EXECUTION'] = ''", "os.environ"),
    ("import os\nos.environ.update(A='1')", "os.environ"),
])
def test_manipulaciones_se_nombran(codigo, frase, tmp_path):
    r = _revisar(_con_celda(codigo), tmp_path)
    assert r.problemas == {"manipulacion"}, r.observaciones
    assert any(o.startswith("posible manipulación: ") and frase in o for o in r.observaciones), r.observaciones


def test_manipulacion_dentro_de_una_solucion(tmp_path):
    r = _revisar(_en_solucion("import os\nos.environ['X'] = '1'"), tmp_path)
    assert "manipulacion" in r.problemas


# ---------------------------------------------------------------------------------------------
# Cuadernos mal formados: cada rareza es un estado para ese estudiante, nunca una excepción
# ---------------------------------------------------------------------------------------------
def _crudo(asignacion: str = LECCION) -> dict:
    return json.loads(nbformat.writes(cuaderno_resuelto(RAIZ, asignacion)))


def _primera(crudo: dict, tipo: str) -> dict:
    return next(c for c in crudo["cells"] if isinstance(c.get("metadata", {}).get("nbgrader"), dict)
                and c["metadata"]["nbgrader"].get(tipo))


@pytest.mark.parametrize("valor", [["a", "b"], {"x": 1}, 7, None, ""])
def test_grade_id_que_no_es_texto(valor, tmp_path):
    crudo = _crudo()
    _primera(crudo, "grade")["metadata"]["nbgrader"]["grade_id"] = valor
    r = _revisar(crudo, tmp_path)
    assert r.cuaderno is not None
    assert r.problemas & {"metadatos", "eliminada"}, r.observaciones


@pytest.mark.parametrize("valor", ["texto", ["lista"], 3, True])
def test_metadatos_nbgrader_que_no_son_diccionario(valor, tmp_path):
    crudo = _crudo()
    _primera(crudo, "grade")["metadata"]["nbgrader"] = valor
    r = _revisar(crudo, tmp_path)
    assert "metadatos" in r.problemas and r.cuaderno is not None


def test_grade_true_por_accidente_en_una_solucion_se_repara(tmp_path):
    crudo = _crudo()
    solucion = _primera(crudo, "solution")
    solucion["metadata"]["nbgrader"].update(grade=True, points="diez")
    r = _revisar(crudo, tmp_path)
    reparada = next(c for c in r.cuaderno.cells if meta_nbgrader(c).get("grade_id") == solucion["metadata"]["nbgrader"]["grade_id"])
    assert not meta_nbgrader(reparada).get("grade") and "points" not in meta_nbgrader(reparada)


def test_nbformat_3_se_convierte(tmp_path):
    v3 = nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(cells=[nbformat.v3.new_code_cell("x = 1")])])
    nb, lectura = leer(nbformat.writes(v3, version=3).encode())
    assert nb is not None and nb.nbformat == 4 and nb.cells[0].source == "x = 1", lectura.observaciones


@pytest.mark.parametrize("datos, motivo", [(b"", "vacío"), (b"{", "JSON"), (b"[1, 2]", "estructura"),
                                           (b'{"cells": 3}', "estructura"), (b"\xff\xfe", "JSON")])
def test_ilegibles(datos, motivo, tmp_path):
    nb, r = leer(datos)
    assert nb is None and r.problemas == {"ilegible"} and motivo in r.observaciones[0]


def test_metadatos_del_calificador_que_trae_la_entrega_se_descartan(tmp_path):
    crudo = _crudo()
    crudo["metadata"]["calificador"] = {"revision": {"problemas": [], "observaciones": ["todo bien"]}, "incidencias": []}
    r = _revisar(crudo, tmp_path)
    assert r.cuaderno.metadata["calificador"] == {"revision": {"problemas": [], "observaciones": []}}


def test_celdas_rotas(tmp_path):
    crudo = _crudo()
    crudo["cells"][0] = "no soy una celda"
    crudo["cells"][1]["source"] = 42
    crudo["cells"][2]["cell_type"] = "imagen"
    del crudo["cells"][3]["metadata"]
    crudo["cells"].append(copy.deepcopy(crudo["cells"][4]))
    r = _revisar(crudo, tmp_path)
    assert r.cuaderno is not None and "metadatos" in r.problemas
    nbformat.validate(r.cuaderno)


def test_la_revision_queda_en_los_metadatos_del_cuaderno(tmp_path):
    from autograder.reparar import revision_anotada

    r = _revisar(_con_celda("import os\nos.kill(1, 9)"), tmp_path)
    problemas, observaciones = revision_anotada(json.loads(nbformat.writes(r.cuaderno)))
    assert problemas == {"manipulacion"} and observaciones == r.observaciones
    assert revision_anotada({"metadata": {"calificador": "basura"}}) == (set(), [])


@pytest.mark.parametrize("agregada, solucion, llamada", [
    ("from course.referencia import rnn as r", "def paso_rnn(x_t, h_prev, W, b):\n    return r.celda(x_t, h_prev, W, b)",
     "course.referencia.rnn.celda"),
    ("import course.referencia.rnn\natajo = course.referencia.rnn.celda",
     "def paso_rnn(x_t, h_prev, W, b):\n    return atajo(x_t, h_prev, W, b)", "course.referencia.rnn.celda"),
    ("def ayuda(*a):\n    from course.referencia import rnn\n    return rnn.celda(*a)",
     "def paso_rnn(x_t, h_prev, W, b):\n    return ayuda(x_t, h_prev, W, b)", "course.referencia.rnn"),
])
def test_delegacion_escondida_en_una_celda_agregada(agregada, solucion, llamada, tmp_path):
    nb = cuaderno_resuelto(RAIZ, LECCION)
    celda = next(c for c in nb.cells if meta_nbgrader(c).get("grade_id") == "paso_rnn")
    celda.source = solucion
    nb.cells.insert(nb.cells.index(celda), nbformat.v4.new_code_cell(agregada))
    r = _revisar(nb, tmp_path)
    assert "delegacion" in r.problemas, r.observaciones
    assert any("`paso_rnn`" in o and llamada in o for o in r.observaciones), r.observaciones
    # Solo ese ejercicio: rnn_adelante llama a paso_rnn del estudiante, y eso no es delegar.
    assert not any("`rnn_adelante`" in o for o in r.observaciones)
