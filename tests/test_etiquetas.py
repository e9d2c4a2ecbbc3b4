"""La versión del estudiante que genera nbgrader lleva ``raises-exception`` donde hace falta y la calificación no cambia."""

from __future__ import annotations

import copy

import nbformat
import pytest

from autograder.clase import cuaderno_resuelto
from autograder.curso import CursoDeCalificacion, generar_release, meta_nbgrader
from autograder.etiquetas import ETIQUETA, celdas_que_pueden_fallar
from cuadernos import RAIZ

LECCION = "01_problema_memoria"


def _etiquetada(celda) -> bool:
    return ETIQUETA in celda.metadata.get("tags", [])


def test_usa_nombres_de_soluciones_transitivamente():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np"),
        nbformat.v4.new_code_cell("def f(x):\n    raise NotImplementedError()",
                                  metadata={"nbgrader": {"solution": True, "grade_id": "f"}}),
        nbformat.v4.new_code_cell("assert f(1) == 2\nz = 3", metadata={"nbgrader": {"grade": True, "grade_id": "p"}}),
        nbformat.v4.new_code_cell("y = f(np.ones(3))"),        # usa f
        nbformat.v4.new_code_cell("print(y.sum())"),           # usa y, que viene de f
        nbformat.v4.new_code_cell("g = lambda v: f(v) + 1"),   # usa f dentro de una lambda
        nbformat.v4.new_code_cell("print(z)\nw = np.zeros(2)"),  # z es de una prueba: no contamina
        nbformat.v4.new_code_cell("y = 4\nprint(y)"),          # define su propia y
        nbformat.v4.new_markdown_cell("f(x)"),
    ])
    assert celdas_que_pueden_fallar(nb) == [1, 2, 3, 4, 5]


@pytest.fixture(scope="module")
def publicado(tmp_path_factory):
    """La lección 01 generada con nbgrader (y la configuración del repositorio) en una carpeta temporal."""
    destino = tmp_path_factory.mktemp("release")
    generar_release(destino, cuales=[LECCION])
    return nbformat.read(str(destino / LECCION / f"{LECCION}.ipynb"), as_version=4)


def test_generar_release_etiqueta_soluciones_pruebas_y_dependientes(publicado):
    fuente = nbformat.read(str(RAIZ / "source" / LECCION / f"{LECCION}.ipynb"), as_version=4)
    codigo = [c for c in publicado.cells if c.cell_type == "code"]
    for celda in codigo:
        meta = meta_nbgrader(celda)
        if meta.get("solution") or meta.get("grade"):
            assert _etiquetada(celda), f"sin etiqueta: {meta.get('grade_id')}"
    # Una celda de demostración que usa rnn_adelante (ejercicio) queda etiquetada; la de importaciones no.
    usa_ejercicio = [c for c in codigo if not meta_nbgrader(c).get("solution") and "rnn_adelante(" in c.source
                     and not meta_nbgrader(c).get("grade")]
    assert usa_ejercicio and all(_etiquetada(c) for c in usa_ejercicio)
    assert not _etiquetada(codigo[0]) and "import" in codigo[0].source
    assert sum(map(_etiquetada, codigo)) == len(celdas_que_pueden_fallar(fuente))
    assert sum(map(_etiquetada, codigo)) < len(codigo), "no toda celda debe llevar la etiqueta"


def _sin_etiquetas(nb):
    nb = copy.deepcopy(nb)
    for celda in nb.cells:
        if ETIQUETA in celda.metadata.get("tags", []):
            celda.metadata["tags"].remove(ETIQUETA)
            if not celda.metadata["tags"]:
                del celda.metadata["tags"]
    return nb


def test_la_etiqueta_no_cambia_la_calificacion(tmp_path):
    curso = CursoDeCalificacion(tmp_path / "curso")
    curso.preparar([LECCION])  # también genera release/ con las etiquetas
    en_blanco = nbformat.read(str(curso.raiz / "release" / LECCION / f"{LECCION}.ipynb"), as_version=4)
    resuelto = cuaderno_resuelto(curso.raiz, LECCION)
    assert any(_etiquetada(c) for c in en_blanco.cells) and any(_etiquetada(c) for c in resuelto.cells)
    puntajes = {}
    for nombre, nb in {"blanco": en_blanco, "blanco_sin": _sin_etiquetas(en_blanco),
                       "resuelto": resuelto, "resuelto_sin": _sin_etiquetas(resuelto)}.items():
        ruta = tmp_path / f"{nombre}.ipynb"
        nbformat.write(nb, str(ruta))
        curso.entregar(nombre, LECCION, ruta)
        assert curso.calificar(LECCION, nombre)["success"]
        puntajes[nombre] = curso.puntajes(LECCION, nombre)
    maximo = sum(p for _, p in puntajes["resuelto"].values())
    assert sum(o for o, _ in puntajes["resuelto"].values()) == maximo > 0
    assert sum(o for o, _ in puntajes["blanco"].values()) == 0
    assert puntajes["blanco"] == puntajes["blanco_sin"]
    assert puntajes["resuelto"] == puntajes["resuelto_sin"]


def test_talon_nombra_la_funcion_y_sigue_siendo_notimplementederror():
    from autograder.curso import cargar_configuracion
    from autograder.etiquetas import TalonConNombre

    celdas = [
        nbformat.v4.new_code_cell("def paso_rnn(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION",
                                  metadata={"nbgrader": {"solution": True, "grade_id": "paso_rnn"}}),
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\ny = 1\n### END SOLUTION",
                                  metadata={"nbgrader": {"solution": True, "grade_id": "libre"}}),
        nbformat.v4.new_code_cell("# Copia aquí tus funciones.\n### BEGIN SOLUTION\ndef a():\n    pass\n\n\ndef b():\n    pass\n### END SOLUTION",
                                  metadata={"nbgrader": {"solution": True, "grade_id": "previas"}}),
    ]
    nb = nbformat.v4.new_notebook(cells=celdas)
    nb, _ = TalonConNombre(config=cargar_configuracion(RAIZ)).preprocess(nb, {})
    funcion, libre, previas = (c.source for c in nb.cells)
    assert "    # TU CÓDIGO AQUÍ\n    raise NotImplementedError(\"Todavía no resuelves `paso_rnn`: borra esta línea" in funcion
    assert "Todavía no resuelves este ejercicio" in libre
    assert "Todavía no resuelves `a` y `b`:" in previas
    with pytest.raises(NotImplementedError, match="Todavía no resuelves `paso_rnn`"):
        exec(funcion + "\npaso_rnn(1)", {})


def test_talon_de_una_pregunta_del_cuestionario_deja_la_variable_vacia():
    from autograder.curso import cargar_configuracion
    from autograder.etiquetas import TalonConNombre

    celdas = [nbformat.v4.new_code_cell(fuente, metadata={"nbgrader": {"solution": True, "grade_id": f"c{i}"}})
              for i, fuente in enumerate(["# Tu respuesta:\n### BEGIN SOLUTION\nrespuesta_2 = \"c\"\n### END SOLUTION",
                                          "### BEGIN SOLUTION\nrespuesta_3 = calcular()\n### END SOLUTION"])]
    nb, _ = TalonConNombre(config=cargar_configuracion(RAIZ)).preprocess(nbformat.v4.new_notebook(cells=celdas), {})
    pregunta, calculo = (c.source for c in nb.cells)
    assert pregunta == '# Tu respuesta:\nrespuesta_2 = ""'
    assert "\"c\"" not in pregunta
    # Una respuesta calculada no es una pregunta de opción múltiple: lleva el talón de siempre.
    assert "Todavía no resuelves este ejercicio" in calculo
