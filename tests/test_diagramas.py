"""Diagramas de course/diagramas.py: se dibujan, se guardan, se leen (nada encimado) y hablan como el glosario."""

from __future__ import annotations

import itertools
import os
import re

import numpy as np
import pytest
from matplotlib.colors import same_color
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.text import Text
from requisitos import saltar_o_fallar

from course import diagramas as d
from cuadernos import RAIZ
from ortografia.revisor import (
    Texto,
    cadenas_python,
    falta_hunspell,
    limpiar_markdown,
    palabras_del_proyecto,
    palabras_no_aceptadas,
)
from ortografia.terminologia import reglas, terminos, usos_prohibidos

CAPTURAS = RAIZ / "resultados-pruebas" / "capturas" / "diagramas"

CASOS = {
    "rnn_desenrollada": lambda: d.diagrama_rnn_desenrollada(),
    "rnn_desenrollada_T1": lambda: d.diagrama_rnn_desenrollada(T=1),
    "rnn_desenrollada_T2": lambda: d.diagrama_rnn_desenrollada(T=2),
    "rnn_desenrollada_T6": lambda: d.diagrama_rnn_desenrollada(T=np.int64(6)),
    "lstm": lambda: d.diagrama_lstm(),
    "lstm_olvido": lambda: d.diagrama_lstm(resaltar="olvido"),
    "lstm_entrada": lambda: d.diagrama_lstm(resaltar="entrada"),
    "lstm_estado": lambda: d.diagrama_lstm(resaltar="estado"),
    "lstm_salida": lambda: d.diagrama_lstm(resaltar="salida"),
    "lstm_mirillas": d.diagrama_lstm_mirillas,
    "lstm_acoplada": d.diagrama_lstm_acoplada,
    "gru": lambda: d.diagrama_gru(),
    "gru_actualizacion": lambda: d.diagrama_gru(resaltar="actualizacion"),
    "gru_reinicio": lambda: d.diagrama_gru(resaltar="reinicio"),
}

# Lo que cada resaltado pinta de su color (gid de las cajas y nodos) y la fórmula que muestra.
RESALTADOS = {
    ("diagrama_lstm", "olvido"): (["capa_olvido", "nodo_olvido"], r"f_t = \sigma(W_f"),
    ("diagrama_lstm", "entrada"): (["capa_entrada", "capa_candidato", "nodo_escribe"], r"\tilde{C}_t = \tanh(W_C"),
    ("diagrama_lstm", "estado"): (["nodo_olvido", "nodo_suma"], r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t"),
    ("diagrama_lstm", "salida"): (["capa_salida", "tanh_estado", "nodo_salida"], r"h_t = o_t \odot \tanh(C_t)"),
    ("diagrama_gru", "actualizacion"): (["capa_actualizacion", "nodo_uno_menos", "nodo_mezcla"],
                                        r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t"),
    ("diagrama_gru", "reinicio"): (["capa_reinicio", "nodo_reinicio", "capa_candidato"],
                                   r"[r_t \odot h_{t-1};\ x_t]"),
}

# Términos del glosario que cada diagrama debe nombrar.
TERMINOS = {
    "lstm": ["compuerta de olvido", "compuerta de entrada", "valor candidato", "compuerta de salida",
             "celda LSTM"],
    "lstm_estado": ["estado de la celda", "cinta"],
    "lstm_mirillas": ["LSTM con mirillas"],
    "lstm_acoplada": ["LSTM acoplada", "sin compuerta de entrada"],
    "gru": ["compuerta de actualización", "compuerta de reinicio", "candidato", "celda GRU"],
    "rnn_desenrollada": ["compacta", "desenrollada en el tiempo", "mismos pesos"],
}


@pytest.fixture(scope="module")
def figuras() -> dict[str, Figure]:
    """Cada diagrama, ya dibujado (así existen sus cajas de texto) y guardado como PNG."""
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    salida = {}
    for nombre, fabrica in CASOS.items():
        fig = fabrica()
        fig.canvas.draw()
        # Escrito aparte y renombrado: otro proceso de xdist puede estar leyendo la misma captura.
        temporal = CAPTURAS / f".{nombre}.{os.getpid()}.png"
        fig.savefig(temporal, dpi=100)
        os.replace(temporal, CAPTURAS / f"{nombre}.png")
        salida[nombre] = fig
    return salida


def _textos(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _plano(texto: str) -> str:
    return " ".join(texto.split())


def _por_gid(fig, gid: str):
    encontrados = [a for a in fig.findobj(lambda a: a.get_gid() == gid)]
    assert len(encontrados) == 1, f"se esperaba una pieza «{gid}», hay {len(encontrados)}"
    return encontrados[0]


def _piezas(fig):
    """Cajas y nodos (sin el fondo de la celda ni los puntos de bifurcación)."""
    return [p for p in fig.findobj(lambda a: isinstance(a, (FancyBboxPatch, Circle)))
            if p.get_gid() not in (None, "fondo")]


def _distancia_al_borde(pieza, punto) -> float:
    x, y = punto
    if isinstance(pieza, Circle):
        cx, cy = pieza.center
        return abs(np.hypot(x - cx, y - cy) - pieza.radius)
    x0, y0, x1, y1 = pieza.get_x(), pieza.get_y(), pieza.get_x() + pieza.get_width(), pieza.get_y() + pieza.get_height()
    dx = max(x0 - x, 0, x - x1)
    dy = max(y0 - y, 0, y - y1)
    if dx or dy:
        return float(np.hypot(dx, dy))
    return min(x - x0, x1 - x, y - y0, y1 - y)


def _flechas(fig) -> list[FancyArrowPatch]:
    return [a for a in fig.findobj(FancyArrowPatch) if hasattr(a, "ruta")]


# --- Se dibujan y se guardan ---


@pytest.mark.parametrize("nombre", CASOS)
def test_el_diagrama_se_dibuja_y_se_guarda(figuras, nombre):
    fig = figuras[nombre]
    assert isinstance(fig, Figure)
    ancho, alto = fig.get_size_inches()
    if not nombre.startswith("rnn_desenrollada_T"):
        assert 8.5 <= ancho <= 9.5 and 3.8 <= alto <= 4.5, f"{nombre} mide {ancho} × {alto} pulgadas"
    png = CAPTURAS / f"{nombre}.png"
    assert png.stat().st_size > 10_000, "el PNG está casi vacío"


def test_la_rnn_desenrollada_tiene_una_copia_por_paso(figuras):
    for nombre, T in (("rnn_desenrollada", 4), ("rnn_desenrollada_T1", 1), ("rnn_desenrollada_T2", 2),
                      ("rnn_desenrollada_T6", 6)):
        fig = figuras[nombre]
        copias = fig.findobj(lambda a: (a.get_gid() or "").startswith("rnn_paso_") and isinstance(a, FancyBboxPatch))
        assert len(copias) == T
        textos = {_plano(t.get_text()) for t in _textos(fig)}
        assert {f"$x_{t}$" for t in range(1, T + 1)} <= textos
        assert {f"$h_{t}$" for t in range(1, T + 1)} <= textos
        assert "$h_0$" in textos and "$h_{t-1}$" in textos


def test_jupyter_lo_muestra_como_png_sin_pasar_por_pyplot():
    """La celda que termina en ``diagrama_lstm()`` lo muestra una vez aunque pyplot no tenga backend aún."""
    import matplotlib.pyplot as plt

    fig = d.diagrama_lstm(resaltar="olvido")
    png = fig._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    ancho, alto = np.frombuffer(png[16:24], dtype=">u4")
    assert 800 <= ancho <= 950 and 350 <= alto <= 450, (ancho, alto)
    assert plt.get_fignums() == [], "el diagrama no debe quedar abierto en pyplot"


@pytest.mark.parametrize("llamada", [
    lambda: d.diagrama_lstm(resaltar="salida "),
    lambda: d.diagrama_lstm(resaltar="actualizacion"),
    lambda: d.diagrama_gru(resaltar="olvido"),
    lambda: d.diagrama_rnn_desenrollada(T=0),
    lambda: d.diagrama_rnn_desenrollada(T=2.5),
    lambda: d.diagrama_rnn_desenrollada(T=7),
])
def test_opciones_invalidas_dan_un_error_en_espanol(llamada):
    with pytest.raises(ValueError, match="válido|pasos"):
        llamada()


# --- Se leen: todo dentro, nada encimado, letra legible, flechas que llegan ---
# Cada revisión devuelve la lista de problemas; la última prueba de esta sección comprueba que
# cada una encuentra los suyos en un diagrama mal hecho a propósito.


def _fuera_de_la_figura(fig) -> list[str]:
    caja = fig.bbox
    return [t.get_text() for t in _textos(fig)
            if not (caja.x0 <= (b := t.get_window_extent()).x0 and b.x1 <= caja.x1
                    and caja.y0 <= b.y0 and b.y1 <= caja.y1)]


def _letra_chica(fig) -> list[str]:
    return [t.get_text() for t in _textos(fig) if t.get_fontsize() < 9]


def _encimados(fig) -> list[tuple[str, str]]:
    return [(a.get_text(), b.get_text()) for a, b in itertools.combinations(_textos(fig), 2)
            if a.get_window_extent().overlaps(b.get_window_extent())]


def _cruza(caja, p, q) -> bool:
    """¿El segmento p–q (en píxeles) pasa por dentro de la caja (reducida un píxel)?"""
    n = int(np.hypot(*(np.subtract(q, p)))) + 2
    xs, ys = np.linspace(p[0], q[0], n), np.linspace(p[1], q[1], n)
    return bool(np.any((xs > caja.x0 + 1) & (xs < caja.x1 - 1) & (ys > caja.y0 + 1) & (ys < caja.y1 - 1)))


def _tachados(fig) -> list[str]:
    """Rótulos (los que no van dentro de una caja) atravesados por una línea."""
    transformar = fig.axes[0].transData.transform
    rutas = [transformar(np.array(f.ruta)) for f in _flechas(fig)]
    return [t.get_text() for t in _textos(fig) if not (t.get_gid() or "").endswith("_texto")
            if any(_cruza(t.get_window_extent(), p, q) for r in rutas for p, q in zip(r[:-1], r[1:]))]


def _flechas_sueltas(fig) -> list[tuple[float, float]]:
    """Puntas de flecha que no tocan el borde de una caja o nodo ni son una salida con su rótulo al lado."""
    piezas = _piezas(fig)
    anclas = [np.array(t.get_position()) for t in _textos(fig) if t.get_text().startswith("$")]
    sueltas = []
    for flecha in _flechas(fig):
        if flecha.get_arrowstyle().__class__.__name__ == "Curve":  # sin punta: una línea que se bifurca
            continue
        fin = flecha.ruta[-1]
        if piezas and min(_distancia_al_borde(p, fin) for p in piezas) < 0.01:
            continue
        if anclas and min(np.hypot(*(a - fin)) for a in anclas) < 0.4:
            continue
        sueltas.append(tuple(round(v, 2) for v in fin))
    return sueltas


def _piezas_aisladas(fig) -> list[str]:
    finales = [f.ruta[-1] for f in _flechas(fig)]
    return [p.get_gid() for p in _piezas(fig) if not any(_distancia_al_borde(p, fin) < 0.01 for fin in finales)]


REVISIONES = [_fuera_de_la_figura, _letra_chica, _encimados, _tachados, _flechas_sueltas, _piezas_aisladas]


@pytest.mark.parametrize("revision", REVISIONES, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("nombre", CASOS)
def test_el_diagrama_se_lee_bien(figuras, nombre, revision):
    problemas = revision(figuras[nombre])
    assert not problemas, f"{nombre}: {revision.__name__.strip('_')}: {problemas}"


def test_las_revisiones_atrapan_un_diagrama_mal_hecho():
    estilo = d._Estilo(None)
    fig, ax = d._lienzo(4.0, 3.0)
    d._caja(ax, estilo, 3.0, 2.0, "σ", gid="caja_sola")  # nada le llega
    d._texto(ax, 1.0, 1.0, "$a_t$")
    d._texto(ax, 1.05, 1.0, "$b_t$")  # encima de a_t
    d._flecha(ax, estilo, [(0.5, 2.5), (2.0, 2.5)])  # acaba en el aire…
    d._texto(ax, 1.2, 2.5, "rótulo")  # …y tacha este rótulo
    d._texto(ax, 0.02, 0.05, "se sale por la esquina", ha="right")
    d._texto(ax, 2.0, 0.5, "diminuto", tam=7)
    fig.canvas.draw()
    assert ("$a_t$", "$b_t$") in _encimados(fig)
    assert _tachados(fig) == ["rótulo"]
    assert _flechas_sueltas(fig) == [(2.0, 2.5)]
    assert _piezas_aisladas(fig) == ["caja_sola"]
    assert _fuera_de_la_figura(fig) == ["se sale por la esquina"]
    assert _letra_chica(fig) == ["diminuto"]


# --- El resaltado ---


def _color_borde(fig, gid):
    return _por_gid(fig, gid).get_edgecolor()


@pytest.mark.parametrize("funcion, resaltar", list(RESALTADOS), ids=lambda v: str(v))
def test_el_resaltado_pinta_su_compuerta_y_apaga_el_resto(funcion, resaltar):
    gids, formula = RESALTADOS[(funcion, resaltar)]
    sencillo = getattr(d, funcion)()
    resaltado = getattr(d, funcion)(resaltar=resaltar)
    color = d.COLORES[resaltar]
    for gid in gids:
        assert same_color(_color_borde(resaltado, gid), color), f"{gid} no va en el color de «{resaltar}»"
        assert not same_color(_color_borde(sencillo, gid), color), f"{gid} ya tenía ese color sin resaltar"
    otras = [p.get_gid() for p in _piezas(resaltado) if not p.get_gid().endswith("_texto")]
    apagadas = [g for g in otras if g not in gids and same_color(_color_borde(resaltado, g), d._GRIS)]
    assert apagadas, "el resto de la celda debería quedar en gris"
    assert not any(same_color(_color_borde(sencillo, g), d._GRIS) for g in otras), "sin resaltar no hay gris"
    assert any(formula in t.get_text() for t in _textos(resaltado)), f"falta la fórmula {formula}"
    titulo = _por_gid(resaltado, "formula_0")
    assert same_color(titulo.get_color(), color)


def test_la_gru_usa_la_convencion_de_la_leccion_08():
    """(1 − z_t) multiplica a h_{t-1} en la línea de arriba; z_t al candidato."""
    fig = d.diagrama_gru()
    uno_menos = _por_gid(fig, "nodo_uno_menos").center
    conserva = _por_gid(fig, "nodo_conserva").center
    mezcla = _por_gid(fig, "nodo_mezcla").center
    candidato = _por_gid(fig, "capa_candidato")
    assert uno_menos[0] == pytest.approx(conserva[0]) and uno_menos[1] < conserva[1]
    assert mezcla[0] == pytest.approx(candidato.get_x() + candidato.get_width() / 2)
    textos = " ".join(t.get_text() for t in _textos(fig))
    assert r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t" in textos


def test_las_variantes_resaltan_lo_que_cambia():
    mirillas = d.diagrama_lstm_mirillas()
    rojas = [f for f in _flechas(mirillas) if same_color(f.get_edgecolor(), d.COLORES["mirillas"])]
    assert len(rojas) == 3, "tres mirillas: C_{t-1} a f e i, C_t a o"
    acoplada = d.diagrama_lstm_acoplada()
    assert not acoplada.findobj(lambda a: a.get_gid() == "capa_entrada"), "la acoplada no tiene compuerta de entrada"
    assert same_color(_color_borde(acoplada, "nodo_uno_menos"), d.COLORES["acoplada"])


# --- El español del curso ---


@pytest.mark.parametrize("nombre", TERMINOS)
def test_los_diagramas_nombran_los_terminos_del_curso(figuras, nombre):
    textos = " | ".join(_plano(t.get_text()) for t in _textos(figuras[nombre]))
    for termino in TERMINOS[nombre]:
        assert termino in textos, f"{nombre}: falta «{termino}»"


def test_los_nombres_de_compuertas_son_los_del_glosario(figuras):
    glosario = " | ".join(terminos())
    todos = " | ".join(_plano(t.get_text()) for fig in figuras.values() for t in _textos(fig))
    usados = set(re.findall(r"compuerta de \w+|estado de la celda|valor candidato", todos))
    assert len(usados) >= 6
    faltan = [u for u in usados if u not in glosario]
    assert not faltan, f"términos que no están en course/glosario.md: {faltan}"


def _textos_para_revisar(figuras) -> list[Texto]:
    textos = [Texto(f"{nombre}.png", "rótulo", limpiar_markdown(t.get_text()))
              for nombre, fig in figuras.items() for t in _textos(fig)]
    codigo = (RAIZ / "course" / "diagramas.py").read_text(encoding="utf-8")
    textos += [Texto("diagramas.py", f"renglón {r}", limpiar_markdown(c)) for r, c in cadenas_python(codigo)]
    return textos


def test_ortografia_de_los_diagramas(figuras):
    falta = falta_hunspell()
    if falta:
        saltar_o_fallar(f"Revisión ortográfica imposible: {falta}.")
    malas = palabras_no_aceptadas(_textos_para_revisar(figuras), palabras_del_proyecto())
    assert not malas, f"palabras que el diccionario es_MX no conoce: {malas}"


def test_terminologia_de_los_diagramas(figuras):
    hallazgos = usos_prohibidos(_textos_para_revisar(figuras), reglas())
    assert not hallazgos, "Términos fuera del glosario (course/glosario.md):\n" + "\n".join(hallazgos)


def test_al_calificar_el_diagrama_no_se_dibuja(monkeypatch):
    """Mientras nbgrader califica o valida nadie ve la imagen: no se gasta tiempo en dibujarla."""
    from course.diagramas import diagrama_lstm

    figura = diagrama_lstm()
    assert figura._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert figura._repr_png_() is None
    assert "se dibuja al abrir la lección" in repr(figura)
