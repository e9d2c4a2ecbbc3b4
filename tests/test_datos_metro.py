"""La tarea de memoria de Pantitlán, construida con las líneas reales del metro."""

from __future__ import annotations

import numpy as np
import pytest

from course.datos import lineas_metro, metro


def test_lineas_de_pantitlan():
    lineas = metro.lineas_pantitlan()
    assert set(lineas) == {"1", "5", "9", "A"}
    for linea, estaciones in lineas.items():
        assert estaciones[0] == "Pantitlán"
        assert set(estaciones) == set(lineas_metro()[linea])
    assert metro.respuestas() == ("Zaragoza", "Hangares", "Puebla", "Agrícola Oriental")


@pytest.mark.parametrize("L", [1, 5, 40])
def test_forma_y_contenido(L):
    x, y = metro.tarea_pantitlan(L, 64, np.random.default_rng(L))
    vocab = metro.vocabulario()
    assert x.shape == (len(vocab), 64, L + 1) and y.shape == (64,)
    np.testing.assert_array_equal(x.sum(axis=0), 1.0)  # un símbolo por paso
    for j in range(64):
        simbolos = metro.decodificar(x, j)
        assert simbolos[-1] == "Pantitlán"
        assert all(s in metro.TRAYECTO for s in simbolos[1:-1])
        # la pista está L pasos antes de la pregunta y dice la línea de la respuesta
        linea = list(metro.lineas_pantitlan().values())[y[j]]
        assert simbolos[0] in linea and simbolos[0] != "Pantitlán"
        otras = [e for k, est in enumerate(metro.lineas_pantitlan().values()) if k != y[j] for e in est]
        assert simbolos[0] not in otras


def test_clases_balanceadas_y_reproducibles():
    x1, y1 = metro.tarea_pantitlan(3, 4000, np.random.default_rng(0))
    x2, y2 = metro.tarea_pantitlan(3, 4000, np.random.default_rng(0))
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert np.bincount(y1).min() > 900


def test_solo_la_pista_distingue_la_respuesta():
    """Salvo el primer paso, nada en la entrada depende de la clase: la memoria es necesaria."""
    x, y = metro.tarea_pantitlan(6, 4000, np.random.default_rng(1))
    medias = np.stack([x[:, y == k, 1:].mean(axis=1) for k in range(4)])
    assert np.abs(medias - medias.mean(axis=0)).max() < 0.05


def test_L_invalido():
    with pytest.raises(ValueError):
        metro.tarea_pantitlan(0, 3, np.random.default_rng(0))
