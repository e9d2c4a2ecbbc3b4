"""Los modelos en lote del curso: iguales a la referencia de la LSTM y a diferencias finitas centradas."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.modelos import gru, lstm, perdidas, rnn
from autograder.modelos.red import Red
from autograder.referencias import lstm as ref_lstm
from autograder.referencias import rnn as ref_rnn
from autograder.referencias.retro import diferencias_centradas

EPS = 1e-6


def _numerico(f, arreglo: np.ndarray, indices) -> np.ndarray:
    """∂f/∂arreglo[i] para cada índice de ``indices``, con el gradiente numérico único de las referencias."""
    return diferencias_centradas(lambda _: f(), arreglo, EPS, indices, en_su_lugar=True)


def _todos(arreglo):
    return list(np.ndindex(arreglo.shape))


def _datos(semilla, n_x=3, n_h=4, m=5, T=6):
    rng = np.random.default_rng(semilla)
    return rng, rng.standard_normal((n_x, m, T)), 0.5 * rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m, T))


@pytest.mark.parametrize("m", [1, 5])
def test_lstm_adelante_igual_a_la_referencia(m):
    rng, x, h0, _ = _datos(1, m=m)
    p = ref_lstm.parametros_aleatorios(3, 4, rng, escala=0.7)
    C0 = rng.standard_normal((4, m))
    H_ref, C_ref, _ = ref_lstm.recorrido(x, h0, C0, p)
    H, cache = lstm.adelante(x, h0, lstm.desde_compuertas(p), C0=C0)
    np.testing.assert_allclose(H, H_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(cache["Cs"][1:].transpose(1, 2, 0), C_ref, rtol=1e-12, atol=1e-12)


def test_lstm_float32_cerca_de_la_referencia():
    rng, x, h0, _ = _datos(2, n_x=8, n_h=16, m=7, T=30)
    p = ref_lstm.parametros_aleatorios(8, 16, rng, escala=0.3)
    H_ref, _, _ = ref_lstm.recorrido(x, h0, np.zeros_like(h0), p)
    q = {k: v.astype(np.float32) for k, v in lstm.desde_compuertas(p).items()}
    H, _ = lstm.adelante(x.astype(np.float32), h0.astype(np.float32), q)
    assert H.dtype == np.float32
    np.testing.assert_allclose(H, H_ref, atol=1e-5)


def _lstm_a_mano(x, h0, C0, p, variante):
    """Paso a paso con las piezas de la referencia, añadiendo mirillas o el acoplamiento."""
    h, c = h0, C0
    H = []
    for t in range(x.shape[2]):
        x_t = x[:, :, t]
        zf = ref_lstm.afin(p["W_f"], p["b_f"], h, x_t)
        zo = ref_lstm.afin(p["W_o"], p["b_o"], h, x_t)
        if variante == "mirilla":
            f = ref_lstm.sigmoide(zf + p["V_f"] @ c)
            i = ref_lstm.sigmoide(ref_lstm.afin(p["W_i"], p["b_i"], h, x_t) + p["V_i"] @ c)
        else:
            f = ref_lstm.sigmoide(zf)
            i = 1 - f if variante == "acoplada" else ref_lstm.entrada(x_t, h, p["W_i"], p["b_i"])
        c = ref_lstm.nuevo_estado(f, c, i, ref_lstm.candidato(x_t, h, p["W_C"], p["b_C"]))
        o = ref_lstm.sigmoide(zo + p["V_o"] @ c) if variante == "mirilla" else ref_lstm.sigmoide(zo)
        h = ref_lstm.oculto(o, c)
        H.append(h)
    return np.stack(H, axis=2)


@pytest.mark.parametrize("variante", ["mirilla", "acoplada"])
def test_variantes_adelante_iguales_a_las_ecuaciones(variante):
    rng, x, h0, _ = _datos(3)
    q = lstm.iniciar(3, 4, rng, variante)
    q = {k: v + 0.5 * rng.standard_normal(v.shape) for k, v in q.items()}
    C0 = rng.standard_normal((4, 5))
    H, _ = lstm.adelante(x, h0, q, variante, C0=C0)
    np.testing.assert_allclose(H, _lstm_a_mano(x, h0, C0, lstm.a_compuertas(q, variante), variante), rtol=1e-12, atol=1e-12)


def test_compuertas_ida_y_vuelta():
    rng = np.random.default_rng(4)
    for variante in lstm.VARIANTES:
        q = lstm.iniciar(2, 3, rng, variante)
        q2 = lstm.desde_compuertas(lstm.a_compuertas(q, variante), variante)
        assert q2.keys() == q.keys()
        for k in q:
            np.testing.assert_array_equal(q2[k], q[k])


@pytest.mark.parametrize("variante", lstm.VARIANTES)
def test_lstm_atras_contra_diferencias_finitas(variante):
    rng, x, h0, G = _datos(5)
    q = lstm.iniciar(3, 4, rng, variante)
    q = {k: v + 0.4 * rng.standard_normal(v.shape) for k, v in q.items()}
    C0 = rng.standard_normal((4, 5))
    G_C = rng.standard_normal((4, 5))

    def perdida():
        H, cache = lstm.adelante(x, h0, q, variante, C0=C0)
        return float(np.sum(G * H) + np.sum(G_C * cache["Cs"][-1]))

    _, cache = lstm.adelante(x, h0, q, variante, C0=C0)
    grads, dx, dh0, dC0 = lstm.atras(G, cache, q, dC_T=G_C)
    assert grads.keys() == q.keys()
    for k in q:
        np.testing.assert_allclose(grads[k].ravel(), _numerico(perdida, q[k], _todos(q[k])), rtol=1e-5, atol=1e-7, err_msg=k)
    for arreglo, analitico in ((x, dx), (h0, dh0), (C0, dC0)):
        indices = _todos(arreglo)[::3]
        np.testing.assert_allclose([analitico[i] for i in indices], _numerico(perdida, arreglo, indices), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("variante", lstm.VARIANTES)
@pytest.mark.parametrize("pasos", [1, 4, 7])
def test_lstm_atras_no_depende_del_tamano_de_bloque(variante, pasos, monkeypatch):
    """Los bloques de tiempo de ``atras`` (incluido uno final incompleto) dan lo mismo que un solo bloque."""
    rng, x, h0, G = _datos(10, T=17)
    q = lstm.iniciar(3, 4, rng, variante)
    q = {k: v + 0.4 * rng.standard_normal(v.shape) for k, v in q.items()}
    G_C = rng.standard_normal((4, 5))
    _, cache = lstm.adelante(x, h0, q, variante)
    monkeypatch.setattr(lstm, "ELEMENTOS_POR_BLOQUE", 4 * 5 * 17)  # n_h · m · T: un solo bloque
    un_bloque = lstm.atras(G, cache, q, dC_T=G_C)
    monkeypatch.setattr(lstm, "ELEMENTOS_POR_BLOQUE", 4 * 5 * pasos)
    por_bloques = lstm.atras(G, cache, q, dC_T=G_C)
    for k in q:
        np.testing.assert_allclose(por_bloques[0][k], un_bloque[0][k], rtol=1e-12, atol=1e-12, err_msg=k)
    for uno, otro in zip(por_bloques[1:], un_bloque[1:]):
        np.testing.assert_allclose(uno, otro, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("modulo", [rnn, gru], ids=["rnn", "gru"])
def test_rnn_y_gru_atras_contra_diferencias_finitas(modulo):
    rng, x, h0, G = _datos(6)
    p = modulo.iniciar(3, 4, rng)
    p = {k: v + 0.4 * rng.standard_normal(v.shape) for k, v in p.items()}

    def perdida():
        return float(np.sum(G * modulo.adelante(x, h0, p)[0]))

    _, cache = modulo.adelante(x, h0, p)
    grads, dx, dh0 = modulo.atras(G, cache, p)
    for k in p:
        np.testing.assert_allclose(grads[k].ravel(), _numerico(perdida, p[k], _todos(p[k])), rtol=1e-5, atol=1e-7, err_msg=k)
    for arreglo, analitico in ((x, dx), (h0, dh0)):
        indices = _todos(arreglo)[::3]
        np.testing.assert_allclose([analitico[i] for i in indices], _numerico(perdida, arreglo, indices), rtol=1e-5, atol=1e-7)


def test_rnn_igual_a_la_referencia():
    rng, x, h0, _ = _datos(7)
    p = rnn.iniciar(3, 4, rng)
    p["b"] = rng.standard_normal((4, 1))
    np.testing.assert_allclose(rnn.adelante(x, h0, p)[0], ref_rnn.recorrido(x, h0, p["W"], p["b"]), rtol=1e-12, atol=1e-12)


def test_gru_igual_a_las_ecuaciones():
    rng, x, h0, _ = _datos(8)
    p = gru.iniciar(3, 4, rng)
    p["b"] = rng.standard_normal((12, 1))
    W, b = p["W"], p["b"]
    h = h0
    for t in range(x.shape[2]):
        hx = np.concatenate([h, x[:, :, t]])
        z = ref_lstm.sigmoide(W[:4] @ hx + b[:4])
        r = ref_lstm.sigmoide(W[4:8] @ hx + b[4:8])
        h_tilde = np.tanh(W[8:] @ np.concatenate([r * h, x[:, :, t]]) + b[8:])
        h = (1 - z) * h + z * h_tilde
    np.testing.assert_allclose(gru.adelante(x, h0, p)[0][:, :, -1], h, rtol=1e-12, atol=1e-12)


def test_entropia_cruzada():
    logits = np.array([[2.0, 0.0], [0.0, 0.0], [-1.0, 1000.0]])
    clases = np.array([0, 2])
    valor, d = perdidas.entropia_cruzada_softmax(logits, clases)
    esperado = -np.log(np.exp(2) / (np.exp(2) + 1 + np.exp(-1)))
    assert valor == pytest.approx(esperado / 2)  # la segunda columna aporta −log 1 = 0
    numerico = _numerico(lambda: perdidas.entropia_cruzada_softmax(logits, clases)[0], logits, [(0, 0), (1, 0), (2, 0)])
    np.testing.assert_allclose(d[:, 0], numerico, rtol=1e-6)
    np.testing.assert_allclose(d[:, 1], 0.0, atol=1e-12)


def test_error_cuadratico():
    pred, y = np.array([[1.0, 2.0, 4.0]]), np.array([[1.0, 0.0, 1.0]])
    valor, d = perdidas.error_cuadratico(pred, y)
    assert valor == pytest.approx((0 + 4 + 9) / 3)
    np.testing.assert_allclose(d, [[0.0, 4 / 3, 2.0]])


@pytest.mark.parametrize("celda,perdida,variante", [
    ("rnn", "entropia", "estandar"), ("lstm", "entropia", "estandar"), ("lstm", "cuadratica", "mirilla"),
    ("lstm", "entropia", "acoplada"), ("gru", "cuadratica", "estandar"),
])
def test_red_completa_contra_diferencias_finitas(celda, perdida, variante):
    rng = np.random.default_rng(9)
    red = Red(celda, 3, 4, 2, perdida, semilla=1, variante=variante)
    x = rng.standard_normal((3, 5, 4))
    y = rng.integers(0, 2, size=5) if perdida == "entropia" else rng.standard_normal((2, 5))
    _, grads = red.perdida_y_gradientes(x, y)
    assert grads.keys() == red.params.keys()
    for k, p in red.params.items():
        indices = _todos(p)[::2]
        numerico = _numerico(lambda: red.perdida_y_gradientes(x, y)[0], p, indices)
        np.testing.assert_allclose([grads[k][i] for i in indices], numerico, rtol=1e-5, atol=1e-8, err_msg=k)


def test_red_rechaza_celdas_desconocidas():
    with pytest.raises(ValueError, match="celda desconocida"):
        Red("transformer", 2, 2, 2)
    with pytest.raises(ValueError, match="variante desconocida"):
        lstm.bloques("sin_compuertas")


@pytest.mark.parametrize("celda,variante", [("rnn", "estandar"), ("gru", "estandar")] + [("lstm", v) for v in lstm.VARIANTES])
def test_adelante_sin_guardar_da_los_mismos_estados(celda, variante):
    """``guardar=False`` (solo predecir, arreglos reutilizados) da los mismos H, también en float32, y ningún cache."""
    rng, x, h0, _ = _datos(11, T=9)
    modulo = {"rnn": rnn, "gru": gru, "lstm": lstm}[celda]
    opciones = {"variante": variante} if celda == "lstm" else {}
    p = modulo.iniciar(3, 4, rng, **opciones)
    p = {k: v + 0.4 * rng.standard_normal(v.shape) for k, v in p.items()}
    for dtype in (np.float64, np.float32):
        q = {k: v.astype(dtype) for k, v in p.items()}
        H, cache = modulo.adelante(x.astype(dtype), h0.astype(dtype), q, **opciones)
        H_sin, nada = modulo.adelante(x.astype(dtype), h0.astype(dtype), q, guardar=False, **opciones)
        assert nada is None and cache is not None and H_sin.dtype == dtype
        np.testing.assert_array_equal(H_sin, H)


def test_red_predice_lo_mismo_sin_guardar():
    """``Red.salida`` usa el adelante sin guardar: coincide con la salida calculada desde el adelante con cache."""
    rng = np.random.default_rng(12)
    red = Red("lstm", 3, 4, 2, "cuadratica", semilla=2)
    x = rng.standard_normal((3, 5, 6))
    H, _ = lstm.adelante(x, np.zeros((4, 5)), red.params)
    np.testing.assert_array_equal(red.salida(x), red.params["W_y"] @ H[:, :, -1] + red.params["b_y"])
