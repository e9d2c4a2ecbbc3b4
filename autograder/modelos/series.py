"""Partición fija, ventanas, normalización y MAE de la demanda eléctrica (del lado del instructor: son respuestas de la lección 09)."""

from __future__ import annotations

import numpy as np

from course.datos.energia import POR_SEMANA

__all__ = ["periodos", "partir", "cortar_ventanas", "estadisticos", "estandarizar", "ejemplos", "mae"]


def periodos(n: int, n_validacion: int = 2 * POR_SEMANA, n_prueba: int = 2 * POR_SEMANA) -> dict[str, slice]:
    """Partición fija en orden de tiempo: ``{"entrenamiento", "validacion", "prueba": slice}``.

    Los últimos ``n_prueba`` valores son la prueba, los ``n_validacion`` anteriores la validación
    y todo lo de antes el entrenamiento. Nunca se barajan.
    """
    if n_validacion + n_prueba >= n:
        raise ValueError("no queda nada para entrenar")
    corte_v, corte_p = n - n_validacion - n_prueba, n - n_prueba
    return {"entrenamiento": slice(0, corte_v), "validacion": slice(corte_v, corte_p), "prueba": slice(corte_p, n)}


def partir(serie: np.ndarray, n_validacion: int, n_prueba: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Aplica :func:`periodos` a ``serie`` (N,) → (entrenamiento, validación, prueba)."""
    p = periodos(len(serie), n_validacion, n_prueba)
    return serie[p["entrenamiento"]], serie[p["validacion"]], serie[p["prueba"]]


def cortar_ventanas(serie: np.ndarray, largo: int) -> tuple[np.ndarray, np.ndarray]:
    """Ventanas deslizantes de una serie (N,): X (N − largo, largo) y y (N − largo,).

    ``X[j] = serie[j : j + largo]`` es el pasado y ``y[j] = serie[j + largo]`` lo que sigue.
    """
    serie = np.asarray(serie)
    M = len(serie) - largo
    if M < 1:
        raise ValueError("la serie es más corta que la ventana")
    indices = np.arange(M)[:, None] + np.arange(largo)[None, :]
    return serie[indices], serie[largo:]


def estadisticos(entrenamiento: np.ndarray) -> tuple[float, float]:
    """Media y desviación estándar (poblacional) del periodo de entrenamiento."""
    return float(np.mean(entrenamiento)), float(np.std(entrenamiento))


def estandarizar(entrenamiento, validacion, prueba):
    """(x − media) / desviación con la media y la desviación SOLO del entrenamiento.

    Returns:
        ``(entrenamiento, validación, prueba, media, desviación)``, los arreglos con sus formas.
    """
    media, desv = estadisticos(entrenamiento)
    return (
        (np.asarray(entrenamiento) - media) / desv,
        (np.asarray(validacion) - media) / desv,
        (np.asarray(prueba) - media) / desv,
        media,
        desv,
    )


def ejemplos(x: np.ndarray, z: np.ndarray, periodo: slice, largo: int) -> tuple[np.ndarray, np.ndarray]:
    """Un ejemplo por cada objetivo del periodo: ventana de las ``largo`` entradas anteriores.

    Formas: x (n_x, N), z (N,) → ``(ventanas (n_x, M, largo), objetivos (1, M))``. La ventana
    de un objetivo al inicio de un periodo puede tomar datos del periodo anterior: en la
    realidad ese pasado ya se conoce al pronosticar.
    """
    objetivos = np.arange(len(z))[periodo]
    objetivos = objetivos[objetivos >= largo]
    indices = objetivos[:, None] - largo + np.arange(largo)[None, :]  # (M, largo)
    return x[:, indices], z[objetivos][None, :]


def mae(real, pronostico) -> float:
    """Error absoluto medio: promedio de |real − pronóstico| (mismas formas)."""
    return float(np.mean(np.abs(np.asarray(real) - np.asarray(pronostico))))
