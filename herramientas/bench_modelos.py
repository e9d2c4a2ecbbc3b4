"""Mide los modelos del curso: velocidad de la LSTM en numpy frente a torch y calidad en la lección 09.

``medir()`` corre las mediciones en un subproceso con un solo hilo de BLAS (las variables de
entorno se fijan antes de importar numpy) y ``torch.set_num_threads(1)``; los cocientes de
tiempo se miden en la misma corrida, alternando numpy y torch, y se toma el mejor de varios.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

__all__ = ["medir"]

HILOS = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")}
FORMAS = {"m": 64, "n_x": 32, "n_h": 128, "T": 100}
DISTANCIAS = (5, 10, 20, 40)
SEMILLAS = (0, 1, 2, 3, 4)
ITERACIONES_METRO = 1000
ITERACIONES_ENERGIA = 1500


def _mejor(funciones: dict, repeticiones: int = 15) -> dict[str, float]:
    """Mejor tiempo de cada función, alternándolas para que compartan las mismas condiciones."""
    mejores = {k: float("inf") for k in funciones}
    for _ in range(repeticiones):
        for k, f in funciones.items():
            preparar = getattr(f, "preparar", None)
            argumento = preparar() if preparar else None
            t0 = time.perf_counter()
            f(argumento) if preparar else f()
            mejores[k] = min(mejores[k], time.perf_counter() - t0)
    return mejores


def _velocidad() -> dict[str, float]:
    import numpy as np
    import torch

    from autograder.modelos import lstm

    torch.set_num_threads(1)
    m, n_x, n_h, T = FORMAS["m"], FORMAS["n_x"], FORMAS["n_h"], FORMAS["T"]
    rng = np.random.default_rng(0)
    p = lstm.iniciar(n_x, n_h, rng, dtype=np.float32)
    x = rng.standard_normal((n_x, m, T)).astype(np.float32)
    h0 = np.zeros((n_h, m), np.float32)
    dH = rng.standard_normal((n_h, m, T)).astype(np.float32)
    red = torch.nn.LSTM(n_x, n_h)  # float32; entrada (T, m, n_x)
    x_t = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 1, 0)))
    dH_t = torch.from_numpy(np.ascontiguousarray(dH.transpose(2, 1, 0)))

    def numpy_adelante():
        lstm.adelante(x, h0, p)

    def torch_adelante():
        with torch.no_grad():
            red(x_t)

    def numpy_atras(cache):
        lstm.atras(dH, cache, p)

    numpy_atras.preparar = lambda: lstm.adelante(x, h0, p)[1]

    def torch_atras(salida):
        salida.backward(dH_t)

    def _torch_preparar():
        red.zero_grad()
        return red(x_t.clone().requires_grad_(True))[0]

    torch_atras.preparar = _torch_preparar
    for f in (numpy_adelante, torch_adelante):
        f()
    t = _mejor({"na": numpy_adelante, "ta": torch_adelante, "nb": numpy_atras, "tb": torch_atras})
    return {
        "lstm_adelante_numpy_vs_torch": t["na"] / t["ta"],
        "lstm_atras_numpy_vs_torch": t["nb"] / t["tb"],
        "lstm_adelante_numpy_ms": 1e3 * t["na"],
        "lstm_adelante_torch_ms": 1e3 * t["ta"],
        "lstm_atras_numpy_ms": 1e3 * t["nb"],
        "lstm_atras_torch_ms": 1e3 * t["tb"],
    }


def _calidad() -> dict[str, float | str]:
    from course.datos import metro
    from autograder.modelos import experimentos

    cifras: dict[str, float | str] = {}
    tablas = experimentos.barrido_metro(DISTANCIAS, semillas=SEMILLAS, iteraciones=ITERACIONES_METRO)
    for celda, tabla in tablas.items():
        cifras[f"metro_{celda}_exactitud"] = float(tabla[-1].mean())
        cifras[f"metro_{celda}_por_L"] = " ".join(
            f"L={L}:{fila.mean():.3f}[{fila.min():.2f}-{fila.max():.2f}]" for L, fila in zip(DISTANCIAS, tabla)
        )
    cifras["metro_L_mas_largo"] = float(DISTANCIAS[-1])
    cifras["metro_semillas"] = float(len(SEMILLAS))
    cifras["metro_azar"] = 1.0 / len(metro.respuestas())
    r = experimentos.pronostico_energia(iteraciones=ITERACIONES_ENERGIA)
    cifras["energia_mae_lstm"] = r["mae"]["lstm"]
    cifras["energia_mae_ingenuo"] = r["mae"]["semana_anterior"]
    cifras["energia_mae_ingenuo_dia"] = r["mae"]["dia_anterior"]
    cifras["energia_mae_ultimo_valor"] = r["mae"]["ultimo_valor"]
    cifras["energia_mae_validacion_lstm"] = r["mae_validacion"]
    return cifras


def medir() -> dict[str, float | str]:
    """Corre las mediciones en un subproceso de un solo hilo y devuelve sus cifras."""
    entorno = {**os.environ, **HILOS}
    salida = subprocess.run(
        [sys.executable, "-m", "herramientas.bench_modelos"], env=entorno, capture_output=True, text=True, check=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    return json.loads(salida.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    for variable, valor in HILOS.items():
        if os.environ.get(variable) != valor:
            sys.exit("corre este módulo con medir(): necesita un solo hilo desde antes de importar numpy")
    cifras = _velocidad()
    cifras.update(_calidad())
    print(json.dumps(cifras))
