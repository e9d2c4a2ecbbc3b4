"""Salidas de ``nn.RNN``, ``nn.LSTM`` y ``nn.GRU`` de PyTorch para comparar con ``autograder.referencias``.

Uso: ``.venv/bin/python -m herramientas.referencias_torch`` (necesita ``make torch``) escribe
``tests/datos_torch/{rnn,lstm,gru}.npz``: las entradas en la convención del curso y lo que
calcula PyTorch en float64. ``tests/test_torch.py`` compara las referencias con esos archivos
siempre, y con PyTorch en vivo cuando está instalado.

Traducción de pesos: el curso apila ``W`` (n_h, n_h + n_x) sobre ``[h; x]``; PyTorch separa
``weight_ih`` (·, n_x) y ``weight_hh`` (·, n_h), tiene dos sesgos que se suman, y apila las
compuertas de la LSTM en el orden (i, f, g, o), con g el valor candidato.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from autograder.referencias import gru

__all__ = ["CARPETA", "ORDEN_LSTM", "lstm_a_torch", "lstm_desde_torch", "rnn_a_torch", "entradas", "calcular", "escribir"]

CARPETA = Path(__file__).resolve().parent.parent / "tests" / "datos_torch"

#: Orden de las compuertas de ``nn.LSTM`` con los nombres del curso.
ORDEN_LSTM = ("i", "f", "C", "o")

#: Tamaños (n_x, n_h, m, T) y semilla de cada caso.
CASOS = {"rnn": (3, 4, 2, 6, 101), "lstm": (3, 4, 2, 6, 102), "gru": (3, 4, 2, 6, 103)}


def rnn_a_torch(W: np.ndarray, b: np.ndarray) -> dict:
    """``W`` (n_h, n_h + n_x), ``b`` (n_h, 1) → pesos de ``nn.RNN`` (sesgo ``hh`` en cero)."""
    n_h = W.shape[0]
    return {"weight_ih_l0": W[:, n_h:], "weight_hh_l0": W[:, :n_h], "bias_ih_l0": b[:, 0], "bias_hh_l0": np.zeros(n_h)}


def lstm_a_torch(p: dict) -> dict:
    """Diccionario del curso → pesos de ``nn.LSTM``: ``weight_ih_l0`` (4·n_h, n_x), ``weight_hh_l0`` (4·n_h, n_h)…"""
    n_h = p["b_f"].shape[0]
    return {
        "weight_ih_l0": np.vstack([p[f"W_{g}"][:, n_h:] for g in ORDEN_LSTM]),
        "weight_hh_l0": np.vstack([p[f"W_{g}"][:, :n_h] for g in ORDEN_LSTM]),
        "bias_ih_l0": np.concatenate([p[f"b_{g}"][:, 0] for g in ORDEN_LSTM]),
        "bias_hh_l0": np.zeros(4 * n_h),
    }


def lstm_desde_torch(pesos: dict) -> dict:
    """Inversa de :func:`lstm_a_torch`; los dos sesgos de PyTorch se suman en ``b_*`` (n_h, 1)."""
    W_ih, W_hh = np.asarray(pesos["weight_ih_l0"]), np.asarray(pesos["weight_hh_l0"])
    b = np.asarray(pesos["bias_ih_l0"]) + np.asarray(pesos["bias_hh_l0"])
    n_h = W_hh.shape[1]
    p = {}
    for k, g in enumerate(ORDEN_LSTM):
        s = slice(k * n_h, (k + 1) * n_h)
        p[f"W_{g}"] = np.hstack([W_hh[s], W_ih[s]])
        p[f"b_{g}"] = b[s][:, None]
    return p


def entradas(celda: str) -> dict:
    """Entradas deterministas del caso ``celda`` en la convención del curso (numpy)."""
    n_x, n_h, m, T, semilla = CASOS[celda]
    rng = np.random.default_rng(semilla)
    datos = {"x": rng.standard_normal((n_x, m, T)), "h0": 0.5 * rng.standard_normal((n_h, m))}
    if celda == "rnn":
        datos["W"] = 0.6 * rng.standard_normal((n_h, n_h + n_x))
        datos["b"] = 0.3 * rng.standard_normal((n_h, 1))
    elif celda == "lstm":
        datos["C0"] = rng.standard_normal((n_h, m))
        # PyTorch trae dos sesgos por compuerta: se sortean ambos para probar que se suman.
        pesos = {
            "weight_ih_l0": 0.6 * rng.standard_normal((4 * n_h, n_x)),
            "weight_hh_l0": 0.6 * rng.standard_normal((4 * n_h, n_h)),
            "bias_ih_l0": 0.3 * rng.standard_normal(4 * n_h),
            "bias_hh_l0": 0.3 * rng.standard_normal(4 * n_h),
        }
        datos.update({f"torch_{k}": v for k, v in pesos.items()})
        datos["dH"] = rng.standard_normal((n_h, m, T))
    else:
        for clave, valor in gru.parametros_aleatorios(n_x, n_h, rng, escala=0.6).items():
            datos[f"p_{clave}"] = valor
        datos["b_hn"] = 0.3 * rng.standard_normal((n_h, 1))
        # Con el bloque recurrente del candidato diagonal, la forma del curso y la de PyTorch coinciden.
        diagonal = np.array(datos["p_W_htilde"])
        diagonal[:, :n_h] = np.diag(np.diag(diagonal[:, :n_h]))
        datos["W_htilde_diagonal"] = diagonal
    return datos


def _a_torch_secuencia(x):
    import torch

    return torch.tensor(np.transpose(x, (2, 1, 0)))  # (n_x, m, T) → (T, m, n_x)


def _estado(h):
    import torch

    return torch.tensor(h.T[None].copy())  # (n_h, m) → (1, m, n_h)


def _modulo(clase, n_x, n_h, pesos):
    import torch

    modulo = clase(n_x, n_h).double()
    with torch.no_grad():
        for nombre, valor in pesos.items():
            getattr(modulo, nombre).copy_(torch.tensor(np.asarray(valor, dtype=float)))
    return modulo


def _a_curso(salida) -> np.ndarray:
    return np.transpose(salida.detach().numpy(), (2, 1, 0))  # (T, m, n_h) → (n_h, m, T)


def calcular(celda: str) -> dict:
    """Entradas de :func:`entradas` más lo que calcula PyTorch (prefijo ``torch_H`` etc.)."""
    import torch

    datos = entradas(celda)
    n_h = datos["h0"].shape[0]
    n_x = datos["x"].shape[0]
    x = _a_torch_secuencia(datos["x"])
    if celda == "rnn":
        modulo = _modulo(torch.nn.RNN, n_x, n_h, rnn_a_torch(datos["W"], datos["b"]))
        salida, _ = modulo(x, _estado(datos["h0"]))
        datos["torch_H"] = _a_curso(salida)
    elif celda == "lstm":
        pesos = {k.removeprefix("torch_"): v for k, v in datos.items() if k.startswith("torch_")}
        modulo = _modulo(torch.nn.LSTM, n_x, n_h, pesos)
        h0 = _estado(datos["h0"]).requires_grad_()
        c0 = _estado(datos["C0"]).requires_grad_()
        salida, _ = modulo(x, (h0, c0))
        # L = Σ_t Σ dH ⊙ h_t, así que ∂L/∂h_t directo es dH.
        perdida = (salida * _a_torch_secuencia(datos["dH"])).sum()
        perdida.backward()
        datos["torch_H"] = _a_curso(salida)
        datos["torch_dh0"] = h0.grad[0].numpy().T.copy()
        datos["torch_dC0"] = c0.grad[0].numpy().T.copy()
        for nombre in pesos:
            datos[f"torch_grad_{nombre}"] = getattr(modulo, nombre).grad.numpy().copy()
    else:
        p = {k.removeprefix("p_"): v for k, v in datos.items() if k.startswith("p_")}
        general = _modulo(torch.nn.GRU, n_x, n_h, gru.a_torch(p, datos["b_hn"]))
        datos["torch_H_general"] = _a_curso(general(x, _estado(datos["h0"]))[0])
        diagonal = _modulo(torch.nn.GRU, n_x, n_h, gru.a_torch({**p, "W_htilde": datos["W_htilde_diagonal"]}))
        datos["torch_H_diagonal"] = _a_curso(diagonal(x, _estado(datos["h0"]))[0])
    return datos


def escribir(carpeta: Path = CARPETA) -> list[Path]:
    """Escribe un ``.npz`` por celda en ``carpeta`` y devuelve las rutas."""
    carpeta.mkdir(parents=True, exist_ok=True)
    rutas = []
    for celda in CASOS:
        ruta = carpeta / f"{celda}.npz"
        np.savez_compressed(ruta, **calcular(celda))
        rutas.append(ruta)
    return rutas


if __name__ == "__main__":
    import torch

    for ruta in escribir():
        print(f"escrito {ruta} (torch {torch.__version__})")
