"""La retroalimentación (``retroalimentar`` y ``generate_feedback`` de nbgrader, lo que usa Formgrader) está en español y no muestra pruebas ocultas."""

from __future__ import annotations

import html
import re

import nbformat
import pytest

from autograder.curso import meta_nbgrader
from autograder.preprocesadores import quitar_pruebas_ocultas
from autograder.retroalimentar import retroalimentar
from clase_calificada import ASIGNACION, CASOS
from cuadernos import RAIZ


def _lineas_ocultas() -> list[str]:
    """Líneas de código de las pruebas ocultas de la lección (las que se distinguen de las visibles)."""
    nb = nbformat.read(str(RAIZ / "source" / ASIGNACION / f"{ASIGNACION}.ipynb"), as_version=4)
    ocultas, visibles = set(), set()
    for celda in nb.cells:
        visibles.update(l.strip() for l in quitar_pruebas_ocultas(celda.source).splitlines())
        if not meta_nbgrader(celda).get("grade"):
            continue
        dentro = False
        for linea in celda.source.splitlines():
            dentro = (dentro or "BEGIN HIDDEN TESTS" in linea) and "END HIDDEN TESTS" not in linea
            if dentro:
                ocultas.add(linea.strip())
    return sorted(l for l in ocultas - visibles if len(l) > 12)


def _texto(pagina: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", pagina))


@pytest.fixture
def curso(clase_calificada):
    return clase_calificada[0]


def _sin_pruebas_ocultas(paginas) -> None:
    ocultas = _lineas_ocultas()
    assert len(ocultas) > 5
    for ruta in paginas:
        texto = _texto(ruta.read_text(encoding="utf-8"))
        assert "HIDDEN TESTS" not in texto, ruta
        filtradas = [l for l in ocultas if l in texto]
        assert not filtradas, f"{ruta}: {filtradas[:3]}"


def test_retroalimentar_escribe_una_pagina_en_espanol_por_estudiante(curso):
    paginas = retroalimentar(curso.raiz, ASIGNACION)
    assert sorted(p.parent.parent.name for p in paginas) == sorted(CASOS)
    _sin_pruebas_ocultas(paginas)
    textos = {p.parent.parent.name: _texto(p.read_text(encoding="utf-8")) for p in paginas}
    for texto in textos.values():
        assert "Retroalimentación de" in texto and "Estado de la entrega" in texto and "Score" not in texto
    assert "posible manipulación" in textos["manipulacion"]
    assert "cuaderno ilegible" in textos["json_corrupto"] and "no se pudo calificar" in textos["json_corrupto"]
    assert "celda de prueba alterada" in textos["prueba_editada"]


def test_generate_feedback_de_nbgrader_tampoco_muestra_pruebas_ocultas(curso):
    """El botón «Generate Feedback» de Formgrader llama a esto mismo con la configuración del curso."""
    for ruta in (curso.raiz / "feedback").rglob("*.html"):
        ruta.unlink()
    resultado = curso.api.generate_feedback(ASIGNACION)
    assert resultado["success"], resultado.get("error")
    paginas = sorted((curso.raiz / "feedback").rglob("*.html"))
    assert len(paginas) == len(CASOS)
    _sin_pruebas_ocultas(paginas)
    # El error de una prueba queda con su mensaje en español, sin el rastreo que citaría el código.
    blanco = _texto((curso.raiz / "feedback" / "en_blanco" / ASIGNACION / f"{ASIGNACION}.html").read_text(encoding="utf-8"))
    assert "NotImplementedError" in blanco and "Cell In[" not in blanco and "----> " not in blanco


def test_quitar_pruebas_ocultas():
    fuente = "a = 1\n### BEGIN HIDDEN TESTS\nsecreto()\n### END HIDDEN TESTS\nb = 2\n# BEGIN HIDDEN TESTS\notro()"
    assert quitar_pruebas_ocultas(fuente) == "a = 1\nb = 2"
