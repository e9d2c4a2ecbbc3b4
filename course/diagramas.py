"""Diagramas de las celdas del curso (RNN, LSTM y sus variantes, GRU) dibujados con matplotlib."""

from __future__ import annotations

import io
import os
from numbers import Integral

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path
from matplotlib import patheffects

__all__ = [
    "COLORES",
    "diagrama_rnn_desenrollada",
    "diagrama_lstm",
    "diagrama_lstm_mirillas",
    "diagrama_lstm_acoplada",
    "diagrama_gru",
]

#: Color de cada parte que puede resaltarse; las mismas claves que acepta ``resaltar``.
COLORES = {
    "olvido": "#d62728",
    "entrada": "#2ca02c",
    "estado": "#1f77b4",
    "salida": "#9467bd",
    "actualizacion": "#1f77b4",
    "reinicio": "#ff7f0e",
    "mirillas": "#d62728",
    "acoplada": "#d62728",
}
_NEUTRO = "#333333"
_RELLENO = "#fdf0c2"
_GRIS = "#b8b8b8"
_RELLENO_GRIS = "#f3f3f3"
_FONDO_CELDA = "#eef3f8"
_LETRA = 11  # puntos; las etiquetas pequeñas usan 10
_R_NODO = 0.17  # radio de los nodos ⊙, + y 1−, en pulgadas


# --- Ayudas de dibujo: el lienzo mide en pulgadas, así los círculos son redondos. ---


class _Estilo:
    """Colores según lo resaltado: la parte resaltada en su color, el resto en gris (o todo neutro)."""

    def __init__(self, resaltar: str | None, apagar: bool = True):
        self.resaltar = resaltar
        self.apagar = apagar  # False: lo no resaltado queda neutro (variantes sobre la celda completa)

    def activo(self, grupos) -> bool:
        return self.resaltar is None or self.resaltar in grupos or not self.apagar

    def linea(self, grupos) -> str:
        if self.resaltar is not None and self.resaltar in grupos:
            return COLORES[self.resaltar]
        return _NEUTRO if self.activo(grupos) else _GRIS

    def relleno(self, grupos) -> str:
        return _RELLENO if self.activo(grupos) else _RELLENO_GRIS

    def grosor(self, grupos) -> float:
        return 2.4 if self.resaltar is not None and self.resaltar in grupos else 1.5


class _Pieza:
    """Caja o nodo ya dibujado: centro y medio ancho/alto, para que las flechas lleguen a su borde."""

    def __init__(self, x: float, y: float, ax_: float, ay_: float):
        self.x, self.y, self.ax, self.ay = x, y, ax_, ay_

    def arriba(self, dx: float = 0.0):
        return (self.x + dx, self.y + self.ay)

    def abajo(self, dx: float = 0.0):
        return (self.x + dx, self.y - self.ay)

    def izquierda(self, dy: float = 0.0):
        return (self.x - self.ax, self.y + dy)

    def derecha(self, dy: float = 0.0):
        return (self.x + self.ax, self.y + dy)


class _Diagrama(Figure):
    """Figura que Jupyter muestra como imagen por sí misma, aunque ``pyplot`` no esté listo todavía."""

    def __repr__(self) -> str:
        if os.environ.get("NBGRADER_EXECUTION"):
            from .paneles.base import AVISO_CALIFICACION

            return f"Diagrama {AVISO_CALIFICACION}"
        return super().__repr__()

    def _repr_png_(self) -> bytes | None:
        if os.environ.get("NBGRADER_EXECUTION"):  # al calificar o validar nadie la ve; dibujarla cuesta ~0.4 s
            return None
        salida = io.BytesIO()
        self.savefig(salida, format="png", bbox_inches="tight")
        return salida.getvalue()


def _lienzo(ancho: float, alto: float):
    """Figura de ``ancho × alto`` pulgadas con unos ejes invisibles que la cubren, en pulgadas.

    No pasa por ``pyplot``: la celda que la devuelve la muestra una sola vez y no queda abierta.
    """
    fig = _Diagrama(figsize=(ancho, alto))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, ancho)
    ax.set_ylim(0, alto)
    ax.set_axis_off()
    return fig, ax


def _fondo(ax, x=0.75, y=0.42, ancho=4.75, alto=3.7):
    """El contorno de la celda (LSTM o GRU), detrás de todo."""
    ax.add_patch(FancyBboxPatch((x, y), ancho, alto, boxstyle="round,pad=0,rounding_size=0.15",
                                facecolor=_FONDO_CELDA, edgecolor="#c9d3de", zorder=0, gid="fondo"))


def _texto(ax, x, y, texto, color=_NEUTRO, tam=_LETRA, gid=None, **kw):
    kw.setdefault("ha", "center")
    kw.setdefault("va", "center")
    return ax.text(x, y, texto, color=color, fontsize=tam, gid=gid, zorder=5, **kw)


def _caja(ax, estilo, x, y, texto, grupos=(), gid=None, ancho=0.62, alto=0.42, tam=_LETRA) -> _Pieza:
    """Capa de red (σ, tanh…) como caja redondeada centrada en (x, y)."""
    caja = FancyBboxPatch(
        (x - ancho / 2, y - alto / 2), ancho, alto, boxstyle="round,pad=0,rounding_size=0.08",
        facecolor=estilo.relleno(grupos), edgecolor=estilo.linea(grupos),
        linewidth=estilo.grosor(grupos), zorder=3, gid=gid,
    )
    ax.add_patch(caja)
    _texto(ax, x, y, texto, color=estilo.linea(grupos), tam=tam, gid=gid and f"{gid}_texto")
    return _Pieza(x, y, ancho / 2, alto / 2)


def _nodo(ax, estilo, x, y, simbolo, grupos=(), gid=None) -> _Pieza:
    """Operación elemento a elemento (⊙, +, 1−) como círculo; ``tanh`` como caja pequeña."""
    color = estilo.linea(grupos)
    if simbolo == "tanh":
        return _caja(ax, estilo, x, y, "tanh", grupos, gid, ancho=0.56, alto=0.32, tam=10)
    ax.add_patch(Circle((x, y), _R_NODO, facecolor="white", edgecolor=color,
                        linewidth=estilo.grosor(grupos), zorder=3, gid=gid))
    tam = {"⊙": 15, "+": 15}.get(simbolo, 9)
    _texto(ax, x, y, simbolo, color=color, tam=tam, gid=gid and f"{gid}_texto")
    return _Pieza(x, y, _R_NODO, _R_NODO)


def _flecha(ax, estilo, puntos, grupos=(), punta=True, gid=None):
    """Flecha por una ruta de segmentos rectos ``puntos``; la punta va en el último punto.

    Un borde blanco debajo del trazo deja un hueco visible donde dos flechas se cruzan.
    """
    color = estilo.linea(grupos)
    grosor = estilo.grosor(grupos)
    ruta = Path(puntos, [Path.MOVETO] + [Path.LINETO] * (len(puntos) - 1))
    flecha = FancyArrowPatch(
        path=ruta, arrowstyle="-|>,head_length=0.6,head_width=0.3" if punta else "-",
        mutation_scale=14, color=color, linewidth=grosor, shrinkA=0, shrinkB=0,
        joinstyle="miter", capstyle="butt", zorder=2, gid=gid,
        path_effects=[patheffects.withStroke(linewidth=grosor + 5, foreground="white")],
    )
    flecha.ruta = tuple(puntos)  # en pulgadas: las pruebas revisan de dónde sale y a dónde llega
    ax.add_patch(flecha)
    return flecha


def _union(ax, estilo, x, y, grupos=()):
    """Punto donde una línea se bifurca (la misma información va a dos lugares)."""
    ax.add_patch(Circle((x, y), 0.045, color=estilo.linea(grupos), zorder=4))


def _formulas(ax, estilo, x, y, renglones, paso=0.42):
    """Título (el primer renglón, en negritas) y fórmulas a la derecha del diagrama.

    ``renglones`` = [(texto, grupos, tamaño), …]; ``grupos=None`` es un comentario en color neutro.
    """
    for numero, (texto, grupos, tam) in enumerate(renglones):
        color = _NEUTRO if grupos is None else estilo.linea(grupos)
        _texto(ax, x, y, texto, color=color, tam=tam, ha="left",
               fontweight="bold" if numero == 0 else "normal", gid=f"formula_{numero}")
        y -= paso


def _comprobar(resaltar, validos):
    if resaltar not in validos:
        opciones = ", ".join(repr(v) for v in validos)
        raise ValueError(f"resaltar={resaltar!r} no es válido; usa uno de: {opciones}.")


# --- RNN ---


def diagrama_rnn_desenrollada(T: int = 4) -> Figure:
    """La RNN simple: la celda compacta con su lazo y la misma celda desenrollada en T pasos.

    Cada copia calcula ``h_t = tanh(W·[h_{t-1}; x_t] + b)`` con ``x_t`` (n_x, m), ``h_t`` (n_h, m),
    ``W`` (n_h, n_h + n_x) y ``b`` (n_h, 1): los mismos pesos en todos los pasos.

    Args:
        T: número de pasos desenrollados, de 1 a 6.

    Returns:
        La figura (unas 9 pulgadas de ancho con T = 4).
    """
    if isinstance(T, bool) or not isinstance(T, Integral) or not 1 <= T <= 6:
        raise ValueError(f"T={T!r}: el diagrama desenrolla de 1 a 6 pasos.")
    estilo = _Estilo(None)
    paso = 1.55
    x0 = 3.35  # primera copia desenrollada
    ancho = max(x0 + paso * (T - 1) + 0.75, 5.4)
    fig, ax = _lienzo(ancho, 4.0)
    T = int(T)
    y, y_x, y_h = 2.05, 0.75, 3.25

    # Forma compacta: h_t sale por arriba y vuelve a entrar por la izquierda como h_{t-1}.
    cx = 1.4
    celda = _caja(ax, estilo, cx, y, "tanh\n$W,\\ b$", gid="rnn_compacta", ancho=0.8, alto=0.8)
    _flecha(ax, estilo, [(cx, y_x), celda.abajo()])
    _texto(ax, cx, y_x - 0.2, "$x_t$")
    _flecha(ax, estilo, [celda.arriba(), (cx, y_h)])
    _texto(ax, cx, y_h + 0.2, "$h_t$")
    _union(ax, estilo, cx, 2.85)
    _flecha(ax, estilo, [(cx, 2.85), (0.4, 2.85), (0.4, y), celda.izquierda()], gid="rnn_lazo")
    _texto(ax, 0.72, 2.64, "$h_{t-1}$", tam=10)
    _texto(ax, cx, 3.8, "compacta", tam=10)
    _texto(ax, 2.38, y, "=", tam=18)

    # Forma desenrollada.
    anterior = (x0 - 0.75, y)
    _texto(ax, x0 - 0.68, y + 0.22, "$h_0$", tam=10)
    for t in range(1, T + 1):
        x = x0 + paso * (t - 1)
        copia = _caja(ax, estilo, x, y, "tanh\n$W,\\ b$", gid=f"rnn_paso_{t}", ancho=0.8, alto=0.8)
        _flecha(ax, estilo, [anterior, copia.izquierda()])
        _flecha(ax, estilo, [(x, y_x), copia.abajo()])
        _texto(ax, x, y_x - 0.2, f"$x_{t}$")
        _flecha(ax, estilo, [copia.arriba(), (x, y_h)])
        _texto(ax, x, y_h + 0.2, f"$h_{t}$")
        _texto(ax, x + 0.34, 1.25, f"$t = {t}$", tam=9, color="#666666")
        if t > 1:
            _texto(ax, x - paso / 2, y + 0.22, f"$h_{t - 1}$", tam=10)
        anterior = copia.derecha()
    _texto(ax, (x0 + x) / 2, 3.8, "desenrollada en el tiempo", tam=10)
    _texto(ax, 0.1, 0.15, r"$h_t = \tanh(W \cdot [h_{t-1};\ x_t] + b)$", tam=10, ha="left", gid="formula_rnn")
    _texto(ax, ancho - 0.1, 0.15, "mismos pesos $W$, $b$ en cada paso", tam=10, ha="right", fontstyle="italic")
    return fig


# --- LSTM y variantes ---

_LSTM_FORMULAS = {
    "olvido": [r"$f_t = \sigma(W_f \cdot [h_{t-1};\ x_t] + b_f)$"],
    "entrada": [
        r"$i_t = \sigma(W_i \cdot [h_{t-1};\ x_t] + b_i)$",
        r"$\tilde{C}_t = \tanh(W_C \cdot [h_{t-1};\ x_t] + b_C)$",
    ],
    "estado": [r"$C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t$"],
    "salida": [
        r"$o_t = \sigma(W_o \cdot [h_{t-1};\ x_t] + b_o)$",
        r"$h_t = o_t \odot \tanh(C_t)$",
    ],
}
_LSTM_TITULOS = {
    "olvido": "compuerta de olvido",
    "entrada": "compuerta de entrada\ny valor candidato",
    "estado": "estado de la celda",
    "salida": "compuerta de salida",
}
# Qué hace cada parte, en palabras de las lecciones 02 a 05 (solo al resaltarla).
_LSTM_NOTAS = {
    "olvido": [r"$f_t \approx 1$: conserva;  $f_t \approx 0$: olvida"],
    "entrada": [r"$i_t \odot \tilde{C}_t$: lo que se escribe"],
    "estado": [r"$f_t \odot C_{t-1}$: lo que se conserva", r"$i_t \odot \tilde{C}_t$: lo que se escribe"],
    "salida": ["decide qué parte de la cinta\nse muestra en $h_t$"],
}


def _celda_lstm(ax, estilo, acoplada=False):
    """Dibuja la celda LSTM y devuelve sus piezas (para que las variantes agreguen caminos)."""
    Y_CINTA, Y_BUS, Y_CAPA, Y_ESCRIBE = 3.75, 1.05, 1.95, 2.85
    X_F, X_I, X_C, X_O, X_H = 1.65, 2.55, 3.45, 4.25, 5.0
    X_SUMA = 3.0 if not acoplada else 3.45
    _fondo(ax)
    piezas = {}

    # La cinta: C_{t-1} → ⊙ f_t → + → C_t.
    cinta = {"estado"}
    olv = {"olvido", "estado"}
    piezas["por_f"] = pf = _nodo(ax, estilo, X_F, Y_CINTA, "⊙", olv, gid="nodo_olvido")
    piezas["suma"] = suma = _nodo(ax, estilo, X_SUMA, Y_CINTA, "+", cinta | {"entrada"}, gid="nodo_suma")
    _flecha(ax, estilo, [(0.3, Y_CINTA), pf.izquierda()], cinta, gid="cinta_entra")
    _flecha(ax, estilo, [pf.derecha(), suma.izquierda()], cinta)
    _flecha(ax, estilo, [suma.derecha(), (5.85, Y_CINTA)], cinta | {"salida"}, gid="cinta_sale")
    _texto(ax, 0.38, Y_CINTA + 0.25, "$C_{t-1}$", tam=10, color=estilo.linea(cinta))
    _texto(ax, 5.75, Y_CINTA + 0.25, "$C_t$", tam=10, color=estilo.linea(cinta | {"salida"}))
    _texto(ax, (X_F + X_SUMA) / 2 + 0.05, Y_CINTA + 0.25, "cinta", tam=9, color=estilo.linea(cinta),
           fontstyle="italic")

    # La entrada de todas las capas: [h_{t-1}; x_t].
    bus = {"olvido", "entrada", "salida"}
    _texto(ax, 0.38, Y_BUS + 0.25, "$h_{t-1}$", tam=10, color=estilo.linea(bus))
    _flecha(ax, estilo, [(1.1, 0.12), (1.1, Y_BUS)], bus, punta=False)
    _union(ax, estilo, 1.1, Y_BUS, bus)
    _texto(ax, 0.9, 0.2, "$x_t$", tam=10, color=estilo.linea(bus))

    # Las cuatro capas, cada una con su nombre debajo de la entrada común.
    capas = [("olvido", X_F, "σ", {"olvido"}, "compuerta\nde olvido", "$f_t$"),
             ("entrada", X_I, "σ", {"entrada"}, "compuerta\nde entrada", "$i_t$"),
             ("candidato", X_C, "tanh", {"entrada"}, "valor\ncandidato", r"$\tilde{C}_t$"),
             ("salida", X_O, "σ", {"salida"}, "compuerta\nde salida", "$o_t$")]
    if acoplada:
        capas = [c for c in capas if c[0] != "entrada"]
    # Cada tramo de la entrada común lleva el color de las capas que alimenta más adelante.
    x_ant = 0.3
    for k, capa in enumerate(capas):
        _flecha(ax, estilo, [(x_ant, Y_BUS), (capa[1], Y_BUS)], set().union(*(c[3] for c in capas[k:])),
                punta=False)
        x_ant = capa[1]
    for nombre, x, simbolo, grupos, rotulo, salida in capas:
        piezas[nombre] = caja = _caja(ax, estilo, x, Y_CAPA, simbolo, grupos, gid=f"capa_{nombre}")
        _flecha(ax, estilo, [(x, Y_BUS), caja.abajo()], grupos)
        _texto(ax, x, 0.72, rotulo, tam=9, color=estilo.linea(grupos), linespacing=1.0,
               gid=f"rotulo_{nombre}")
        piezas[f"rotulo_{nombre}"] = salida

    # f_t sube a la cinta.
    _flecha(ax, estilo, [piezas["olvido"].arriba(), pf.abajo()], olv)
    _texto(ax, X_F - 0.2, 2.65, "$f_t$", tam=10, color=estilo.linea(olv))

    # Lo que se escribe: i_t ⊙ C̃_t (o (1 − f_t) ⊙ C̃_t en la acoplada) sube al +.
    esc = {"entrada"}
    piezas["escribe"] = pe = _nodo(ax, estilo, X_SUMA, Y_ESCRIBE, "⊙", esc | cinta, gid="nodo_escribe")
    _flecha(ax, estilo, [pe.arriba(), suma.abajo()], esc | cinta)
    if not acoplada:
        _flecha(ax, estilo, [piezas["entrada"].arriba(), (X_I, Y_ESCRIBE), pe.izquierda()], esc)
        _texto(ax, X_I - 0.2, 2.6, "$i_t$", tam=10, color=estilo.linea(esc))
        _flecha(ax, estilo, [piezas["candidato"].arriba(), (X_C, Y_ESCRIBE), pe.derecha()], esc)
        _texto(ax, X_C + 0.25, 2.5, r"$\tilde{C}_t$", tam=10, color=estilo.linea(esc))
    else:
        _flecha(ax, estilo, [piezas["candidato"].arriba(), pe.abajo()], esc)
        _texto(ax, X_C + 0.25, 2.45, r"$\tilde{C}_t$", tam=10, color=estilo.linea(esc))

    # La salida: tanh(C_t) ⊙ o_t = h_t.
    sal = {"salida"}
    _union(ax, estilo, X_H, Y_CINTA, sal | cinta)
    piezas["tanh_C"] = tc = _nodo(ax, estilo, X_H, 2.95, "tanh", sal, gid="tanh_estado")
    piezas["por_o"] = po = _nodo(ax, estilo, X_H, Y_CAPA, "⊙", sal, gid="nodo_salida")
    _flecha(ax, estilo, [(X_H, Y_CINTA), tc.arriba()], sal)
    _flecha(ax, estilo, [tc.abajo(), po.arriba()], sal)
    _flecha(ax, estilo, [piezas["salida"].derecha(), po.izquierda()], sal)
    _texto(ax, (X_O + X_H) / 2 + 0.05, Y_CAPA - 0.24, "$o_t$", tam=10, color=estilo.linea(sal))
    _flecha(ax, estilo, [po.abajo(), (X_H, 0.6), (5.85, 0.6)], sal, gid="h_sale")
    _texto(ax, 5.72, 0.82, "$h_t$", tam=10, color=estilo.linea(sal))
    return piezas


def diagrama_lstm(resaltar: str | None = None) -> Figure:
    """La celda LSTM: cuatro capas (σ olvido, σ entrada, tanh candidato, σ salida), la cinta arriba.

    Cada capa lee ``[h_{t-1}; x_t]`` (n_h + n_x, m) con su ``W`` (n_h, n_h + n_x) y ``b`` (n_h, 1);
    ``f_t``, ``i_t``, ``C̃_t``, ``o_t``, ``C_t`` y ``h_t`` son (n_h, m).

    Args:
        resaltar: ``None`` (la celda completa, en un solo color) o una de ``"olvido"``,
            ``"entrada"``, ``"estado"``, ``"salida"``: ese camino va en color con su fórmula y
            el resto en gris, para construir la celda compuerta por compuerta (lecciones 02 a 05).

    Returns:
        La figura, de 9 × 4.3 pulgadas.
    """
    _comprobar(resaltar, (None, *_LSTM_FORMULAS))
    estilo = _Estilo(resaltar)
    fig, ax = _lienzo(9.0, 4.3)
    _celda_lstm(ax, estilo)
    if resaltar is None:
        renglones = [("celda LSTM", (), 12)]
        renglones += [(f, (), 10.5) for clave in _LSTM_FORMULAS for f in _LSTM_FORMULAS[clave]]
    else:
        renglones = [(_LSTM_TITULOS[resaltar], {resaltar}, 12)]
        renglones += [(f, {resaltar}, 11) for f in _LSTM_FORMULAS[resaltar]]
        renglones += [(n, None, 10.5) for n in _LSTM_NOTAS[resaltar]]
    _formulas(ax, estilo, 6.05, 3.75, renglones)
    return fig


def diagrama_lstm_mirillas() -> Figure:
    """LSTM con mirillas: ``C_{t-1}`` entra a las compuertas de olvido y de entrada, ``C_t`` a la de salida.

    Las compuertas leen ``[C_{t-1}; h_{t-1}; x_t]`` (o ``[C_t; h_{t-1}; x_t]``), así que su ``W`` es
    (n_h, 2·n_h + n_x); el candidato no cambia.
    """
    estilo = _Estilo("mirillas", apagar=False)
    fig, ax = _lienzo(9.0, 4.3)
    p = _celda_lstm(ax, estilo)
    m = {"mirillas"}
    # C_{t-1} baja antes del ⊙ de olvido hacia f e i; C_t baja hacia o.
    _union(ax, estilo, 1.12, 3.75, m)
    _flecha(ax, estilo, [(1.12, 3.75), (1.12, p["olvido"].y + 0.1), p["olvido"].izquierda(0.1)], m)
    _flecha(ax, estilo, [(1.12, 2.38), (p["entrada"].x - 0.14, 2.38), p["entrada"].arriba(-0.14)], m)
    _union(ax, estilo, 1.12, 2.38, m)
    _union(ax, estilo, p["salida"].x, 3.75, m)
    _flecha(ax, estilo, [(p["salida"].x, 3.75), p["salida"].arriba()], m)
    _formulas(ax, estilo, 6.05, 3.75, [
        ("LSTM con mirillas", m, 12),
        (r"$f_t = \sigma(W_f \cdot [C_{t-1};\ h_{t-1};\ x_t] + b_f)$", m, 10.5),
        (r"$i_t = \sigma(W_i \cdot [C_{t-1};\ h_{t-1};\ x_t] + b_i)$", m, 10.5),
        (r"$o_t = \sigma(W_o \cdot [C_t;\ h_{t-1};\ x_t] + b_o)$", m, 10.5),
        (r"$\tilde{C}_t$ y $C_t$ como siempre", (), 10.5),
    ], paso=0.45)
    return fig


def diagrama_lstm_acoplada() -> Figure:
    """LSTM acoplada: no hay compuerta de entrada; ``1 − f_t`` decide cuánto del candidato se escribe.

    ``C_t = f_t ⊙ C_{t-1} + (1 − f_t) ⊙ C̃_t``, todo (n_h, m): tres capas en lugar de cuatro.
    """
    estilo = _Estilo("acoplada", apagar=False)
    fig, ax = _lienzo(9.0, 4.3)
    p = _celda_lstm(ax, estilo, acoplada=True)
    a = {"acoplada"}
    uno_menos = _nodo(ax, estilo, 2.45, p["escribe"].y, "1−", a, gid="nodo_uno_menos")
    _union(ax, estilo, p["olvido"].x, 2.45, a)
    _flecha(ax, estilo, [(p["olvido"].x, 2.45), (uno_menos.x, 2.45), uno_menos.abajo()], a)
    _flecha(ax, estilo, [uno_menos.derecha(), p["escribe"].izquierda()], a)
    _texto(ax, 2.75, p["escribe"].y + 0.25, "$1 - f_t$", tam=10, color=estilo.linea(a))
    _formulas(ax, estilo, 6.05, 3.75, [
        ("LSTM acoplada", a, 12),
        ("sin compuerta de entrada:", (), 10.5),
        (r"$1 - f_t$ ocupa el lugar de $i_t$", a, 10.5),
        (r"$C_t = f_t \odot C_{t-1} + (1 - f_t) \odot \tilde{C}_t$", a, 10.5),
    ], paso=0.45)
    return fig


# --- GRU ---

_GRU_FORMULAS = {
    "actualizacion": ("compuerta de actualización", [
        r"$z_t = \sigma(W_z \cdot [h_{t-1};\ x_t] + b_z)$",
        r"$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t$",
    ]),
    "reinicio": ("compuerta de reinicio", [
        r"$r_t = \sigma(W_r \cdot [h_{t-1};\ x_t] + b_r)$",
        r"$\tilde{h}_t = \tanh(W_{\tilde{h}} \cdot [r_t \odot h_{t-1};\ x_t] + b_{\tilde{h}})$",
    ]),
}
# Qué hace cada compuerta, como lo dice la lección 08 (solo al resaltarla).
_GRU_NOTAS = {
    "actualizacion": [r"$z_t = 0$: se copia $h_{t-1}$", r"$z_t = 1$: se toma el candidato"],
    "reinicio": [r"$r_t = 0$: el candidato solo ve $x_t$"],
}


def diagrama_gru(resaltar: str | None = None) -> Figure:
    """La celda GRU: una sola memoria ``h_t`` arriba, compuertas ``z_t`` y ``r_t`` y el candidato ``h̃_t``.

    ``h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t`` (la convención de la lección 08); todo es (n_h, m) y
    cada ``W`` es (n_h, n_h + n_x).

    Args:
        resaltar: ``None``, ``"actualizacion"`` (``z_t`` y la mezcla de arriba) o ``"reinicio"``
            (``r_t`` y el candidato).
    """
    _comprobar(resaltar, (None, *_GRU_FORMULAS))
    estilo = _Estilo(resaltar)
    fig, ax = _lienzo(9.0, 4.45)
    Y_H, Y_BUS, Y_CAPA, Y_R, Y_Z, Y_1MZ = 3.9, 1.05, 1.95, 2.6, 2.92, 3.4
    X_IZQ, X_X, X_R, X_Z, X_C = 0.95, 1.25, 1.85, 2.85, 4.75
    _fondo(ax, alto=3.85)
    act, rei = {"actualizacion"}, {"reinicio"}
    todo = act | rei

    # La memoria de arriba: h_{t-1} → ⊙ (1 − z_t) → + → h_t.
    por_1mz = _nodo(ax, estilo, X_Z, Y_H, "⊙", act, gid="nodo_conserva")
    suma = _nodo(ax, estilo, X_C, Y_H, "+", act, gid="nodo_suma")
    _flecha(ax, estilo, [(0.3, Y_H), por_1mz.izquierda()], act)
    _flecha(ax, estilo, [por_1mz.derecha(), suma.izquierda()], act)
    _flecha(ax, estilo, [suma.derecha(), (5.85, Y_H)], act)
    _texto(ax, 0.38, Y_H + 0.25, "$h_{t-1}$", tam=10, color=estilo.linea(todo))
    _texto(ax, 5.75, Y_H + 0.25, "$h_t$", tam=10, color=estilo.linea(act))

    # h_{t-1} baja a la entrada común y a r_t ⊙ h_{t-1}; x_t entra por abajo.
    _union(ax, estilo, X_IZQ, Y_H, todo)
    _flecha(ax, estilo, [(X_IZQ, Y_H), (X_IZQ, Y_BUS), (X_R, Y_BUS)], todo, punta=False)
    _flecha(ax, estilo, [(X_R, Y_BUS), (X_Z, Y_BUS)], act, punta=False)
    _flecha(ax, estilo, [(X_X, 0.12), (X_X, Y_BUS)], todo, punta=False)
    _union(ax, estilo, X_X, Y_BUS, todo)
    _texto(ax, X_X - 0.2, 0.2, "$x_t$", tam=10, color=estilo.linea(todo))

    # Las compuertas.
    caja_r = _caja(ax, estilo, X_R, Y_CAPA, "σ", rei, gid="capa_reinicio")
    caja_z = _caja(ax, estilo, X_Z, Y_CAPA, "σ", act, gid="capa_actualizacion")
    cand = _caja(ax, estilo, X_C, Y_CAPA, "tanh", rei, gid="capa_candidato")
    for caja, grupos in ((caja_r, rei), (caja_z, act)):
        _flecha(ax, estilo, [(caja.x, Y_BUS), caja.abajo()], grupos)
    for x, rotulo, grupos, gid in ((X_R, "compuerta\nde reinicio", rei, "rotulo_reinicio"),
                                   (X_Z, "compuerta de\nactualización", act, "rotulo_actualizacion"),
                                   (X_C - 0.42, "candidato", rei, "rotulo_candidato")):
        _texto(ax, x, 0.72, rotulo, tam=9, color=estilo.linea(grupos), linespacing=1.0, gid=gid)

    # r_t ⊙ h_{t-1} → candidato (que también lee x_t).
    por_r = _nodo(ax, estilo, X_R, Y_R, "⊙", rei, gid="nodo_reinicio")
    _union(ax, estilo, X_IZQ, Y_R, rei)
    _flecha(ax, estilo, [(X_IZQ, Y_R), por_r.izquierda()], rei)
    _flecha(ax, estilo, [caja_r.arriba(), por_r.abajo()], rei)
    _texto(ax, X_R - 0.2, 2.3, "$r_t$", tam=10, color=estilo.linea(rei))
    _flecha(ax, estilo, [por_r.derecha(), (3.9, Y_R), (3.9, Y_CAPA), cand.izquierda()], rei)
    _texto(ax, 2.42, Y_R + 0.2, r"$r_t \odot h_{t-1}$", tam=9, color=estilo.linea(rei))
    _union(ax, estilo, X_X, 0.3, rei)
    _flecha(ax, estilo, [(X_X, 0.3), (X_C, 0.3), cand.abajo()], rei)

    # z_t: 1 − z_t multiplica a h_{t-1}; z_t multiplica al candidato.
    uno_menos = _nodo(ax, estilo, X_Z, Y_1MZ, "1−", act, gid="nodo_uno_menos")
    _flecha(ax, estilo, [caja_z.arriba(), uno_menos.abajo()], act)
    _flecha(ax, estilo, [uno_menos.arriba(), por_1mz.abajo()], act)
    _union(ax, estilo, X_Z, Y_Z, act)
    por_z = _nodo(ax, estilo, X_C, Y_Z, "⊙", act, gid="nodo_mezcla")
    _flecha(ax, estilo, [(X_Z, Y_Z), por_z.izquierda()], act)
    _texto(ax, X_Z + 0.2, 2.35, "$z_t$", tam=10, color=estilo.linea(act))
    _flecha(ax, estilo, [cand.arriba(), por_z.abajo()], rei | act)
    _texto(ax, X_C + 0.25, 2.3, r"$\tilde{h}_t$", tam=10, color=estilo.linea(rei | act))
    _flecha(ax, estilo, [por_z.arriba(), suma.abajo()], act)

    if resaltar is None:
        renglones = [("celda GRU", (), 12)]
        renglones += [(f, (), 10.5) for clave in ("actualizacion", "reinicio") for f in _GRU_FORMULAS[clave][1]]
    else:
        titulo, formulas = _GRU_FORMULAS[resaltar]
        renglones = [(titulo, {resaltar}, 12)] + [(f, {resaltar}, 10.5) for f in formulas]
        renglones += [(n, None, 10.5) for n in _GRU_NOTAS[resaltar]]
    _formulas(ax, estilo, 6.05, Y_H, renglones)
    return fig
