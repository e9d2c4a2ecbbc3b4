"""Los dos experimentos de la lección 09: la memoria del metro y el pronóstico de la demanda eléctrica."""

from __future__ import annotations

import numpy as np

from course.datos import energia, metro

from . import series
from .entrenamiento import entrenar
from .red import Red

__all__ = ["exactitud_metro", "barrido_metro", "pronostico_energia"]


def exactitud_metro(celda: str, L: int, iteraciones: int, semilla: int = 0, n_h: int = 16, m: int = 32,
                    tasa: float = 5e-3, mostrar: bool = False, m_prueba: int = 512,
                    sesgo_memoria: float = 3.0) -> tuple[float, dict]:
    """Entrena ``celda`` en la tarea de Pantitlán con distancia L y mide su exactitud.

    Returns:
        ``(exactitud en m_prueba viajes nuevos, historial del entrenamiento)``.
    """
    rng = np.random.default_rng(1000 + semilla)
    red = Red(celda, len(metro.vocabulario()), n_h, len(metro.respuestas()), "entropia", semilla=semilla,
              sesgo_memoria=sesgo_memoria)
    historial = entrenar(red, lambda k: metro.tarea_pantitlan(L, m, rng), iteraciones, tasa=tasa, mostrar=mostrar)
    x, y = metro.tarea_pantitlan(L, m_prueba, np.random.default_rng(5000 + semilla))
    return float(np.mean(red.predecir(x) == y)), historial


def barrido_metro(distancias=(5, 10, 20, 40), celdas=("rnn", "lstm", "gru"), semillas=(0,), iteraciones: int = 300,
                  **opciones) -> dict[str, np.ndarray]:
    """Exactitud de cada celda para cada L y semilla: ``{celda: (len(distancias), len(semillas))}``."""
    resultados = {}
    for celda in celdas:
        tabla = np.empty((len(distancias), len(semillas)))
        for i, L in enumerate(distancias):
            for j, s in enumerate(semillas):
                tabla[i, j] = exactitud_metro(celda, L, iteraciones, semilla=s, **opciones)[0]
        resultados[celda] = tabla
    return resultados


def pronostico_energia(largo: int = 48, iteraciones: int = 400, n_h: int = 24, m: int = 64, semilla: int = 0,
                       tasa: float = 5e-3, mostrar: bool = False) -> dict:
    """Entrena una LSTM que pronostica la siguiente media hora y la compara con los ingenuos.

    Partición fija (semanas 1–8 entrenamiento, 9–10 validación, 11–12 prueba), ventanas de
    ``largo`` medias horas, normalización con la media y la desviación del entrenamiento.
    Returns:
        diccionario con ``mae`` (LSTM y cada ingenuo en la prueba, en MW), ``real`` y
        ``pronostico`` (MW) del periodo de prueba, ``historial`` y ``mae_validacion``.
    """
    serie = energia.demanda()
    periodos = series.periodos(len(serie))
    media, desv = series.estadisticos(serie[periodos["entrenamiento"]])
    z = (serie - media) / desv
    entradas = energia.entradas(z)  # (n_x, N): demanda normalizada y hora del día
    rng = np.random.default_rng(semilla)

    def conjunto(nombre):
        return series.ejemplos(entradas, z, periodos[nombre], largo)

    x_e, y_e = conjunto("entrenamiento")
    red = Red("lstm", entradas.shape[0], n_h, 1, "cuadratica", semilla=semilla)

    def lotes(k):
        cuales = rng.integers(0, x_e.shape[1], size=m)
        return x_e[:, cuales], y_e[:, cuales]

    historial = entrenar(red, lotes, iteraciones, tasa=tasa, mostrar=mostrar)
    resultado = {"historial": historial, "mae": {}}
    for nombre in ("validacion", "prueba"):
        x, y = conjunto(nombre)
        pred = red.salida(x) * desv + media
        real = y * desv + media
        mae = float(np.mean(np.abs(pred - real)))
        if nombre == "validacion":
            resultado["mae_validacion"] = mae
        else:
            resultado["mae"]["lstm"] = mae
            resultado["real"], resultado["pronostico"] = real.ravel(), pred.ravel()
    indices = np.arange(len(serie))[periodos["prueba"]]
    for nombre, retraso in energia.RETRASOS_INGENUOS.items():
        resultado["mae"][nombre] = float(np.mean(np.abs(serie[indices] - serie[indices - retraso])))
    return resultado
