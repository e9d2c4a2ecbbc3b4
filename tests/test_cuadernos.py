"""Los cuadernos en git: limpios, con metadatos de nbgrader válidos, y la fuente se ejecuta sin fallas."""

from __future__ import annotations

import re

import nbformat
import pytest

from cuadernos import ASIGNACIONES, FUENTES, PUBLICADOS, RAIZ, celdas_calificadas, ejercicios, leer, meta

TODOS = FUENTES + PUBLICADOS


def test_hay_fuente_y_publicado_por_asignacion():
    assert ASIGNACIONES, "no hay asignaciones en source/"
    for asignacion in ASIGNACIONES:
        assert (RAIZ / "source" / asignacion / f"{asignacion}.ipynb").exists()
        assert (RAIZ / "release" / asignacion / f"{asignacion}.ipynb").exists(), "falta la versión del estudiante: make release"


@pytest.mark.parametrize("ruta", TODOS, ids=lambda p: str(p.relative_to(RAIZ)))
def test_sin_salidas_ni_contadores(ruta):
    nb = leer(ruta)
    sucias = [c.get("id") for c in nb.cells if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not sucias, f"celdas con salidas o contadores de ejecución: {sucias}"


@pytest.mark.parametrize("ruta", TODOS, ids=lambda p: str(p.relative_to(RAIZ)))
def test_formato_e_ids_estables(ruta):
    nb = leer(ruta)
    nbformat.validate(nb)
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids)), "ids de celda repetidos"
    for celda in nb.cells:
        if meta(celda):
            assert celda.id == meta(celda)["grade_id"], "el id de una celda de nbgrader debe ser su grade_id"


@pytest.mark.parametrize("ruta", FUENTES, ids=lambda p: p.parent.name)
def test_metadatos_nbgrader(ruta):
    nb = leer(ruta)
    grade_ids = [meta(c)["grade_id"] for c in nb.cells if meta(c)]
    assert len(grade_ids) == len(set(grade_ids)), "grade_id repetidos"
    for celda in nb.cells:
        m = meta(celda)
        if not m:
            continue
        assert m["schema_version"] == 3
        assert re.fullmatch(r"[a-z][a-z0-9_]*", m["grade_id"]) and not m["grade_id"].startswith("cell"), m["grade_id"]
        if m.get("grade"):
            assert celda.cell_type == "code" and m["locked"] and m["points"] > 0
        if m.get("solution"):
            assert "BEGIN SOLUTION" in celda.source and "END SOLUTION" in celda.source
    puntos = celdas_calificadas(nb)
    for ejercicio in ejercicios(nb):
        assert f"{ejercicio}_prueba" in puntos, f"el ejercicio {ejercicio} no tiene celda {ejercicio}_prueba"
    for prueba, celda in ((meta(c)["grade_id"], c) for c in nb.cells if meta(c).get("grade")):
        assert "BEGIN HIDDEN TESTS" in celda.source, f"{prueba} no tiene pruebas ocultas"
    assert len(puntos) >= 4


@pytest.mark.parametrize("ruta", FUENTES, ids=lambda p: p.parent.name)
def test_fuente_sin_atajos(ruta):
    """Sin sys.path ni !pip en las lecciones: lo técnico vive en course/."""
    for celda in leer(ruta).cells:
        if celda.cell_type == "code":
            assert "sys.path" not in celda.source and "!pip" not in celda.source and "%pip" not in celda.source


#: Prueba → opciones de Validate: la fuente con todas sus celdas; la versión del estudiante, invertida.
_OPCIONES = {"test_fuente_valida_con_nbgrader": {"validate_all": True}, "test_publicado_en_blanco_no_pasa": {"invert": True}}


@pytest.fixture(scope="module")
def validados(request):
    """``{(prueba, ruta): resultado de Validate}`` de las pruebas de este módulo seleccionadas en la sesión,
    en paralelo (cada Validate arranca su núcleo y ejecuta el cuaderno entero)."""
    from concurrent.futures import ProcessPoolExecutor

    import corpus

    trabajos = {(i.originalname, str(i.callspec.params["ruta"])) for i in request.session.items
                if i.module is request.module and i.originalname in _OPCIONES}
    with ProcessPoolExecutor(max_workers=corpus.procesos()) as grupo:
        futuros = {clave: grupo.submit(corpus.validar, clave[1], **_OPCIONES[clave[0]]) for clave in sorted(trabajos)}
        # Lo que falle (p. ej. un núcleo que no arranca) falla solo en su prueba.
        return {clave: f.exception() or f.result() for clave, f in futuros.items()}


def _resultado(validados: dict, clave: tuple) -> dict:
    if isinstance(validados[clave], BaseException):
        raise validados[clave]
    return validados[clave]


@pytest.mark.parametrize("ruta", FUENTES, ids=lambda p: p.parent.name)
def test_fuente_valida_con_nbgrader(validados, ruta):
    """La fuente (con soluciones) pasa todas sus pruebas, sin errores ni stderr en ninguna celda."""
    resultado = _resultado(validados, ("test_fuente_valida_con_nbgrader", str(ruta)))
    assert resultado == {}, resultado


@pytest.mark.parametrize("ruta", PUBLICADOS, ids=lambda p: p.parent.name)
def test_publicado_en_blanco_no_pasa(validados, ruta):
    """Sin resolver, ninguna prueba de la versión del estudiante pasa (validate --invert)."""
    resultado = _resultado(validados, ("test_publicado_en_blanco_no_pasa", str(ruta)))
    assert "passed" not in resultado, [c["source"][:80] for c in resultado.get("passed", [])]
    assert "changed" not in resultado


def test_course_no_usa_nombres_de_ejercicios():
    """Ninguna función o clase de course/ se llama como un ejercicio: el estudiante la escribe él."""
    import ast

    ejercicios_del_curso = {e for ruta in FUENTES for e in ejercicios(leer(ruta))}
    choques = []
    for modulo in sorted((RAIZ / "course").rglob("*.py")):
        for nodo in ast.parse(modulo.read_text(encoding="utf-8")).body:
            if isinstance(nodo, (ast.FunctionDef, ast.ClassDef)) and nodo.name in ejercicios_del_curso:
                choques.append(f"{modulo.relative_to(RAIZ)}: {nodo.name}")
    assert not choques, choques
