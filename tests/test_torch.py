"""Las referencias del curso coinciden con PyTorch (nn.RNN, nn.LSTM, nn.GRU y autograd) en float64.

Siempre se comparan con las salidas guardadas en tests/datos_torch/ (las escribe
``python -m herramientas.referencias_torch``). Si torch se puede importar, además se
calcula todo en vivo; en CI (variable ``CI``) la falta de torch es un error, no un salto.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from requisitos import saltar_o_fallar

from autograder.referencias import gru, lstm, retro, rnn
from herramientas import referencias_torch as rt

TOLERANCIA = 1e-10
CELDAS = ("rnn", "lstm", "gru")


def _torch_o_fallar():
    try:
        import torch  # noqa: F401
    except ImportError:
        saltar_o_fallar("torch no está instalado (make torch); las salidas guardadas en tests/datos_torch/ sí se comparan.")


def _guardados(celda: str) -> dict:
    with np.load(rt.CARPETA / f"{celda}.npz") as archivo:
        return {clave: archivo[clave] for clave in archivo.files}


def _cerca(obtenido, esperado, que):
    obtenido, esperado = np.asarray(obtenido), np.asarray(esperado)
    assert obtenido.shape == esperado.shape, f"{que}: forma {obtenido.shape} ≠ {esperado.shape}"
    error = float(np.max(np.abs(obtenido - esperado)))
    assert error <= TOLERANCIA, f"{que}: diferencia máxima {error:.3e} > {TOLERANCIA}"


def _comparar(celda: str, datos: dict) -> None:
    """Calcula con ``autograder.referencias`` a partir de las entradas de ``datos`` y compara con PyTorch."""
    if celda == "rnn":
        H = rnn.recorrido(datos["x"], datos["h0"], datos["W"], datos["b"])
        _cerca(H, datos["torch_H"], "RNN: estados ocultos")
    elif celda == "lstm":
        pesos = {k: datos[f"torch_{k}"] for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")}
        p = rt.lstm_desde_torch(pesos)
        H, _, caches = lstm.recorrido(datos["x"], datos["h0"], datos["C0"], p)
        _cerca(H, datos["torch_H"], "LSTM: estados ocultos")
        grads, dh0, dC0 = retro.recorrido_atras(datos["dH"], caches, p)
        _cerca(dh0, datos["torch_dh0"], "LSTM: ∂L/∂h0")
        _cerca(dC0, datos["torch_dC0"], "LSTM: ∂L/∂C0")
        # Gradientes de PyTorch llevados a la convención del curso (ambos sesgos tienen el mismo gradiente).
        grad_torch = rt.lstm_desde_torch({
            "weight_ih_l0": datos["torch_grad_weight_ih_l0"],
            "weight_hh_l0": datos["torch_grad_weight_hh_l0"],
            "bias_ih_l0": datos["torch_grad_bias_ih_l0"],
            "bias_hh_l0": np.zeros_like(datos["torch_grad_bias_hh_l0"]),
        })
        _cerca(datos["torch_grad_bias_ih_l0"], datos["torch_grad_bias_hh_l0"], "LSTM: gradientes de los dos sesgos de PyTorch")
        for clave in p:
            _cerca(grads[clave], grad_torch[clave], f"LSTM: gradiente de {clave}")
    else:
        p = {k.removeprefix("p_"): v for k, v in datos.items() if k.startswith("p_")}
        H = gru.recorrido_reinicio_despues(datos["x"], datos["h0"], p, datos["b_hn"])
        _cerca(H, datos["torch_H_general"], "GRU (r después del producto)")
        H = gru.recorrido(datos["x"], datos["h0"], {**p, "W_htilde": datos["W_htilde_diagonal"]})
        _cerca(H, datos["torch_H_diagonal"], "GRU del curso con bloque recurrente diagonal")


def test_en_ci_torch_es_obligatorio():
    """En CI no basta con los datos guardados: torch debe estar instalado."""
    if os.environ.get("CI"):
        _torch_o_fallar()


@pytest.mark.parametrize("celda", CELDAS)
def test_contra_salidas_guardadas(celda):
    _comparar(celda, _guardados(celda))


@pytest.mark.parametrize("celda", CELDAS)
def test_contra_torch_en_vivo(celda):
    _torch_o_fallar()
    _comparar(celda, rt.calcular(celda))


@pytest.mark.parametrize("celda", CELDAS)
def test_salidas_guardadas_al_dia(celda):
    """Los .npz guardados son lo que calcula hoy PyTorch con las mismas entradas."""
    _torch_o_fallar()
    vivo, guardado = rt.calcular(celda), _guardados(celda)
    assert sorted(vivo) == sorted(guardado), "regenera con: python -m herramientas.referencias_torch"
    for clave in vivo:
        np.testing.assert_allclose(vivo[clave], guardado[clave], rtol=0, atol=1e-12, err_msg=clave)


def test_mapeo_gru_ida_y_vuelta():
    rng = np.random.default_rng(7)
    p = gru.parametros_aleatorios(3, 4, rng)
    b_hn = rng.standard_normal((4, 1))
    p2, b_hn2 = gru.desde_torch(gru.a_torch(p, b_hn))
    for clave in p:
        np.testing.assert_allclose(p2[clave], p[clave], err_msg=clave)
    np.testing.assert_allclose(b_hn2, b_hn)


def test_mapeo_lstm_ida_y_vuelta():
    p = lstm.parametros_aleatorios(3, 4, np.random.default_rng(8))
    p2 = rt.lstm_desde_torch(rt.lstm_a_torch(p))
    for clave in p:
        np.testing.assert_allclose(p2[clave], p[clave], err_msg=clave)


def test_gru_formas_distintas_en_general():
    """Con un bloque recurrente no diagonal, aplicar r antes o después del producto cambia el resultado."""
    datos = _guardados("gru")
    p = {k.removeprefix("p_"): v for k, v in datos.items() if k.startswith("p_")}
    antes = gru.recorrido(datos["x"], datos["h0"], p)
    despues = gru.recorrido_reinicio_despues(datos["x"], datos["h0"], p)
    assert np.max(np.abs(antes - despues)) > 1e-3
