"""Los resultados precalculados de la lección 09: los mismos que da el generador, y los que cita el texto."""

from __future__ import annotations

import re

import numpy as np
import pytest

from autograder.modelos import experimentos, precalcular, series
from course.datos import aplicaciones, energia
from cuadernos import RAIZ, leer


@pytest.fixture(scope="module")
def resultados():
    return aplicaciones.resultados()


def test_forma_de_los_resultados(resultados):
    metro = resultados["metro"]
    assert metro["iteraciones"] == precalcular.ITERACIONES_METRO and tuple(metro["distancias"]) == precalcular.DISTANCIAS
    assert set(metro["barrido"]) == {"rnn", "lstm", "gru"}
    for tabla in metro["barrido"].values():
        assert tabla.shape == (len(precalcular.DISTANCIAS), len(precalcular.SEMILLAS)) and np.all((0 <= tabla) & (tabla <= 1))
    assert metro["curva"]["perdida"].shape == (precalcular.ITERACIONES_METRO,)
    r = resultados["energia"]
    assert r["real"].shape == r["pronostico"].shape == (2 * energia.POR_SEMANA,)
    assert r["perdida"].shape == (precalcular.ITERACIONES_ENERGIA,)


def test_la_curva_del_metro_es_la_del_generador(resultados):
    """Caso barato: volver a entrenar la LSTM con L = 20 da la misma curva y la misma exactitud."""
    exactitud, historial = experimentos.exactitud_metro("lstm", L=20, iteraciones=precalcular.ITERACIONES_METRO, semilla=0)
    curva = resultados["metro"]["curva"]
    assert curva["exactitud"] == pytest.approx(exactitud)
    np.testing.assert_allclose(curva["perdida"], historial["perdida"], atol=1e-6)
    assert resultados["metro"]["barrido"]["lstm"][precalcular.DISTANCIAS.index(20), 0] == pytest.approx(exactitud)


def test_ingenuos_y_periodo_de_prueba(resultados):
    serie = energia.demanda()
    _, _, prueba = series.partir(serie, 2 * energia.POR_SEMANA, 2 * energia.POR_SEMANA)
    r = resultados["energia"]
    np.testing.assert_allclose(r["real"], prueba, atol=1e-3)
    inicio = len(serie) - len(prueba)
    for nombre, retraso in energia.RETRASOS_INGENUOS.items():
        assert r["mae"][nombre] == pytest.approx(series.mae(prueba, serie[inicio - retraso:len(serie) - retraso]), abs=1e-3)
    assert r["mae"]["lstm"] == pytest.approx(series.mae(r["real"], r["pronostico"]), abs=1e-2)


def test_el_texto_cita_las_cifras_de_los_datos(resultados):
    """Los MAE del presupuesto corto que cita la conclusión de la lección son los del archivo."""
    nb = leer(RAIZ / "source" / "09_aplicaciones" / "09_aplicaciones.ipynb")
    (texto,) = [c.source for c in nb.cells if c.id == "energia_conclusion"]
    corto = texto.split("Con el presupuesto completo")[0]
    cifras = [int(n) for n in re.findall(r"(\d+) MW", corto)]
    mae = resultados["energia"]["mae"]
    assert cifras == [round(mae["lstm"], -2), round(mae["semana_anterior"]), round(mae["ultimo_valor"]), round(mae["dia_anterior"])]
    assert f"({precalcular.ITERACIONES_ENERGIA} iteraciones)" in corto
    # Con distancias cortas las tres redes aciertan todo; con L = 40 la RNN queda cerca del azar y la LSTM y la GRU no.
    barrido = resultados["metro"]["barrido"]
    assert all(barrido[celda][0, 0] == 1.0 for celda in barrido)
    assert barrido["rnn"][-1, 0] < 0.4 < 0.9 < min(barrido["lstm"][-1, 0], barrido["gru"][-1, 0])
