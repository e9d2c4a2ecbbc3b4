"""Demanda eléctrica de Inglaterra y Gales (Taylor, 2003): la serie, sus fechas y sus entradas por paso.

La serie tiene una medición cada media hora (48 al día, 336 a la semana) del 5 de junio al
27 de agosto de 2000: 4032 valores en megawatts. Fuente y licencia: ``energia_taylor_2000.md``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = [
    "POR_DIA",
    "POR_SEMANA",
    "RETRASOS_INGENUOS",
    "demanda",
    "fechas",
    "entradas",
]

POR_DIA = 48
POR_SEMANA = 7 * POR_DIA
#: Pronósticos ingenuos honestos: repetir el valor de hace 1, 48 o 336 medias horas.
RETRASOS_INGENUOS = {"ultimo_valor": 1, "dia_anterior": POR_DIA, "semana_anterior": POR_SEMANA}


@lru_cache(maxsize=None)
def _tabla() -> tuple[tuple[str, ...], np.ndarray]:
    texto = resources.files(__package__).joinpath("energia_taylor_2000.csv").read_text(encoding="utf-8")
    renglones = [r.split(",") for r in texto.strip().splitlines()[1:]]
    return tuple(r[0] for r in renglones), np.array([float(r[1]) for r in renglones])


def demanda() -> np.ndarray:
    """La serie completa (4032,) en MW, en orden de tiempo (copia: puedes modificarla)."""
    return _tabla()[1].copy()


def fechas() -> tuple[str, ...]:
    """Fecha y hora (``AAAA-MM-DD HH:MM``) del inicio de cada media hora, (4032,)."""
    return _tabla()[0]


def entradas(z: np.ndarray) -> np.ndarray:
    """Entradas por paso (5, N): la demanda normalizada z (N,) y la hora del día y de la semana (sen, cos)."""
    k = np.arange(len(z))
    dia = 2 * np.pi * k / POR_DIA
    semana = 2 * np.pi * k / POR_SEMANA
    return np.stack([z, np.sin(dia), np.cos(dia), np.sin(semana), np.cos(semana)])
