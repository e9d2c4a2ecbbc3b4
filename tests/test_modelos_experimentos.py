"""Los experimentos de la lección 09 corren con presupuestos chicos y devuelven lo prometido."""

from __future__ import annotations

import numpy as np

from autograder.modelos import entrenamiento, experimentos


def test_barrido_metro_formas_y_rango():
    tablas = experimentos.barrido_metro((2, 4), celdas=("rnn", "lstm"), semillas=(0, 1), iteraciones=5, m_prueba=64)
    assert set(tablas) == {"rnn", "lstm"}
    for tabla in tablas.values():
        assert tabla.shape == (2, 2)
        assert ((tabla >= 0) & (tabla <= 1)).all()


def test_lstm_aprende_una_distancia_corta():
    exactitud, historial = experimentos.exactitud_metro("lstm", 3, 150, semilla=0)
    assert exactitud > 0.9
    assert historial["perdida"][-10:].mean() < historial["perdida"][:10].mean()


def test_pronostico_energia_contra_ingenuos():
    r = experimentos.pronostico_energia(iteraciones=5, n_h=4, cada=2)
    assert set(r["mae"]) == {"lstm", "ultimo_valor", "dia_anterior", "semana_anterior"}
    assert r["real"].shape == r["pronostico"].shape == (2 * 336,)
    assert all(np.isfinite(v) and v > 0 for v in r["mae"].values())
    # El ingenuo de la semana anterior, calculado a mano sobre el periodo de prueba.
    from course.datos import energia

    serie = energia.demanda()
    np.testing.assert_allclose(r["real"], serie[-672:])
    assert r["mae"]["semana_anterior"] == np.mean(np.abs(serie[-672:] - serie[-672 - 336:-336]))
    np.testing.assert_array_equal(r["historial"]["validacion"]["iteracion"], [2, 4, 5])
    assert r["mae_validacion"] == r["historial"]["validacion"]["error"].min()
    assert r["mejor_iteracion"] == r["historial"]["validacion"]["iteracion"][r["historial"]["validacion"]["error"].argmin()]
    assert set(r["mae_validacion_ingenuos"]) == set(energia.RETRASOS_INGENUOS)
    assert r["mae"]["lstm"] == np.mean(np.abs(r["real"] - r["pronostico"]))


def test_la_prueba_se_mide_una_sola_vez_con_los_parametros_elegidos(monkeypatch):
    """Durante el entrenamiento solo se mide la validación; la prueba, una vez al final, con la copia del mejor."""
    from autograder.modelos import series
    from course.datos import energia

    n = len(energia.demanda())
    periodos = series.periodos(n)
    medidos = []
    original = series.ejemplos

    def ejemplos(x, z, periodo, largo):
        medidos.append(next(nombre for nombre, p in periodos.items() if p == periodo))
        return original(x, z, periodo, largo)

    def entrenar(*args, **kwargs):
        medidos.append("entrenar")
        historial = entrenamiento.entrenar(*args, **kwargs)
        medidos.append("elegidos")
        return historial

    monkeypatch.setattr(series, "ejemplos", ejemplos)
    monkeypatch.setattr(experimentos, "entrenar", entrenar)
    r = experimentos.pronostico_energia(iteraciones=6, n_h=3, cada=2, paciencia=1)
    assert medidos == ["entrenamiento", "validacion", "entrenar", "elegidos", "prueba"]
    assert len(r["historial"]["perdida"]) <= 6


def test_varias_semillas():
    r = experimentos.pronosticos_energia((0, 1), iteraciones=4, n_h=3, cada=2)
    assert r["semillas"] == [0, 1] and r["mae_lstm"].shape == r["mae_validacion"].shape == (2,)
    assert r["mae_lstm"][0] != r["mae_lstm"][1]  # otra semilla, otra red
    assert [c["mae"]["lstm"] for c in r["corridas"]] == r["mae_lstm"].tolist()
