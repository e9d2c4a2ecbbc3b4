"""release/ es exactamente lo que nbgrader genera desde source/ y no contiene soluciones."""

from __future__ import annotations

import json
import re

import pytest

from autograder.curso import generar_release, meta_nbgrader
from cuadernos import ASIGNACIONES, PUBLICADOS, RAIZ


@pytest.fixture(scope="module")
def generado(tmp_path_factory):
    destino = tmp_path_factory.mktemp("release")
    generar_release(destino)
    return destino


def test_mismos_archivos(generado):
    esperados = sorted(p.relative_to(generado) for p in generado.rglob("*") if p.is_file())
    actuales = sorted(p.relative_to(RAIZ / "release") for p in (RAIZ / "release").rglob("*") if p.is_file())
    assert actuales == esperados


@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_release_al_dia(generado, asignacion):
    for nuevo in (generado / asignacion).glob("*.ipynb"):
        actual = RAIZ / "release" / asignacion / nuevo.name
        assert actual.read_bytes() == nuevo.read_bytes(), f"{actual} no coincide con lo que genera nbgrader: corre `make release`"


@pytest.mark.parametrize("ruta", PUBLICADOS, ids=lambda p: p.parent.name)
def test_sin_soluciones_ni_pruebas_ocultas(ruta):
    texto = ruta.read_text(encoding="utf-8")
    for marca in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marca not in texto
    nb = json.loads(texto)
    talones = ["".join(c["source"]) for c in nb["cells"] if meta_nbgrader(c).get("solution")]
    # Una pregunta del cuestionario deja su variable vacía (TalonConNombre), sin la letra de la solución.
    pregunta = re.compile(r'(#[^\n]*\n)*respuesta_\d+ = ""')
    assert talones and all("# TU CÓDIGO AQUÍ" in t or pregunta.fullmatch(t) for t in talones)
