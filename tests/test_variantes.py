"""Las variantes y la GRU de referencia se reducen a los casos conocidos y cuentan bien sus parámetros."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.referencias import gru, lstm, variantes


def _datos(n_x=3, n_h=2, m=4, semilla=0):
    rng = np.random.default_rng(semilla)
    return rng, rng.standard_normal((n_x, m)), np.tanh(rng.standard_normal((n_h, m))), rng.standard_normal((n_h, m))


def test_mirilla_con_columnas_de_C_en_cero_es_la_lstm():
    rng, x, h, c = _datos()
    p = variantes.parametros_mirilla(3, 2, rng)
    estandar = dict(p)
    for g in ("f", "i", "o"):
        p[f"W_{g}"][:, :2] = 0.0
        estandar[f"W_{g}"] = p[f"W_{g}"][:, 2:]
    h_m, C_m = variantes.celda_mirilla(x, h, c, p)
    h_l, C_l, _ = lstm.celda(x, h, c, estandar)
    np.testing.assert_allclose(h_m, h_l)
    np.testing.assert_allclose(C_m, C_l)


def test_mirilla_salida_mira_el_estado_nuevo():
    rng, x, h, c = _datos(semilla=1)
    p = variantes.parametros_mirilla(3, 2, rng)
    h_t, C_t = variantes.celda_mirilla(x, h, c, p)
    o = lstm.sigmoide(p["W_o"] @ np.concatenate([C_t, h, x]) + p["b_o"])
    np.testing.assert_allclose(h_t, o * np.tanh(C_t))


def test_acoplada_es_lstm_con_entrada_igual_a_uno_menos_olvido():
    rng, x, h, c = _datos(semilla=2)
    p = variantes.parametros_acoplada(3, 2, rng)
    f = lstm.olvido(x, h, p["W_f"], p["b_f"])
    C_tilde = lstm.candidato(x, h, p["W_C"], p["b_C"])
    _, C_t = variantes.celda_acoplada(x, h, c, p)
    np.testing.assert_allclose(C_t, lstm.nuevo_estado(f, c, 1 - f, C_tilde))


@pytest.mark.parametrize("tipo,fabrica", [
    ("lstm", lstm.parametros_aleatorios),
    ("mirilla", variantes.parametros_mirilla),
    ("acoplada", variantes.parametros_acoplada),
    ("gru", gru.parametros_aleatorios),
])
def test_numero_de_parametros_igual_al_tamano_de_los_arreglos(tipo, fabrica):
    p = fabrica(5, 7, np.random.default_rng(0))
    assert variantes.numero_parametros(tipo, 5, 7) == sum(v.size for v in p.values())


def test_gru_con_z_cero_copia_y_con_z_uno_reemplaza():
    rng, x, h, _ = _datos(semilla=3)
    p = gru.parametros_aleatorios(3, 2, rng)
    p["W_z"][:] = 0.0
    p["b_z"][:] = -1e3
    np.testing.assert_allclose(gru.celda(x, h, p), h)
    p["b_z"][:] = 1e3
    r = gru.reinicio(x, h, p["W_r"], p["b_r"])
    np.testing.assert_allclose(gru.celda(x, h, p), gru.candidato(x, h, r, p["W_htilde"], p["b_htilde"]))
