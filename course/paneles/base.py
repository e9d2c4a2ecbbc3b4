"""Panel interactivo genérico: controles de ipywidgets que redibujan una figura de matplotlib."""

from __future__ import annotations

import io

import os
from typing import Callable

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["Panel", "modo_estatico", "registrar_panel", "PANELES", "matriz_con_radio", "tabla_precalculada", "indice_de",
           "limite_simetrico", "ANCHO_DESCRIPCION", "ANCHO_CONTROL"]

#: Un solo diseño para todos los deslizadores: la etiqueta y la barra miden lo mismo en cada panel.
ANCHO_DESCRIPCION = "18em"
ANCHO_CONTROL = "45em"

#: Fábricas de paneles por nombre; las pruebas recorren este registro.
PANELES: dict[str, Callable[[], "Panel"]] = {}


def registrar_panel(fabrica: Callable[[], "Panel"]) -> Callable[[], "Panel"]:
    """Decorador: registra una función que construye un :class:`Panel`."""
    PANELES[fabrica.__name__] = fabrica
    return fabrica


def matriz_con_radio(n: int, radio: float, rng: np.random.Generator) -> np.ndarray:
    """Matriz aleatoria (n, n) ortogonal escalada: todos sus valores singulares valen ``radio``."""
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return radio * q


def tabla_precalculada(nombre: str) -> dict[str, np.ndarray]:
    """Arreglos de ``course/datos/paneles.npz`` cuyo nombre empieza con ``nombre``.

    Los genera ``python -m autograder.referencias.paneles`` (del lado del instructor) con
    las implementaciones de referencia: así ningún panel calcula la respuesta de un ejercicio.
    """
    from importlib import resources

    with resources.files("course.datos").joinpath("paneles.npz").open("rb") as archivo, np.load(archivo) as datos:
        return {clave: datos[clave] for clave in datos.files if clave.startswith(nombre)}


def indice_de(valor: float, rejilla: np.ndarray) -> int:
    """Posición del valor de la rejilla más cercano a ``valor`` (los deslizadores caen justo en ella)."""
    return int(np.argmin(np.abs(np.asarray(rejilla) - valor)))


def limite_simetrico(*series, minimo: float, margen: float = 1.1) -> float:
    """Límite L para ``set_ylim(-L, L)``: al menos ``minimo`` y siempre más allá del mayor |valor| de las series."""
    mayor = max(float(np.max(np.abs(np.asarray(v, dtype=float)))) for v in series)
    return max(minimo, margen * mayor)


#: Lo que dice un panel que usa una función del estudiante que todavía no está resuelta.
SIN_RESOLVER = ("Este panel usa tu función de un ejercicio que todavía no resuelves: "
                "resuélvelo arriba y vuelve a ejecutar esta celda.")
#: Lo que muestra un panel o un diagrama mientras nbgrader califica o valida el cuaderno.
AVISO_CALIFICACION = "(se dibuja al abrir la lección; al calificar no hace falta)"


def modo_estatico() -> bool:
    """¿Dibujar una figura fija en lugar de controles?

    Sí cuando nbgrader ejecuta el cuaderno (``NBGRADER_EXECUTION``), cuando las
    pruebas lo piden (``CURSO_ESTATICO=1``) o fuera de un núcleo de Jupyter.
    """
    if os.environ.get("NBGRADER_EXECUTION") or os.environ.get("CURSO_ESTATICO"):
        return True
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython viene con jupyterlab
        return True
    shell = get_ipython()
    return shell is None or not hasattr(shell, "kernel")


class Panel:
    """Controles + figura. ``dibujar(fig, **valores)`` pinta y devuelve un texto de lectura.

    Args:
        dibujar: función que recibe una figura vacía y los valores de los controles.
        controles: ``{nombre: widget}``; cada widget tiene ``.value``.
        titulo: texto que aparece encima de los controles.
        tamano: tamaño de la figura en pulgadas.
        pie: explicación fija que aparece debajo de la figura.
    """

    def __init__(self, dibujar, controles: dict, titulo: str = "", tamano=(7.5, 3.8), pie: str = ""):
        self._dibujar = dibujar
        self.controles = controles
        self.titulo = titulo
        self.tamano = tamano
        self.pie = pie
        for control in controles.values():
            control.style.description_width = ANCHO_DESCRIPCION
            control.layout.width = ANCHO_CONTROL
        self._salida = None
        self._lectura = None

    def valores(self) -> dict:
        """Valores actuales de los controles."""
        return {nombre: control.value for nombre, control in self.controles.items()}

    def figura(self, **cambios):
        """Dibuja con los valores actuales (y ``cambios``) y devuelve ``(figura, lectura)`` sin mostrar."""
        valores = {**self.valores(), **cambios}
        fig = plt.figure(figsize=self.tamano)
        try:
            lectura = self._dibujar(fig, **valores)
        except NotImplementedError:
            # El panel usa una función tuya que aún es el talón: se dice en la figura, que sí se dibuja.
            fig.clf()
            fig.text(0.5, 0.5, SIN_RESOLVER, ha="center", va="center", wrap=True, fontsize=11)
            lectura = SIN_RESOLVER
        return fig, lectura

    def _redibujar(self, _cambio=None):
        from IPython.display import Image, display

        fig, lectura = self.figura()
        # La imagen se manda como PNG: no depende de que el backend en línea de matplotlib ya esté activo.
        imagen = io.BytesIO()
        fig.savefig(imagen, format="png", bbox_inches="tight")
        plt.close(fig)
        with self._salida:
            self._salida.clear_output(wait=True)
            display(Image(data=imagen.getvalue(), format="png"))
        self._lectura.value = f"<b>{lectura}</b>" if lectura else ""

    def mostrar(self):
        """Muestra el panel; sin interfaz interactiva, una figura fija con los valores iniciales.

        Mientras nbgrader califica o valida no se dibuja nada: nadie ve esa salida y cada figura cuesta tiempo.
        """
        if os.environ.get("NBGRADER_EXECUTION"):
            print(AVISO_CALIFICACION)
            return None
        if modo_estatico():
            fig, lectura = self.figura()
            if lectura:
                print(lectura)
            plt.show()
            if self.pie:
                print(self.pie)
            return None
        import ipywidgets as widgets
        from IPython.display import display

        self._salida = widgets.Output()
        self._lectura = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        for control in self.controles.values():
            control.observe(self._redibujar, names="value")
        cabeza = [widgets.HTML(f"<h4>{self.titulo}</h4>")] if self.titulo else []
        pie = [widgets.HTML(f"<p>{self.pie}</p>", layout=widgets.Layout(max_width="52em"))] if self.pie else []
        caja = widgets.VBox(cabeza + list(self.controles.values()) + [self._lectura, self._salida] + pie)
        caja.add_class("panel-curso")
        display(caja)
        self._redibujar()
        return None
