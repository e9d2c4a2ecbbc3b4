"""Los experimentos de la lección 09 corren con presupuestos chicos y devuelven lo prometido."""

from __future__ import annotations

import numpy as np

from autograder.modelos import experimentos


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
    r = experimentos.pronostico_energia(iteraciones=5, n_h=4)
    assert set(r["mae"]) == {"lstm", "ultimo_valor", "dia_anterior", "semana_anterior"}
    assert r["real"].shape == r["pronostico"].shape == (2 * 336,)
    assert all(np.isfinite(v) and v > 0 for v in r["mae"].values())
    # El ingenuo de la semana anterior, calculado a mano sobre el periodo de prueba.
    from course.datos import energia

    serie = energia.demanda()
    np.testing.assert_allclose(r["real"], serie[-672:])
    assert r["mae"]["semana_anterior"] == np.mean(np.abs(serie[-672:] - serie[-672 - 336:-336]))
