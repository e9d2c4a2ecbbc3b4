"""Validate cuenta lo mismo que la calificación: las pruebas visibles de cada lección con cada mutante,
ejecutadas con el Validator de nbgrader sobre la versión del estudiante."""

from __future__ import annotations

import nbformat
import pytest

import corpus
from cuadernos import ASIGNACIONES, RAIZ, celdas_calificadas, leer

MUTANTES = corpus.cargar("mutante")


@pytest.mark.lento
@pytest.mark.parametrize("asignacion", [pytest.param(a, marks=pytest.mark.xdist_group(a)) for a in ASIGNACIONES])
def test_validate_de_cada_mutante(asignacion, tmp_path):
    """El cuaderno resuelto pasa Validate, el de blanco falla en cada celda calificada; se anota qué
    mutantes detecta Validate (el resumen de la sesión da la cuenta)."""
    mutantes = [m for m in MUTANTES if m.asignacion == asignacion]
    publicado = RAIZ / "release" / asignacion / f"{asignacion}.ipynb"
    cuadernos = {"resuelto": corpus.cuaderno_de(None, asignacion), "en_blanco": nbformat.read(str(publicado), as_version=4)}
    cuadernos |= {m.estudiante: corpus.cuaderno_de(m, asignacion) for m in mutantes}
    fallas = corpus.validar_cuadernos(cuadernos, tmp_path)
    corpus.guardar(f"{asignacion}.validate", {
        str(m): {"ejercicio": m.prueba, "fallas": fallas[m.estudiante]} for m in mutantes
    })
    assert fallas["resuelto"] == [], f"Validate reporta fallas en el cuaderno resuelto: {fallas['resuelto']}"
    assert fallas["en_blanco"] == sorted(celdas_calificadas(leer(publicado))), fallas["en_blanco"]
