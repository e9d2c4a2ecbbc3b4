"""La serie de Taylor (2003) y la preparación sin fugas: partición fija, ventanas y normalización."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.modelos import series
from course.datos import energia


def test_serie_completa():
    serie = energia.demanda()
    assert serie.shape == (4032,) == (12 * energia.POR_SEMANA,)
    assert serie[:3].tolist() == [22262.0, 21756.0, 22247.0]
    assert 15000 < serie.min() < serie.max() < 45000
    assert energia.fechas()[0] == "2000-06-05 00:00" and energia.fechas()[-1] == "2000-08-27 23:30"
    serie[0] = -1  # es una copia
    assert energia.demanda()[0] == 22262.0


def test_periodos_en_orden_sin_huecos():
    p = series.periodos(100, 10, 20)
    assert p == {"entrenamiento": slice(0, 70), "validacion": slice(70, 80), "prueba": slice(80, 100)}
    e, v, t = series.partir(np.arange(100), 10, 20)
    np.testing.assert_array_equal(np.concatenate([e, v, t]), np.arange(100))
    with pytest.raises(ValueError):
        series.periodos(10, 5, 5)


def test_ventanas():
    X, y = series.cortar_ventanas(np.arange(6.0), 3)
    np.testing.assert_array_equal(X, [[0, 1, 2], [1, 2, 3], [2, 3, 4]])
    np.testing.assert_array_equal(y, [3, 4, 5])


def test_estandarizar_usa_solo_el_entrenamiento():
    e, v, t, media, desv = series.estandarizar(np.array([1.0, 3.0]), np.array([5.0]), np.array([100.0]))
    assert (media, desv) == (2.0, 1.0)
    np.testing.assert_allclose(e, [-1, 1])
    np.testing.assert_allclose(v, [3])
    np.testing.assert_allclose(t, [98])


def test_ejemplos_toman_solo_el_pasado():
    z = np.arange(20.0)
    x = energia.entradas(z)
    assert x.shape == (5, 20)
    ventanas, objetivos = series.ejemplos(x, z, slice(15, 20), largo=4)
    assert ventanas.shape == (5, 5, 4) and objetivos.shape == (1, 5)
    np.testing.assert_array_equal(objetivos, [[15, 16, 17, 18, 19]])
    np.testing.assert_array_equal(ventanas[0, 0], [11, 12, 13, 14])
    assert (ventanas[0].max(axis=1) < objetivos[0]).all()
    ventanas, objetivos = series.ejemplos(x, z, slice(0, 6), largo=4)
    np.testing.assert_array_equal(objetivos, [[4, 5]])  # sin ventanas incompletas


def test_mae_y_los_ingenuos():
    assert series.mae([1, 2, 3], [2, 2, 5]) == pytest.approx(1.0)
    assert energia.RETRASOS_INGENUOS == {"ultimo_valor": 1, "dia_anterior": 48, "semana_anterior": 336}
