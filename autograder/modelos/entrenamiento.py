"""Ciclo de entrenamiento con Adam, recorte por norma, parada temprana por validación y un indicador de avance."""

from __future__ import annotations

import sys
import time
from typing import Callable

import numpy as np

from .adam import Adam
from .recorte import limitar_norma

__all__ = ["entrenar"]


def _barra(k: int, total: int, perdida: float, inicio: float, validacion: float | None = None, ancho: int = 24) -> str:
    lleno = int(ancho * k / total)
    texto = f"[{'#' * lleno}{'·' * (ancho - lleno)}] {k}/{total} · pérdida {perdida:.4f}"
    if validacion is not None:
        texto += f" · validación {validacion:.4g}"
    return texto + f" · {time.perf_counter() - inicio:.1f} s"


def entrenar(red, lotes: Callable[[int], tuple], iteraciones: int, tasa: float = 1e-2, umbral: float = 1.0,
             mostrar: bool = True, avisos: int = 20, validar: Callable[[object], float] | None = None,
             cada: int = 50, paciencia: int | None = None) -> dict:
    """Entrena ``red`` (una :class:`~autograder.modelos.red.Red`) en su lugar.

    Args:
        lotes: ``lotes(k) -> (x, y)`` da el lote de la iteración k; x (n_x, m, T).
        iteraciones: número máximo de pasos de Adam.
        tasa: tasa de aprendizaje de Adam.
        umbral: norma máxima del gradiente (recorte por norma global).
        mostrar: si True, imprime una barra de avance (unas ``avisos`` veces).
        validar: ``validar(red) -> error`` en el conjunto de validación (menor es mejor). Si se da, se
            mide cada ``cada`` iteraciones; la red termina con los parámetros del menor error medido
            (parada temprana), no con los de la última iteración.
        paciencia: con ``validar``, para después de ``paciencia`` mediciones seguidas sin mejorar
            (``None``: agota las ``iteraciones``).

    Returns:
        ``{"perdida": (k,), "norma": (k,)}`` con k las iteraciones hechas: pérdida del lote y norma
        del gradiente antes de recortar. Con ``validar`` además ``"validacion"``
        (``{"iteracion": (v,), "error": (v,)}``), ``"mejor_iteracion"`` y ``"mejor_error"``.
    """
    opt = Adam(tasa)
    perdida, normas = np.empty(iteraciones), np.empty(iteraciones)
    medidas: list[tuple[int, float]] = []
    mejor: tuple[int, float, dict] | None = None
    sin_mejorar = 0
    inicio = time.perf_counter()
    cada_aviso = max(1, iteraciones // max(1, avisos))
    hechas = 0
    for k in range(iteraciones):
        x, y = lotes(k)
        valor, grads = red.perdida_y_gradientes(x, y)
        grads, norma = limitar_norma(grads, umbral)
        opt.paso(red.params, grads)
        perdida[k], normas[k] = valor, norma
        hechas = k + 1
        if validar is not None and (hechas % cada == 0 or hechas == iteraciones):
            error = float(validar(red))
            medidas.append((hechas, error))
            if mejor is None or error < mejor[1]:
                # Copia: Adam sigue moviendo los arreglos de red.params en su lugar.
                mejor, sin_mejorar = (hechas, error, {n: p.copy() for n, p in red.params.items()}), 0
            else:
                sin_mejorar += 1
        parar = paciencia is not None and sin_mejorar >= paciencia
        if mostrar and (hechas % cada_aviso == 0 or hechas == iteraciones or parar):
            reciente = float(np.mean(perdida[max(0, hechas - cada_aviso):hechas]))
            sys.stdout.write("\r" + _barra(hechas, iteraciones, reciente, inicio, medidas[-1][1] if medidas else None))
            sys.stdout.flush()
        if parar:
            break
    if mostrar:
        sys.stdout.write("\n")
    historial = {"perdida": perdida[:hechas].copy(), "norma": normas[:hechas].copy()}
    if validar is not None:
        if mejor is None:  # menos de `cada` iteraciones y ninguna medición: se mide al final
            mejor = (hechas, float(validar(red)), {n: p.copy() for n, p in red.params.items()})
            medidas.append(mejor[:2])
        for nombre, valor in mejor[2].items():
            red.params[nombre][...] = valor
        historial["validacion"] = {"iteracion": np.array([i for i, _ in medidas]), "error": np.array([e for _, e in medidas])}
        historial["mejor_iteracion"], historial["mejor_error"] = mejor[0], mejor[1]
        if mostrar:
            sys.stdout.write(f"Parámetros elegidos por la validación: iteración {mejor[0]} (error de validación {mejor[1]:.4g}).\n")
    return historial
