"""Modelos recurrentes del curso en numpy (en lote): RNN, LSTM y sus variantes, GRU y su entrenamiento.

Es el modelo de referencia de la lección 09; las ecuaciones se escriben a mano en las lecciones 01–08.
"""

from . import activaciones, adam, entrenamiento, experimentos, gru, lstm, perdidas, recorte, red, rnn, series
from .adam import Adam
from .entrenamiento import entrenar
from .red import CELDAS, Red

__all__ = [
    "activaciones",
    "adam",
    "entrenamiento",
    "experimentos",
    "gru",
    "lstm",
    "perdidas",
    "recorte",
    "red",
    "rnn",
    "series",
    "Adam",
    "entrenar",
    "CELDAS",
    "Red",
]
