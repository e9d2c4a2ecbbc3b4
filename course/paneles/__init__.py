"""Paneles interactivos de las lecciones (deslizadores que redibujan figuras)."""

from .base import PANELES, Panel, modo_estatico, registrar_panel
from .carrusel import panel_carrusel
from .compuertas_gru import panel_compuertas_gru
from .entrada import panel_entrada
from .estado_celda import panel_estado_celda
from .memoria import panel_gradientes
from .olvido import panel_olvido
from .recorte import panel_recorte
from .salida import panel_salida

__all__ = [
    "PANELES",
    "Panel",
    "modo_estatico",
    "registrar_panel",
    "panel_gradientes",
    "panel_olvido",
    "panel_entrada",
    "panel_estado_celda",
    "panel_salida",
    "panel_carrusel",
    "panel_compuertas_gru",
    "panel_recorte",
]
