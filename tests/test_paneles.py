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


def _recortar(gradientes, umbral):
    # Lo que recibe el panel de recorte: la función del estudiante (aquí, la de referencia).
    from autograder.modelos.recorte import limitar_norma

    return limitar_norma(gradientes, umbral)[0]


#: Argumentos de los paneles que reciben una función del estudiante.
ARGUMENTOS = {"panel_recorte": (_recortar,)}


def _panel(nombre):
    return PANELES[nombre](*ARGUMENTOS.get(nombre, ()))


def _pixeles(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_hay_paneles():
    assert PANELES


def test_modo_estatico_en_pruebas():
    assert modo_estatico()


@pytest.mark.parametrize("nombre", sorted(PANELES))
def test_panel_redibuja_con_cada_control(nombre):
    panel = _panel(nombre)
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
    _panel(nombre).mostrar()
    assert len(plt.get_fignums()) == antes + 1


@pytest.mark.parametrize("radio, T", [(0.9, 40), (1.5, 5)])
def test_curvas_de_la_memoria_son_las_de_la_referencia(radio, T):
    from autograder.referencias import paneles as generador
    from course.paneles.memoria import normas_por_distancia

    normas_tanh, normas_lineal = normas_por_distancia(radio, T)
    np.testing.assert_allclose(normas_tanh, generador.normas_por_distancia(radio, T), rtol=1e-5)
    np.testing.assert_allclose(normas_lineal, radio ** np.arange(T))


@pytest.mark.parametrize("olvido, escala", [(0.98, 0.6), (0.5, 1.5)])
def test_curvas_del_carrusel_son_las_de_la_referencia(olvido, escala):
    from autograder.referencias import paneles as generador
    from course.paneles.carrusel import flujo_de_error

    for guardada, calculada in zip(flujo_de_error(olvido, escala), generador.flujo_de_error(olvido, escala)):
        np.testing.assert_allclose(guardada, calculada, rtol=1e-5)


def test_panel_de_recorte_usa_la_funcion_que_recibe():
    from course.paneles.recorte import recortes

    llamadas = []

    def recortar(gradientes, umbral):
        llamadas.append((gradientes["g"].tolist(), umbral))
        return {"g": np.array([1.0, 0.0])}

    assert recortes(6.0, 1.5, 2.0, recortar)["por norma"].tolist() == [1.0, 0.0]
    assert llamadas == [([6.0, 1.5], 2.0)]
