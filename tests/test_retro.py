"""La retropropagación de referencia coincide con diferencias centradas (LSTM y RNN)."""

from __future__ import annotations

import numpy as np

from autograder.referencias import lstm, retro, rnn


def test_diferencias_centradas_exactas_en_cuadraticas_y_sin_tocar_x():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    copia = x.copy()
    np.testing.assert_allclose(retro.diferencias_centradas(lambda v: np.sum(v**2), x), 2 * x, rtol=1e-9)
    np.testing.assert_array_equal(x, copia)


def test_paso_atras_contra_diferencias():
    rng = np.random.default_rng(11)
    n_x, n_h, m = 3, 2, 4
    p = lstm.parametros_aleatorios(n_x, n_h, rng)
    x, h, c = rng.standard_normal((n_x, m)), rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))
    dh, dC = rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))

    def perdida(q, h_prev=h, C_prev=c):
        h_t, C_t, _ = lstm.celda(x, h_prev, C_prev, q)
        return np.sum(dh * h_t) + np.sum(dC * C_t)

    grads, dh_prev, dC_prev = retro.paso_atras(dh, dC, lstm.celda(x, h, c, p)[2], p)
    for clave in p:
        numerico = retro.diferencias_centradas(lambda v: perdida({**p, clave: v}), p[clave])
        np.testing.assert_allclose(grads[clave], numerico, rtol=1e-6, atol=1e-8, err_msg=clave)
    np.testing.assert_allclose(dh_prev, retro.diferencias_centradas(lambda v: perdida(p, h_prev=v), h), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dC_prev, retro.diferencias_centradas(lambda v: perdida(p, C_prev=v), c), rtol=1e-6, atol=1e-8)


def test_gradientes_estado_es_derivada_respecto_a_C_t():
    rng = np.random.default_rng(12)
    n_x, n_h, T = 2, 3, 5
    p = lstm.parametros_aleatorios(n_x, n_h, rng)
    x = rng.standard_normal((n_x, 1, T))
    dH = rng.standard_normal((n_h, 1, T))
    h0, C0 = np.zeros((n_h, 1)), np.zeros((n_h, 1))
    _, C, caches = lstm.recorrido(x, h0, C0, p)
    _, dC_pasos = retro.gradientes_estado(dH, caches, p)
    t = 1  # perturbar C_t: cambia h_t = o_t ⊙ tanh(C_t) y todo lo que sigue

    def perdida(C_t):
        h_t = caches[t]["o"] * np.tanh(C_t)
        H_resto, _, _ = lstm.recorrido(x[:, :, t + 1:], h_t, C_t, p)
        return np.sum(dH[:, :, t + 1:] * H_resto) + np.sum(dH[:, :, t] * h_t)

    np.testing.assert_allclose(dC_pasos[:, :, t], retro.diferencias_centradas(perdida, C[:, :, t]), rtol=1e-6, atol=1e-8)


def test_rnn_atras_contra_diferencias():
    rng = np.random.default_rng(13)
    n_x, n_h, m, T = 2, 3, 2, 4
    W, b = rng.standard_normal((n_h, n_h + n_x)), rng.standard_normal((n_h, 1))
    x, h0 = rng.standard_normal((n_x, m, T)), rng.standard_normal((n_h, m))
    dH = rng.standard_normal((n_h, m, T))
    dW, db, dh0, _ = retro.rnn_atras(dH, x, h0, W, b)
    np.testing.assert_allclose(dW, retro.diferencias_centradas(lambda v: np.sum(dH * rnn.recorrido(x, h0, v, b)), W), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(db, retro.diferencias_centradas(lambda v: np.sum(dH * rnn.recorrido(x, h0, W, v)), b), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dh0, retro.diferencias_centradas(lambda v: np.sum(dH * rnn.recorrido(x, v, W, b)), h0), rtol=1e-6, atol=1e-8)


def test_carrusel_es_el_error_completo_sin_caminos_recurrentes():
    """Sin pesos recurrentes y con pérdida solo en h_T, el error en C_t solo viaja por el carrusel."""
    rng = np.random.default_rng(14)
    n_x, n_h, m, T = 2, 3, 2, 6
    p = lstm.parametros_aleatorios(n_x, n_h, rng)
    for nombre in lstm.NOMBRES:
        p[f"W_{nombre}"][:, :n_h] = 0.0
    x = rng.standard_normal((n_x, m, T))
    _, _, caches = lstm.recorrido(x, np.zeros((n_h, m)), np.zeros((n_h, m)), p)
    dH = np.zeros((n_h, m, T))
    dH[:, :, -1] = rng.standard_normal((n_h, m))
    _, dC_pasos = retro.gradientes_estado(dH, caches, p)
    F = np.stack([c["f"] for c in caches], axis=2)
    D = retro.carrusel(dC_pasos[:, :, -1], F)
    np.testing.assert_allclose(D, dC_pasos[:, :, ::-1])
