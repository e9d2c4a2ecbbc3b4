"""Datos de las lecciones: el metro de la CDMX y secuencias de juguete."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = ["lineas_metro", "siguientes_estaciones", "trayectoria_pelota"]


@lru_cache(maxsize=None)
def lineas_metro() -> dict[str, tuple[str, ...]]:
    """Estaciones de cada línea del metro de la CDMX, en orden de recorrido."""
    texto = resources.files(__package__).joinpath("metro_cdmx.json").read_text(encoding="utf-8")
    return {linea: tuple(estaciones) for linea, estaciones in json.loads(texto)["lineas"].items()}


def siguientes_estaciones(estacion: str) -> list[tuple[str, str, str]]:
    """Todas las estaciones que pueden seguir a ``estacion``: ``(línea, dirección, siguiente)``.

    La dirección se nombra por la terminal hacia la que va el tren.
    """
    opciones = []
    for linea, estaciones in lineas_metro().items():
        if estacion not in estaciones:
            continue
        i = estaciones.index(estacion)
        if i + 1 < len(estaciones):
            opciones.append((linea, estaciones[-1], estaciones[i + 1]))
        if i > 0:
            opciones.append((linea, estaciones[0], estaciones[i - 1]))
    return opciones


def trayectoria_pelota(T: int = 8, semilla: int = 3) -> np.ndarray:
    """Posiciones (2, T) de una pelota lanzada en tiro parabólico, con un poco de ruido."""
    rng = np.random.default_rng(semilla)
    t = np.arange(T, dtype=float)
    x = 1.2 * t
    y = 4.0 * t - 0.45 * t**2
    return np.stack([x, y]) + 0.05 * rng.standard_normal((2, T))
