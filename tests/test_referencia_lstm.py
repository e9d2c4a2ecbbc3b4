"""Funciones de la referencia de la LSTM que usan las lecciones 02 a 05."""

from __future__ import annotations

import numpy as np

from autograder.referencias import lstm
from autograder.referencias.retro import diferencias_centradas


def test_vida_media_deja_la_mitad():
    f = np.array([0.5, 0.9, 0.999])
    np.testing.assert_allclose(lstm.remanente(1.0, f, lstm.vida_media_olvido(f)), 0.5)


def test_recorrido_estado_igual_al_de_la_celda():
    rng = np.random.default_rng(4)
    n_x, n_h, m, T = 2, 3, 2, 6
    p = lstm.parametros_aleatorios(n_x, n_h, rng)
    x = rng.standard_normal((n_x, m, T))
    h0, C0 = rng.standard_normal((n_h, m)), rng.standard_normal((n_h, m))
    _, C, caches = lstm.recorrido(x, h0, C0, p)
    F, I, Ct = (np.stack([c[k] for c in caches], axis=2) for k in ("f", "i", "C_tilde"))
    np.testing.assert_allclose(lstm.recorrido_estado(F, I, Ct, C0), C)


def test_producto_olvidos_contra_diferencias_finitas():
    rng = np.random.default_rng(5)
    F, I = rng.uniform(0, 1, size=(2, 2, 3, 7))
    Ct = rng.uniform(-1, 1, size=(2, 3, 7))
    C0 = rng.standard_normal((2, 3))
    # Cada C_T[a, b] depende solo de C0[a, b]: el gradiente de la suma es la derivada de cada entrada.
    derivada = diferencias_centradas(lambda v: np.sum(lstm.recorrido_estado(F, I, Ct, v)[:, :, -1]), C0, 1e-6)
    np.testing.assert_allclose(lstm.producto_olvidos(F), derivada, rtol=1e-6, atol=1e-9)


def test_escritura_es_entrada_por_candidato():
    rng = np.random.default_rng(6)
    p = lstm.parametros_aleatorios(2, 3, rng)
    x, h = rng.standard_normal((2, 4)), rng.standard_normal((3, 4))
    esperado = lstm.entrada(x, h, p["W_i"], p["b_i"]) * lstm.candidato(x, h, p["W_C"], p["b_C"])
    np.testing.assert_allclose(lstm.escritura(x, h, p), esperado)
