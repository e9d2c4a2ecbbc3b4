"""Paneles interactivos de las lecciones (deslizadores que redibujan figuras)."""

from .base import PANELES, Panel, modo_estatico, registrar_panel
from .memoria import panel_gradientes
from .carrusel import panel_carrusel
from .compuertas_gru import panel_compuertas_gru

__all__ = ["PANELES", "Panel", "modo_estatico", "registrar_panel", "panel_gradientes", "panel_carrusel", "panel_compuertas_gru"]
