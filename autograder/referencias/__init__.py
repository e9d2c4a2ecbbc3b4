"""Implementaciones de referencia que usan las pruebas ocultas y los paneles.

Los nombres aquí no coinciden con los de los ejercicios a propósito: el
estudiante escribe ``paso_rnn``; la referencia es ``rnn.celda``.
"""

from . import lstm, rnn
from . import gru, proyecto, retro, variantes

__all__ = ["lstm", "rnn", "gru", "proyecto", "retro", "variantes"]
