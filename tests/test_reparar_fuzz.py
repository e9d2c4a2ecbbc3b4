"""Fuzz de metadatos y estructura: ningún valor de un cuaderno hace fallar la revisión; lo que sale, nbgrader lo acepta."""

from __future__ import annotations

import copy
import json

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbgrader.preprocessors import CheckCellMetadata, DeduplicateIds
from traitlets.config import Config

from autograder.clase import cuaderno_resuelto
from autograder.preprocesadores import RevisarEntrega
from autograder.reparar import leer, leccion, revisar_cuaderno
from cuadernos import RAIZ

LECCION = "01_problema_memoria"
BASE = json.loads(nbformat.writes(cuaderno_resuelto(RAIZ, LECCION)))

valores = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**12) | st.floats(allow_nan=True) | st.text(max_size=12)
    | st.sampled_from(["paso_rnn", "paso_rnn_prueba", "dividir_pesos", "", "BEGIN HIDDEN TESTS"]),
    lambda hijos: st.lists(hijos, max_size=3) | st.dictionaries(st.text(max_size=8), hijos, max_size=3),
    max_leaves=8,
)
CLAVES_NBGRADER = ["grade_id", "grade", "solution", "locked", "points", "schema_version", "checksum", "task"]
CLAVES_CELDA = ["source", "cell_type", "id", "metadata", "outputs", "execution_count", "attachments"]


@st.composite
def cuadernos_danados(draw):
    crudo = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        celdas = crudo["cells"]
        i = draw(st.integers(0, len(celdas) - 1))
        donde = draw(st.sampled_from(["nbgrader", "clave_nbgrader", "clave_celda", "celda", "borrar_clave", "copiar",
                                      "cuaderno"]))
        celda = celdas[i]
        if not isinstance(celda, dict) and donde != "cuaderno":
            celdas[i] = draw(valores)  # ya no es una celda: se sigue dañando a lo bruto
        elif donde == "nbgrader":
            if not isinstance(celda.get("metadata"), dict):
                celda["metadata"] = {}
            celda["metadata"]["nbgrader"] = draw(valores)
        elif donde == "clave_nbgrader" and isinstance(celda.get("metadata"), dict) and isinstance(celda["metadata"].get("nbgrader"), dict):
            celda["metadata"]["nbgrader"][draw(st.sampled_from(CLAVES_NBGRADER))] = draw(valores)
        elif donde == "clave_celda":
            celda[draw(st.sampled_from(CLAVES_CELDA))] = draw(valores)
        elif donde == "borrar_clave":
            celda.pop(draw(st.sampled_from(CLAVES_CELDA)), None)
        elif donde == "celda":
            celdas[i] = draw(valores)
        elif donde == "copiar":
            celdas.insert(i, copy.deepcopy(celda))
        else:
            crudo[draw(st.sampled_from(["metadata", "nbformat", "nbformat_minor"]))] = draw(valores)
    return crudo


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuadernos_danados())
def test_la_revision_nunca_falla_y_deja_algo_que_nbgrader_acepta(crudo):
    try:
        datos = json.dumps(crudo, allow_nan=True).encode()
    except (TypeError, ValueError):
        return
    nb, lectura = leer(datos)
    if nb is None:
        assert lectura.problemas == {"ilegible"} and lectura.observaciones
        return
    revision = revisar_cuaderno(nb, leccion(RAIZ / "release" / LECCION / f"{LECCION}.ipynb",
                                            RAIZ / "source" / LECCION / f"{LECCION}.ipynb"))
    nbformat.validate(nb)
    DeduplicateIds().preprocess(nb, {})
    CheckCellMetadata().preprocess(nb, {})
    assert set(revision.problemas) <= {"metadatos", "eliminada", "alterada", "duplicado", "renombrado", "manipulacion",
                                       "delegacion"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuadernos_danados())
def test_el_preprocesador_nunca_falla_con_lo_que_nbformat_lee(crudo):
    """Por ``nbgrader autograde`` el cuaderno llega leído por nbformat, sin normalizar."""
    try:
        nb = nbformat.reads(json.dumps(crudo, allow_nan=True), as_version=4)
    except Exception:  # noqa: BLE001 — lo que nbformat no lee, nbgrader tampoco (y calificar lo marca ilegible)
        return
    config = Config()
    config.CourseDirectory.root = str(RAIZ)
    nb, _ = RevisarEntrega(config=config).preprocess(nb, {"nbgrader": {"assignment": LECCION, "notebook": LECCION}})
    revision = nb.metadata["calificador"]["revision"]
    assert isinstance(revision["observaciones"], list) and "error" not in revision["problemas"], revision
    DeduplicateIds().preprocess(nb, {})
    CheckCellMetadata().preprocess(nb, {})


@pytest.mark.parametrize("valor", [["a"], {"b": 1}, 3, None])
def test_grade_id_raro_en_cada_celda_calificada(valor):
    crudo = copy.deepcopy(BASE)
    for celda in crudo["cells"]:
        if isinstance(celda.get("metadata", {}).get("nbgrader"), dict):
            celda["metadata"]["nbgrader"]["grade_id"] = valor
    nb, _ = leer(json.dumps(crudo).encode())
    revision = revisar_cuaderno(nb, leccion(RAIZ / "release" / LECCION / f"{LECCION}.ipynb"))
    assert "eliminada" in revision.problemas  # las pruebas vuelven desde la lección
    CheckCellMetadata().preprocess(nb, {})
