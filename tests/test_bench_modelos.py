"""El bench de los modelos: informa el OpenBLAS que usó y solo compara tiempos si numpy y torch calculan lo mismo."""

from __future__ import annotations

import numpy as np
import pytest
from requisitos import saltar_o_fallar

from autograder.modelos import lstm
from herramientas import bench_modelos


def _torch():
    try:
        import torch
    except ImportError:
        saltar_o_fallar("torch no está instalado (make torch): el bench compara numpy con torch.")
    return torch


def test_informa_el_nucleo_de_openblas():
    nucleo, config = bench_modelos._openblas()
    assert nucleo and nucleo in config and config.startswith("OpenBLAS")


def _caso():
    torch = _torch()
    rng = np.random.default_rng(0)
    n_x, n_h, m, T = 3, 5, 4, 7
    p = lstm.iniciar(n_x, n_h, rng, dtype=np.float32)
    p = {k: (v + 0.3 * rng.standard_normal(v.shape)).astype(np.float32) for k, v in p.items()}
    x = rng.standard_normal((n_x, m, T)).astype(np.float32)
    dH = rng.standard_normal((n_h, m, T)).astype(np.float32)
    return p, torch.nn.LSTM(n_x, n_h), x, np.zeros((n_h, m), np.float32), dH


def test_numpy_y_torch_calculan_lo_mismo():
    p, red, x, h0, dH = _caso()
    bench_modelos._igual_a_torch(p, red, x, h0, dH)  # no lanza


def test_rechaza_comparar_si_no_calculan_lo_mismo(monkeypatch):
    p, red, x, h0, dH = _caso()
    atras = lstm.atras

    def atras_con_error(*args, **kwargs):
        grads, dx, dh, dc = atras(*args, **kwargs)
        return {**grads, "b": 1.01 * grads["b"]}, dx, dh, dc

    monkeypatch.setattr(lstm, "atras", atras_con_error)
    with pytest.raises(AssertionError, match="db"):
        bench_modelos._igual_a_torch(p, red, x, h0, dH)
