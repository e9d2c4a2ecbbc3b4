"""Cada panel registrado se construye sin interfaz y redibuja al cambiar cada control."""

from __future__ import annotations

import importlib
import itertools
import pkgutil
from pathlib import Path

import numpy as np
import pytest
from matplotlib.collections import Collection
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

import course.paneles
from course.paneles import PANELES, modo_estatico
from course.paneles.base import ANCHO_CONTROL, ANCHO_DESCRIPCION

CAPTURAS = Path(__file__).resolve().parents[1] / "resultados-pruebas" / "capturas" / "paneles"

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


# --------------------------------------------------------------------------- la figura dice la verdad
def _rejilla(widget, n: int = 5) -> list:
    """``n`` valores del deslizador, de ``min`` a ``max`` (ambos incluidos), redondeados a su paso."""
    valores = np.linspace(widget.min, widget.max, n)
    valores = np.round((valores - widget.min) / widget.step) * widget.step + widget.min
    valores = np.clip(valores, widget.min, widget.max)
    return sorted({int(v) if isinstance(widget.value, int) else round(float(v), 10) for v in valores})


def _barridos(panel) -> list[dict]:
    """Cada control recorre su rejilla con los demás en su valor inicial; además, todos al mínimo y todos al máximo."""
    cambios = [{}]
    for nombre, widget in panel.controles.items():
        cambios += [{nombre: valor} for valor in _rejilla(widget)]
    for extremo in ("min", "max"):
        cambios.append({nombre: getattr(w, extremo) for nombre, w in panel.controles.items()})
    return cambios


def _dentro(valores, limites, log: bool) -> np.ndarray:
    """Qué puntos finitos quedan fuera de ``limites`` (con escala logarítmica solo cuentan los positivos)."""
    valores = np.asarray(valores, dtype=float).ravel()
    valores = valores[np.isfinite(valores)]
    if log:
        valores = valores[valores > 0]
    bajo, alto = sorted(limites)
    holgura = 1e-9 * (alto - bajo)
    return valores[(valores < bajo - holgura) | (valores > alto + holgura)]


def _fuera_de_los_ejes(fig) -> list[str]:
    """Lo dibujado en coordenadas de datos que cae fuera de los límites de sus ejes."""
    problemas = []
    for ax in fig.axes:
        limites = {"x": ax.get_xlim(), "y": ax.get_ylim()}
        logs = {"x": ax.get_xscale() == "log", "y": ax.get_yscale() == "log"}
        puntos = []  # (qué, eje, valores)
        for linea in ax.lines:
            if linea.get_transform() == ax.transData:
                puntos += [(linea.get_label(), "x", linea.get_xdata()), (linea.get_label(), "y", linea.get_ydata())]
            elif linea.get_transform() == ax.get_yaxis_transform():  # axhline: solo su altura es dato
                puntos.append((linea.get_label(), "y", linea.get_ydata()))
            elif linea.get_transform() == ax.get_xaxis_transform():  # axvline
                puntos.append((linea.get_label(), "x", linea.get_xdata()))
        for coleccion in ax.collections:
            if isinstance(coleccion, Collection) and coleccion.get_transform() == ax.transData:
                for camino in coleccion.get_paths():
                    puntos += [("colección", "x", camino.vertices[:, 0]), ("colección", "y", camino.vertices[:, 1])]
        for parche in ax.patches:
            if isinstance(parche, Rectangle) and parche.get_transform() == ax.transData:
                (x0, y0), (x1, y1) = parche.get_bbox().get_points()
                puntos += [("rectángulo", "x", [x0, x1]), ("rectángulo", "y", [y0, y1])]
        for texto in ax.texts:
            if isinstance(texto, Annotation):
                if texto.xycoords == "data":
                    puntos += [("flecha", "x", [texto.xy[0]]), ("flecha", "y", [texto.xy[1]])]
            elif texto.get_transform() == ax.transData:
                x, y = texto.get_position()
                puntos += [(texto.get_text(), "x", [x]), (texto.get_text(), "y", [y])]
        for que, eje, valores in puntos:
            fuera = _dentro(valores, limites[eje], logs[eje])
            if fuera.size:
                problemas.append(f"«{que}»: {fuera.size} valores en {eje} fuera de {limites[eje]} (p. ej. {fuera[0]:.3g})")
    return problemas


@pytest.mark.parametrize("nombre", sorted(PANELES))
def test_cada_curva_queda_dentro_de_sus_ejes_en_todo_el_barrido(nombre):
    import matplotlib.pyplot as plt

    panel = _panel(nombre)
    revisadas = 0
    for cambios in _barridos(panel):
        fig, _ = panel.figura(**cambios)
        problemas = _fuera_de_los_ejes(fig)
        revisadas += sum(len(ax.lines) for ax in fig.axes)
        plt.close(fig)
        assert not problemas, f"{nombre} con {cambios}: " + "; ".join(problemas)
    assert revisadas > 0, f"{nombre}: el barrido no encontró ninguna línea que revisar"


def test_el_revisor_de_ejes_atrapa_una_curva_cortada():
    """La falla que motivó el barrido: C_t llega a 2 y el eje se queda en ±1.1."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [0.5, 2.0, 1.0])
    ax.set_ylim(-1.1, 1.1)
    assert _fuera_de_los_ejes(fig)
    ax.set_ylim(-2.5, 2.5)
    assert not _fuera_de_los_ejes(fig)
    ax.semilogy([1, 2], [1e-20, 1.0])
    ax.set_ylim(1e-8, 10)  # la escala logarítmica que recortaba en 1e-8
    assert _fuera_de_los_ejes(fig)


@pytest.mark.parametrize("nombre, cambios", [
    ("panel_estado_celda", {"f_escribir": 0.85}),
    ("panel_estado_celda", {f"{c}_{fase}": 1.0 for c, fase in itertools.product("fi", ("escribir", "guardar", "olvidar"))}),
    ("panel_salida", {"f": 1.0, "i": 1.0}),
])
def test_los_casos_del_reporte_caben(nombre, cambios):
    fig, _ = _panel(nombre).figura(**cambios)
    (ax,) = fig.axes
    C = next(linea for linea in ax.lines if "celda" in linea.get_label()).get_ydata()
    bajo, alto = ax.get_ylim()
    assert bajo < C.min() and C.max() < alto, (C.min(), C.max(), (bajo, alto))


def test_todos_los_deslizadores_miden_lo_mismo():
    anchos = set()
    for nombre in sorted(PANELES):
        for control, widget in _panel(nombre).controles.items():
            anchos.add((widget.style.description_width, widget.layout.width))
            # La etiqueta debe caber en su ancho (~0.55 em por carácter en la fuente de JupyterLab).
            assert 0.55 * len(widget.description) <= float(ANCHO_DESCRIPCION.removesuffix("em")), (nombre, control)
    assert anchos == {(ANCHO_DESCRIPCION, ANCHO_CONTROL)}


# --------------------------------------------------------------------------- lo que dicen los paneles arreglados
@pytest.mark.parametrize("radio, T, esperado", [(0.9, 40, "se desvanece"), (1.0, 40, "llega"), (1.5, 100, "explota")])
def test_criterio_de_la_memoria(radio, T, esperado):
    from course.paneles.memoria import DESVANECE, EXPLOTA

    fig, lectura = _panel("panel_gradientes").figura(radio=radio, T=T)
    assert f"‖ = " in lectura and f"({esperado})" in lectura.split(";")[0], lectura
    alturas = {float(linea.get_ydata()[0]) for linea in fig.axes[0].lines if linea.get_linestyle() == ":"}
    assert alturas == {DESVANECE, EXPLOTA}, "los umbrales del criterio no están dibujados"
    assert "10⁻²" in lectura and "10²" in lectura, "la lectura no dice el criterio"


def test_la_pelota_no_revela_la_respuesta():
    import matplotlib.pyplot as plt

    from course.datos import trayectoria_pelota
    from course.graficas import grafica_pelota

    posiciones = trayectoria_pelota(T=8)
    siguiente = tuple(posiciones[:, 1])
    fig, (pregunta, respuesta) = plt.subplots(1, 2)
    grafica_pelota(pregunta, posiciones, mostrar=1)
    grafica_pelota(respuesta, posiciones, mostrar=5, revelar=True)
    _guardar(fig, "leccion01-pelota")
    dibujados = {tuple(np.round(np.column_stack([l.get_xdata(), l.get_ydata()]), 9).ravel()) for l in pregunta.lines}
    assert all(not np.allclose(d[-2:], siguiente) for d in dibujados if len(d) >= 2), "la pregunta ya dibuja la respuesta"
    assert any(np.allclose(l.get_xydata()[-1], posiciones[:, 5]) for l in respuesta.lines)


def test_el_carrusel_explica_su_forma():
    panel = _panel("panel_carrusel")
    assert "tanh′(C_t) ≈ 1" in panel.pie and "vuelve a subir" in panel.pie


def test_las_graficas_de_la_leccion_09_hablan_en_espanol():
    import matplotlib.pyplot as plt

    from course.datos import aplicaciones, energia
    from course.graficas import ETIQUETAS, grafica_exactitud, grafica_pronostico

    assert set(energia.RETRASOS_INGENUOS) <= set(ETIQUETAS)
    r = aplicaciones.resultados()
    assert set(r["energia"]["prueba"]) | set(r["energia"]["validacion"]) | set(r["metro"]["barrido"]) <= set(ETIQUETAS)
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 3.2))
    grafica_exactitud(a, tuple(r["metro"]["distancias"]), r["metro"]["barrido"], azar=0.25)
    serie = np.asarray(r["energia"]["real"], dtype=float)
    grafica_pronostico(b, serie, {"lstm": r["energia"]["corridas"][0]["pronostico"], "semana_anterior": serie}, pasos=144)
    fig.tight_layout()
    _guardar(fig, "leccion09-exactitud-y-pronostico")
    for ax in (a, b):
        textos = [t.get_text() for t in ax.get_legend().get_texts()]
        assert not [t for t in textos if "_" in t or t in ETIQUETAS], textos
        # La leyenda queda fuera del área de los datos: no tapa ninguna curva.
        assert not ax.get_legend().get_window_extent().overlaps(ax.get_window_extent()), "la leyenda tapa los datos"


# --------------------------------------------------------------------------- capturas para mirarlas
CASOS_CAPTURA = [
    ("panel_gradientes", {}), ("panel_gradientes", {"radio": 1.5, "T": 100}),
    ("panel_estado_celda", {}), ("panel_estado_celda", {"f_escribir": 0.85}),
    ("panel_salida", {}), ("panel_salida", {"f": 1.0, "i": 1.0}),
    ("panel_carrusel", {}), ("panel_carrusel", {"olvido": 0.5, "escala": 1.5}),
    ("panel_recorte", {"g1": -8.0, "g2": 8.0}),
]


@pytest.mark.parametrize("nombre, cambios", CASOS_CAPTURA)
def test_captura_de_cada_panel_arreglado(nombre, cambios):
    fig, lectura = _panel(nombre).figura(**cambios)
    ruta = _guardar(fig, nombre + "".join(f"-{k}{v}" for k, v in cambios.items()))
    assert ruta.stat().st_size > 5000 and lectura


def _guardar(fig, nombre: str) -> Path:
    """PNG de la figura en resultados-pruebas/capturas/paneles/ (dibuja también la figura)."""
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    ruta = CAPTURAS / f"{nombre}.png"
    fig.savefig(ruta, dpi=90, bbox_inches="tight")
    return ruta


@pytest.mark.parametrize("nombre, cambios", [("panel_gradientes", {"radio": 1.5, "T": 100}),
                                             ("panel_gradientes", {"radio": 0.5, "T": 100}),
                                             ("panel_carrusel", {"olvido": 0.5, "escala": 0.3})])
def test_las_normas_se_dibujan_sin_recortar(nombre, cambios):
    """Recortar las normas a un rango fijo también miente: la curva dibujada es la calculada."""
    from course.paneles.carrusel import flujo_de_error
    from course.paneles.memoria import normas_por_distancia

    calculadas = (normas_por_distancia(cambios["radio"], cambios["T"]) if nombre == "panel_gradientes"
                  else flujo_de_error(cambios["olvido"], cambios["escala"]))
    fig, _ = _panel(nombre).figura(**cambios)
    dibujadas = fig.axes[0].lines
    for i, normas in enumerate(calculadas):
        np.testing.assert_allclose(dibujadas[i].get_ydata(), normas, rtol=1e-12)
    assert max(n.max() for n in calculadas) > 1e12 or min(n.min() for n in calculadas) < 1e-12, "caso sin extremos"


def test_al_calificar_el_panel_no_se_dibuja(monkeypatch, capsys):
    """Con NBGRADER_EXECUTION el panel solo deja un aviso: ni figura ni controles."""
    import matplotlib.pyplot as plt

    from course.paneles import panel_olvido
    from course.paneles.base import AVISO_CALIFICACION

    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    antes = plt.get_fignums()
    assert panel_olvido().mostrar() is None
    assert plt.get_fignums() == antes
    assert AVISO_CALIFICACION in capsys.readouterr().out


def test_panel_con_ejercicio_sin_resolver_lo_dice_en_su_figura():
    """En una lección nueva el panel que usa tu función no queda en blanco: su figura dice qué falta."""
    import matplotlib.pyplot as plt

    from course.paneles import panel_recorte
    from course.paneles.base import SIN_RESOLVER

    def talon(gradientes, umbral):
        raise NotImplementedError("Todavía no resuelves `recortar_gradiente`: borra esta línea y escribe tu solución.")

    fig, lectura = panel_recorte(talon).figura()
    assert lectura == SIN_RESOLVER
    assert [t.get_text() for t in fig.texts] == [SIN_RESOLVER]
    plt.close(fig)
