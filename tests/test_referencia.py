"""La referencia de la RNN coincide con las fórmulas de la lección y con diferencias finitas."""

from __future__ import annotations

import numpy as np

from autograder.referencias import rnn
from autograder.referencias.retro import diferencias_centradas


def test_celda_igual_a_pesos_separados():
    rng = np.random.default_rng(1)
    n_x, n_h, m = 3, 4, 5
    W = rng.standard_normal((n_h, n_h + n_x))
    b = rng.standard_normal((n_h, 1))
    x, h = rng.standard_normal((n_x, m)), rng.standard_normal((n_h, m))
    W_h, W_x = rnn.separar_pesos(W, n_h)
    np.testing.assert_allclose(rnn.celda(x, h, W, b), np.tanh(W_h @ h + W_x @ x + b))


def test_normas_contra_diferencias_finitas():
    rng = np.random.default_rng(2)
    n_x, n_h, T = 2, 3, 6
    W = rng.standard_normal((n_h, n_h + n_x))
    b = np.zeros((n_h, 1))
    x = rng.standard_normal((n_x, 1, T))
    H = rnn.recorrido(x, np.zeros((n_h, 1)), W, b)
    normas = rnn.normas_jacobiano(H, W)
    k = 3
    inicio = H[:, :, T - k - 1]
    J = np.vstack([diferencias_centradas(lambda v: rnn.recorrido(x[:, :, T - k:], v, W, b)[i, 0, -1], inicio, 1e-6).ravel()
                   for i in range(n_h)])
    np.testing.assert_allclose(normas[k], np.linalg.norm(J, 2), rtol=1e-6)
    assert normas[0] == 1.0


def test_entropia_cruzada():
    y_hat = np.full((1, 2, 3), 0.5)
    assert np.isclose(rnn.entropia_cruzada(y_hat, np.ones_like(y_hat)), 3 * np.log(2))


def test_paso_atras_contra_diferencias():
    rng = np.random.default_rng(4)
    n_x, n_h, m = 3, 2, 4
    W, b = rng.standard_normal((n_h, n_h + n_x)), rng.standard_normal((n_h, 1))
    x_t, h_prev, dh = rng.standard_normal((n_x, m)), rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))
    cache = {"x_t": x_t, "h_prev": h_prev, "h_t": rnn.celda(x_t, h_prev, W, b)}
    dh_prev, dx_t, dW, db = rnn.paso_atras(dh, cache, W)
    for obtenido, numerico in [(dh_prev, diferencias_centradas(lambda v: np.sum(dh * rnn.celda(x_t, v, W, b)), h_prev)),
                               (dx_t, diferencias_centradas(lambda v: np.sum(dh * rnn.celda(v, h_prev, W, b)), x_t)),
                               (dW, diferencias_centradas(lambda v: np.sum(dh * rnn.celda(x_t, h_prev, v, b)), W)),
                               (db, diferencias_centradas(lambda v: np.sum(dh * rnn.celda(x_t, h_prev, W, v)), b))]:
        np.testing.assert_allclose(obtenido, numerico, rtol=1e-6, atol=1e-9)


def test_gradiente_bce_contra_diferencias():
    rng = np.random.default_rng(5)
    n_h, m, T = 3, 2, 4
    H, W_y, b_y = rng.standard_normal((n_h, m, T)), rng.standard_normal((1, n_h)), rng.standard_normal((1, 1))
    y = rng.integers(0, 2, size=(1, m, T)).astype(float)

    def perdida(H, W_y, b_y):
        return rnn.entropia_cruzada(1 / (1 + np.exp(-(np.einsum("ih,hmt->imt", W_y, H) + b_y[:, :, None]))), y)

    dH, dW_y, db_y = rnn.gradiente_bce(H, W_y, b_y, y)
    np.testing.assert_allclose(dH, diferencias_centradas(lambda v: perdida(v, W_y, b_y), H), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(dW_y, diferencias_centradas(lambda v: perdida(H, v, b_y), W_y), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(db_y, diferencias_centradas(lambda v: perdida(H, W_y, v), b_y), rtol=1e-6, atol=1e-9)


def test_sigmoide_estable_y_simetrica():
    import warnings

    from autograder.referencias import lstm

    z = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = lstm.sigmoide(z)
    np.testing.assert_allclose(s + lstm.sigmoide(-z), 1.0)
    assert s[2] == 0.5 and s[0] == 0.0 and s[-1] == 1.0


def test_lstm_recorrido_igual_a_pasos():
    from autograder.referencias import lstm

    rng = np.random.default_rng(3)
    n_x, n_h, m, T = 2, 3, 4, 5
    p = lstm.parametros_aleatorios(n_x, n_h, rng)
    x = rng.standard_normal((n_x, m, T))
    h, c = rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))
    H, C, _ = lstm.recorrido(x, h, c, p)
    for t in range(T):
        h, c, _ = lstm.celda(x[:, :, t], h, c, p)
        np.testing.assert_allclose(H[:, :, t], h)
        np.testing.assert_allclose(C[:, :, t], c)
