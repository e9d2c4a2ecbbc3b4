"""Frases de «los gatos» para la concordancia singular/plural con una LSTM de una unidad."""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "RASGOS",
    "CLAUSULAS",
    "UMBRAL",
    "frase_gatos",
    "frases_gatos",
    "codificar",
    "lote_gatos",
    "verbo_correcto",
    "predecir_verbo",
    "revisar_concordancia",
]

#: Lo que la red ve de cada palabra: ¿es «gato»?, ¿es «gatos»?, ¿es otra palabra?
RASGOS = ("gato", "gatos", "otra")

#: Cláusulas que alejan al sujeto del verbo; ninguna contiene «gato» ni «gatos».
CLAUSULAS = (
    "que la vecina encontró en la azotea",
    "durante la tormenta de anoche",
    "cerca del mercado de Coyoacán",
    "con mucha hambre y sin prisa",
    "después de una siesta muy larga",
    "junto a la ventana de la cocina",
    "mientras la abuela preparaba tamales",
    "aunque nadie había dado permiso",
    "en la casa de Angelito",
    "bajo la lluvia de la tarde",
    "a pesar del ruido de la calle",
    "desde que llegó el camión de la basura",
)

_INICIOS = ("", "ayer", "por la mañana", "en Pantitlán")

#: |h_T| por debajo de este valor cuenta como «la red no se decide».
UMBRAL = 0.1


def frase_gatos(plural: bool, n_clausulas: int, rng: np.random.Generator) -> list[str]:
    """Palabras de una frase sin su verbo final: [inicio] el gato / los gatos + cláusulas."""
    inicio = _INICIOS[int(rng.integers(len(_INICIOS)))].split()
    sujeto = ["los", "gatos"] if plural else ["el", "gato"]
    elegidas = rng.choice(len(CLAUSULAS), size=n_clausulas, replace=n_clausulas > len(CLAUSULAS))
    palabras = inicio + sujeto
    for indice in elegidas:
        palabras += CLAUSULAS[int(indice)].split()
    return palabras


def frases_gatos(n: int, n_clausulas: int, semilla: int) -> list[list[str]]:
    """``n`` frases al azar (mitad singular, mitad plural en promedio) con ``n_clausulas`` cada una."""
    rng = np.random.default_rng(semilla)
    return [frase_gatos(bool(rng.integers(2)), n_clausulas, rng) for _ in range(n)]


def codificar(palabras: list[str]) -> np.ndarray:
    """Rasgos de cada palabra: x de forma (3, 1, T) con una columna por ejemplo (aquí m = 1)."""
    x = np.zeros((len(RASGOS), 1, len(palabras)))
    for t, palabra in enumerate(palabras):
        fila = RASGOS.index(palabra) if palabra in RASGOS[:2] else 2
        x[fila, 0, t] = 1.0
    return x


def lote_gatos(frases: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Varias frases en un lote: x (3, m, T) con las frases cortas rellenadas AL PRINCIPIO con «otra palabra»
    (el verbo de todas queda en el último paso) y y (1, m) con 1 para «estaban» y 0 para «estaba»."""
    T = max(len(palabras) for palabras in frases)
    x = np.zeros((len(RASGOS), len(frases), T))
    y = np.zeros((1, len(frases)))
    for j, palabras in enumerate(frases):
        relleno = T - len(palabras)
        x[2, j, :relleno] = 1.0
        x[:, j, relleno:] = codificar(palabras)[:, 0, :]
        y[0, j] = float(verbo_correcto(palabras) == "estaban")
    return x, y


def verbo_correcto(palabras: list[str]) -> str:
    """«estaban» si el sujeto es «gatos», «estaba» si es «gato»."""
    return "estaban" if "gatos" in palabras else "estaba"


def _columna(palabra: str) -> int:
    return 1 + (RASGOS.index(palabra) if palabra in RASGOS[:2] else 2)


def predecir_verbo(p: dict, palabras: list[str]) -> tuple[str, float]:
    """Lee la frase con la LSTM de UNA unidad de parámetros ``p`` desde h0 = C0 = 0.

    Cada ``W_k`` es (1, 4) sobre [h_prev, «gato», «gatos», otra palabra]. Las cuentas son con
    números sueltos (no con arreglos): sirven solo para esta red de una unidad, no para los
    ejercicios. Devuelve ``(verbo, h_T)``: «estaban» si h_T > UMBRAL, «estaba» si h_T < -UMBRAL
    y «¿?» si la red no se decide.
    """
    w = {k: [float(v) for v in np.asarray(p[f"W_{k}"], dtype=float).ravel()] for k in ("f", "i", "C", "o")}
    b = {k: float(np.asarray(p[f"b_{k}"], dtype=float).ravel()[0]) for k in ("f", "i", "C", "o")}
    h = c = 0.0
    for palabra in palabras:
        j = _columna(palabra)
        a = {k: w[k][0] * h + w[k][j] + b[k] for k in w}
        abre = {k: 0.5 * (1.0 + math.tanh(a[k] / 2)) for k in ("f", "i", "o")}  # σ(a) escrita con tanh
        c = abre["f"] * c + abre["i"] * math.tanh(a["C"])
        h = abre["o"] * math.tanh(c)
    if h > UMBRAL:
        return "estaban", h
    if h < -UMBRAL:
        return "estaba", h
    return "¿?", h


def revisar_concordancia(p: dict, frases: list[list[str]]) -> None:
    """Exige que la red elija el verbo correcto en cada frase; si no, explica en cuál falló."""
    for palabras in frases:
        verbo, h_T = predecir_verbo(p, palabras)
        correcto = verbo_correcto(palabras)
        texto = " ".join(palabras)
        if len(texto) > 90:
            texto = texto[:40] + " … " + texto[-40:]
        if verbo == "¿?":
            raise AssertionError(
                f"Tu red no se decide en «{texto} ___» ({len(palabras)} palabras): h_T = {h_T:.3g}, "
                f"y necesita |h_T| > {UMBRAL}. ¿La compuerta de olvido deja pasar casi todo en las "
                "palabras de relleno y la compuerta de salida está abierta al final?"
            )
        if verbo != correcto:
            raise AssertionError(
                f"Tu red eligió «{verbo}» en «{texto} ___» ({len(palabras)} palabras); lo correcto es "
                f"«{correcto}» (h_T = {h_T:.3g}). ¿Confundiste el signo del singular y el plural en el "
                "valor candidato, o escribes en la cinta con palabras que no son el sujeto?"
            )
