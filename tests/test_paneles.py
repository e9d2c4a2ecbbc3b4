"""Cada panel registrado se construye sin interfaz y redibuja al cambiar cada control."""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import pytest

import course.paneles
from course.paneles import PANELES, modo_estatico

for _modulo in pkgutil.iter_modules(course.paneles.__path__):
    importlib.import_module(f"course.paneles.{_modulo.name}")


def _pixeles(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_hay_paneles():
    assert PANELES


def test_modo_estatico_en_pruebas():
    assert modo_estatico()


@pytest.mark.parametrize("nombre", sorted(PANELES))
def test_panel_redibuja_con_cada_control(nombre):
    panel = PANELES[nombre]()
    base, lectura_base = panel.figura()
    assert base.axes, "el panel no dibujó ejes"
    imagen_base = _pixeles(base)
    for control, widget in panel.controles.items():
        vistos = []
        for valor in (widget.min, widget.max):
            fig, lectura = panel.figura(**{control: valor})
            vistos.append((_pixeles(fig), lectura))
        (img_min, lec_min), (img_max, lec_max) = vistos
        cambio_imagen = img_min.shape != img_max.shape or not np.array_equal(img_min, img_max)
        assert cambio_imagen or lec_min != lec_max, f"mover «{control}» no cambia nada en {nombre}"
    assert imagen_base.size > 0 and isinstance(lectura_base, str)


@pytest.mark.parametrize("nombre", sorted(PANELES))
def test_panel_muestra_figura_estatica(nombre, capsys):
    import matplotlib.pyplot as plt

    antes = len(plt.get_fignums())
    PANELES[nombre]().mostrar()
    assert len(plt.get_fignums()) == antes + 1
