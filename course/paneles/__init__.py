"""Paneles interactivos de las lecciones (deslizadores que redibujan figuras)."""

from .base import PANELES, Panel, modo_estatico, registrar_panel
from .memoria import panel_gradientes
from .recorte import panel_recorte

__all__ = ["PANELES", "Panel", "modo_estatico", "registrar_panel", "panel_gradientes", "panel_recorte"]
