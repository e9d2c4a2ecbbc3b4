"""Mide los modelos del curso: velocidad de numpy frente a torch (LSTM y variantes, GRU) y calidad en la lección 09.

``medir()`` corre las mediciones en un subproceso con un solo hilo de BLAS (las variables de
entorno se fijan antes de importar numpy) y ``torch.set_num_threads(1)``. Cada cociente se mide
en la misma corrida, alternando numpy y torch, y es la mediana de varias repeticiones del tiempo
de CPU del hilo que calcula (ambas bibliotecas calculan en ese hilo con un solo hilo): en una
máquina compartida el tiempo de reloj mide sobre todo la carga de los demás procesos.

Mismo trabajo en los dos lados: las mismas formas en float32 y todos los estados ocultos de
salida. ``adelante``: los dos solo predicen (torch con ``no_grad``, numpy con ``guardar=False``);
``adelante_entrenando``: los dos guardan lo que necesita la retropropagación (autograd de torch,
el cache de numpy); ``atras``: los dos calculan los gradientes de todos los parámetros y de x a
partir de un adelante que guardó lo necesario (fuera del tiempo medido). Antes de medir, la LSTM de torch recibe los pesos de la de
numpy y se comprueba que las dos dan los mismos estados y gradientes (``lstm_igual_a_torch``).

BLAS: cada biblioteca elige sus núcleos de cálculo según el procesador (torch: ``torch_isa``;
OpenBLAS: ``openblas_nucleo``, el que reporta la propia biblioteca). Si el entorno fija otro con
``OPENBLAS_CORETYPE``, las cifras principales se miden sin esa variable y se repiten con ella
(sufijo ``_blas_entorno``) para que se vea cuánto pesa esa elección.
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
REPETICIONES = 15
DISTANCIAS = (5, 10, 20, 40)
SEMILLAS = (0, 1, 2, 3, 4)
ITERACIONES_METRO = 1000
ITERACIONES_ENERGIA = 1500


def _medianas(funciones: dict, repeticiones: int = REPETICIONES) -> dict[str, float]:
    """Mediana del tiempo de CPU del hilo de cada función, alternándolas para que compartan las mismas condiciones.

    Una función con atributo ``preparar`` recibe lo que este devuelve, preparado fuera del tiempo medido.
    """
    import numpy as np

    tiempos: dict[str, list[float]] = {k: [] for k in funciones}
    for _ in range(repeticiones):
        for k, f in funciones.items():
            preparar = getattr(f, "preparar", None)
            argumento = preparar() if preparar else None
            t0 = time.thread_time()
            f(argumento) if preparar else f()
            tiempos[k].append(time.thread_time() - t0)
    return {k: float(np.median(v)) for k, v in tiempos.items()}


def _openblas() -> tuple[str, str]:
    """Núcleo y configuración que reporta en tiempo de ejecución el OpenBLAS que numpy cargó."""
    import ctypes

    import numpy as np

    rutas = set()
    if os.path.exists("/proc/self/maps"):
        with open("/proc/self/maps", encoding="utf-8") as mapa:
            rutas = {r.split()[-1] for r in mapa if "openblas" in r.rsplit("/", 1)[-1].lower()}
    for ruta in sorted(rutas):
        biblioteca = ctypes.CDLL(ruta)
        for prefijo in ("scipy_openblas", "openblas"):
            for sufijo in ("64_", ""):
                nucleo = getattr(biblioteca, f"{prefijo}_get_corename{sufijo}", None)
                config = getattr(biblioteca, f"{prefijo}_get_config{sufijo}", None)
                if nucleo is not None and config is not None:
                    nucleo.restype = config.restype = ctypes.c_char_p
                    return nucleo().decode(), config().decode()
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    return "desconocido (no se pudo preguntar a OpenBLAS)", f"{blas.get('name')} {blas.get('version')}"


def _igual_a_torch(p: dict, red, x, h0, dH) -> None:
    """Carga en ``red`` (``nn.LSTM``) los pesos ``p`` de numpy y comprueba que calcula lo mismo, adelante y atrás."""
    import numpy as np
    import torch

    from autograder.modelos import lstm
    from herramientas.referencias_torch import lstm_a_torch, lstm_desde_torch

    with torch.no_grad():
        for nombre, valor in lstm_a_torch(lstm.a_compuertas(p)).items():
            getattr(red, nombre).copy_(torch.from_numpy(np.asarray(valor, dtype=np.float32)))
    H, cache = lstm.adelante(x, h0, p)
    grads, dx, _, _ = lstm.atras(dH, cache, p)
    x_t = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 1, 0))).requires_grad_(True)
    red.zero_grad()
    salida = red(x_t)[0]
    salida.backward(torch.from_numpy(np.ascontiguousarray(dH.transpose(2, 1, 0))))
    de_torch = {"weight_ih_l0": red.weight_ih_l0.grad, "weight_hh_l0": red.weight_hh_l0.grad,
                "bias_ih_l0": red.bias_ih_l0.grad, "bias_hh_l0": torch.zeros_like(red.bias_hh_l0)}
    g_torch = lstm.desde_compuertas(lstm_desde_torch({k: v.numpy() for k, v in de_torch.items()}))
    pares = [("H", H, salida.detach().numpy().transpose(2, 1, 0)), ("dx", dx, x_t.grad.numpy().transpose(2, 1, 0))]
    pares += [(f"d{k}", grads[k], g_torch[k]) for k in grads]
    for nombre, de_numpy, de_torch in pares:
        escala = float(np.abs(de_torch).max())
        if not np.allclose(de_numpy, de_torch, rtol=1e-3, atol=1e-4 * escala):
            raise AssertionError(f"la LSTM de numpy y la de torch no calculan lo mismo ({nombre}): no se comparan tiempos")


def _funciones(nombre: str, modulo, p: dict, red, x, h0, dH, **opciones) -> dict:
    """Adelante (solo predecir y entrenando) y atrás de numpy (``modulo`` con ``p``) y de torch (``red``), mismas formas."""
    import numpy as np
    import torch

    x_t = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 1, 0)))  # torch: (T, m, n_x)
    dH_t = torch.from_numpy(np.ascontiguousarray(dH.transpose(2, 1, 0)))

    def numpy_adelante():
        modulo.adelante(x, h0, p, guardar=False, **opciones)

    def torch_adelante():
        with torch.no_grad():
            red(x_t)

    def numpy_entrenando():
        modulo.adelante(x, h0, p, **opciones)  # guarda lo que necesita atras

    def torch_entrenando(entrada):
        red(entrada)  # autograd guarda lo que necesita backward

    def numpy_atras(cache):
        modulo.atras(dH, cache, p)

    def torch_atras(salida):
        salida.backward(dH_t)

    def torch_preparar():
        red.zero_grad()
        return red(x_t.clone().requires_grad_(True))[0]

    torch_entrenando.preparar = lambda: x_t.clone().requires_grad_(True)
    numpy_atras.preparar = lambda: modulo.adelante(x, h0, p, **opciones)[1]
    torch_atras.preparar = torch_preparar
    for f in (numpy_adelante, torch_adelante):
        f()  # calentamiento
    return {(nombre, "adelante", "numpy"): numpy_adelante, (nombre, "adelante", "torch"): torch_adelante,
            (nombre, "adelante_entrenando", "numpy"): numpy_entrenando,
            (nombre, "adelante_entrenando", "torch"): torch_entrenando,
            (nombre, "atras", "numpy"): numpy_atras, (nombre, "atras", "torch"): torch_atras}


def _velocidad() -> dict[str, float | str]:
    import numpy as np
    import torch

    from autograder.modelos import gru, lstm

    torch.set_num_threads(1)
    m, n_x, n_h, T = FORMAS["m"], FORMAS["n_x"], FORMAS["n_h"], FORMAS["T"]
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n_x, m, T)).astype(np.float32)
    h0 = np.zeros((n_h, m), np.float32)
    dH = rng.standard_normal((n_h, m, T)).astype(np.float32)
    red_lstm, red_gru = torch.nn.LSTM(n_x, n_h), torch.nn.GRU(n_x, n_h)  # float32
    nucleo, config = _openblas()
    cifras: dict[str, float | str] = {
        "openblas_nucleo": nucleo,
        "openblas_nucleo_fijado": os.environ.get("OPENBLAS_CORETYPE", "no (autodetectado)"),
        "openblas_config": config,
        "torch_isa": torch.backends.cpu.get_cpu_capability(),
        "hilos": f"numpy {os.environ.get('OPENBLAS_NUM_THREADS')}, torch {torch.get_num_threads()}",
        "formas": " ".join(f"{k}={v}" for k, v in FORMAS.items()) + " float32",
        "versiones": f"numpy {np.__version__}, torch {torch.__version__}",
    }
    funciones = {}
    # torch no trae LSTM con mirillas ni acoplada: sus variantes se comparan con su LSTM estándar.
    for variante in lstm.VARIANTES:
        nombre = "lstm" if variante == "estandar" else f"lstm_{variante}"
        p = lstm.iniciar(n_x, n_h, rng, variante, dtype=np.float32)
        if variante == "estandar":
            _igual_a_torch(p, red_lstm, x, h0, dH)
            cifras["lstm_igual_a_torch"] = 1.0
        funciones.update(_funciones(nombre, lstm, p, red_lstm, x, h0, dH, variante=variante))
    # La GRU del curso aplica r antes del producto (torch, después): mismas formas y costo, otra función.
    funciones.update(_funciones("gru", gru, gru.iniciar(n_x, n_h, rng, dtype=np.float32), red_gru, x, h0, dH))
    t = _medianas(funciones)
    for (nombre, sentido, biblioteca), segundos in t.items():
        if biblioteca == "numpy":
            cifras[f"{nombre}_{sentido}_numpy_vs_torch"] = segundos / t[(nombre, sentido, "torch")]
    for (nombre, sentido, biblioteca), segundos in t.items():
        cifras[f"{nombre}_{sentido}_{biblioteca}_ms"] = 1e3 * segundos
    return cifras


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


def _subproceso(que: str, entorno: dict) -> dict:
    salida = subprocess.run(
        [sys.executable, "-m", "herramientas.bench_modelos", que], env=entorno, capture_output=True, text=True, check=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    return json.loads(salida.stdout.strip().splitlines()[-1])


def medir() -> dict[str, float | str]:
    """Corre las mediciones en subprocesos de un solo hilo y devuelve sus cifras."""
    entorno = {**os.environ, **HILOS}
    fijado = entorno.pop("OPENBLAS_CORETYPE", None)  # OpenBLAS elige según el procesador, como torch
    cifras = _subproceso("todo", entorno)
    if fijado is not None and fijado.lower() != str(cifras["openblas_nucleo"]).lower():
        otras = _subproceso("velocidad", {**entorno, "OPENBLAS_CORETYPE": fijado})
        cifras["openblas_nucleo_entorno"] = otras["openblas_nucleo"]
        cifras.update({f"{k}_blas_entorno": v for k, v in otras.items() if "numpy_vs_torch" in k})
    return cifras


if __name__ == "__main__":
    for variable, valor in HILOS.items():
        if os.environ.get(variable) != valor:
            sys.exit("corre este módulo con medir(): necesita un solo hilo desde antes de importar numpy")
    cifras = _velocidad()
    if sys.argv[1:] != ["velocidad"]:
        cifras.update(_calidad())
    print(json.dumps(cifras))
