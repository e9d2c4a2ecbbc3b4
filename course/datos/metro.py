"""La tarea de memoria del metro: al llegar a Pantitlán, ¿qué estación sigue?

Pantitlán es terminal de las líneas 1, 5, 9 y A. Angelito aborda en una estación de una de
esas líneas y el tren avanza hacia Pantitlán; durante L − 1 pasos la red no ve letreros, solo
lo que pasa en el vagón (túnel, una parada entre estaciones, un vendedor…), al azar. Al llegar, el tren regresa por la misma línea, así que la siguiente estación
es la vecina de Pantitlán en la línea en que subió: depende de algo visto L pasos antes.

Formas: x (n_x, m, L + 1) con vectores one-hot, y (m,) con el índice de la respuesta.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import lineas_metro

__all__ = ["TERMINAL", "TRAYECTO", "lineas_pantitlan", "vocabulario", "respuestas", "tarea_pantitlan", "decodificar"]

TERMINAL = "Pantitlán"
#: Lo que la red ve entre el abordaje y Pantitlán: ruido que no dice en qué línea vas.
TRAYECTO = ("(túnel)", "(parada entre estaciones)", "(vendedor)", "(vagón lleno)")


@lru_cache(maxsize=None)
def lineas_pantitlan() -> dict[str, tuple[str, ...]]:
    """Líneas con terminal en Pantitlán: ``{línea: estaciones en orden desde Pantitlán}``."""
    lineas = {}
    for linea, estaciones in lineas_metro().items():
        if estaciones[0] == TERMINAL:
            lineas[linea] = estaciones
        elif estaciones[-1] == TERMINAL:
            lineas[linea] = estaciones[::-1]
    return lineas


@lru_cache(maxsize=None)
def vocabulario() -> tuple[str, ...]:
    """Símbolos de entrada: las estaciones de esas líneas (sin repetir), Pantitlán y el trayecto."""
    vistas: list[str] = []
    for estaciones in lineas_pantitlan().values():
        vistas.extend(e for e in estaciones[1:] if e not in vistas)
    return tuple(vistas) + (TERMINAL,) + TRAYECTO


@lru_cache(maxsize=None)
def respuestas() -> tuple[str, ...]:
    """Clases de salida: la vecina de Pantitlán en cada línea (en el orden de las líneas)."""
    return tuple(estaciones[1] for estaciones in lineas_pantitlan().values())


def tarea_pantitlan(L: int, m: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Un lote de m viajes con la pista L pasos antes de la pregunta.

    La estación de abordaje se elige al azar entre las de la línea que no sean Pantitlán
    ni aparezcan en otra línea de Pantitlán (así identifica la línea sin ambigüedad).

    Returns:
        ``(x, y)``: x (n_x, m, L + 1) one-hot (abordaje, L − 1 pasos de trayecto, Pantitlán) y
        y (m,) enteros: índice en :func:`respuestas`.
    """
    if L < 1:
        raise ValueError("L debe ser al menos 1")
    vocab = vocabulario()
    indice = {s: k for k, s in enumerate(vocab)}
    lineas = list(lineas_pantitlan().values())
    cuentas: dict[str, int] = {}
    for estaciones in lineas:
        for e in estaciones:
            cuentas[e] = cuentas.get(e, 0) + 1
    abordajes = [[indice[e] for e in estaciones[1:] if cuentas[e] == 1] for estaciones in lineas]
    y = rng.integers(0, len(lineas), size=m)
    inicio = np.array([abordajes[k][rng.integers(len(abordajes[k]))] for k in y])
    x = np.zeros((len(vocab), m, L + 1))
    columnas = np.arange(m)
    x[inicio, columnas, 0] = 1.0
    ruido = rng.integers(0, len(TRAYECTO), size=(m, L - 1)) + indice[TRAYECTO[0]]
    x[ruido, columnas[:, None], np.arange(1, L)[None, :]] = 1.0
    x[indice[TERMINAL], :, L] = 1.0
    return x, y


def decodificar(x: np.ndarray, ejemplo: int = 0) -> list[str]:
    """Los símbolos de un ejemplo de x (n_x, m, T), para mostrarlos."""
    vocab = vocabulario()
    return [vocab[int(k)] for k in x[:, ejemplo, :].argmax(axis=0)]
