"""Extrae el texto que leen los estudiantes (markdown y cadenas de Python) y lo revisa con hunspell es_MX."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import nbformat

__all__ = [
    "DICCIONARIO",
    "CARPETA",
    "Texto",
    "falta_hunspell",
    "palabras_del_proyecto",
    "limpiar_markdown",
    "limpiar_cadena",
    "cadenas_python",
    "textos_de_cuaderno",
    "textos_de_modulo",
    "palabras",
    "desconocidas",
    "sugerencias",
    "sin_acentos",
    "palabras_no_aceptadas",
]

#: Diccionario de español de México que instala el paquete hunspell-es de Debian.
DICCIONARIO = "es_MX"
#: Carpeta de las listas de palabras del proyecto (*.txt, una por renglón, `#` inicia un comentario).
CARPETA = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Texto:
    """Un trozo de texto y dónde está: ``origen`` (archivo) y ``lugar`` (celda o renglón)."""

    origen: str
    lugar: str
    texto: str


def falta_hunspell() -> str | None:
    """``None`` si hunspell y el diccionario es_MX están instalados; si no, qué falta (en español)."""
    if shutil.which("hunspell") is None:
        return "falta el programa hunspell (make sistema instala los paquetes hunspell y hunspell-es)"
    resultado = subprocess.run(["hunspell", "-D"], input="", capture_output=True, text=True)
    if not re.search(rf"/{DICCIONARIO}$", resultado.stdout + resultado.stderr, re.M):
        return f"falta el diccionario {DICCIONARIO} de hunspell (paquete hunspell-es de Debian)"
    return None


def palabras_del_proyecto(carpeta: Path = CARPETA) -> set[str]:
    """Todas las palabras aceptadas de ``carpeta/*.txt``."""
    aceptadas = set()
    for archivo in sorted(carpeta.glob("*.txt")):
        for renglon in archivo.read_text(encoding="utf-8").splitlines():
            palabra = renglon.split("#", 1)[0].strip()
            if palabra:
                aceptadas.add(palabra)
    return aceptadas


# --- Limpieza: fuera fórmulas, código, direcciones y etiquetas; queda la prosa. ---

_MARKDOWN = [
    (re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M), " "),  # bloques de código
    (re.compile(r"\$\$.*?\$\$", re.S), " "),  # fórmulas en bloque
    (re.compile(r"\\\[.*?\\\]|\\\(.*?\\\)", re.S), " "),  # \[…\] y \(…\)
    (re.compile(r"(?<!\\)\$(?:\\\$|[^$])+?\$"), " "),  # fórmulas en línea
    (re.compile(r"`+[^`]*`+"), " "),  # código en línea
    (re.compile(r"<!--.*?-->", re.S), " "),  # comentarios de HTML
    (re.compile(r"<[^>\n]+>"), " "),  # etiquetas de HTML
    (re.compile(r"&#?\w+;"), " "),  # entidades de HTML
    (re.compile(r"\]\([^)]*\)"), "]"),  # destino de los enlaces
    (re.compile(r"https?://\S+|www\.\S+"), " "),  # direcciones
    (re.compile(r"(?<![\w\\])(__?)(?=\S)(.+?)(?<=\S)\1(?!\w)"), r"\2"),  # _cursivas_ y __negritas__
]

# Lo que parece código dentro de la prosa o de un mensaje: nombres con _ o dígitos (n_h, h0, W_x),
# nombres con puntos (np.linalg.norm), llamadas (tanh(...)) y roles de reST (:func:).
_CODIGO = [
    (re.compile(r"`+[^`]*`+"), " "),
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r":\w+:"), " "),
    (re.compile(r"\b\w+(?:\.\w+)+\b"), " "),
    (re.compile(r"\b\w+\("), " "),
    (re.compile(r"\b\w*[\d_]\w*\b"), " "),
]

_PALABRA = re.compile(r"[^\W\d_]+")


def limpiar_markdown(texto: str) -> str:
    """Prosa de una celda de markdown, sin LaTeX, código, HTML, enlaces ni nombres de código."""
    for patron, cambio in _MARKDOWN + _CODIGO:
        texto = patron.sub(cambio, texto)
    return texto


def limpiar_cadena(texto: str) -> str:
    """Prosa de un mensaje de Python, sin nombres de código."""
    for patron, cambio in _CODIGO:
        texto = patron.sub(cambio, texto)
    return texto


def _partes(nodo: ast.AST) -> Iterable[str]:
    if isinstance(nodo, ast.Constant) and isinstance(nodo.value, str):
        yield nodo.value
    elif isinstance(nodo, ast.JoinedStr):  # f-string: el texto fijo, con un hueco por cada {…}
        yield " ".join(v.value for v in nodo.values if isinstance(v, ast.Constant) and isinstance(v.value, str))


def cadenas_python(codigo: str) -> list[tuple[int, str]]:
    """``(renglón, texto)`` de cada cadena de ``codigo`` que es un mensaje: tiene al menos un espacio
    (las demás son nombres, claves o formatos: ``"W_h"``, ``"ih,hmt->imt"``).

    Los comandos mágicos de IPython (``%``, ``!``) se ignoran; un código que no es Python válido falla.
    """
    limpio = "\n".join("" if l.lstrip().startswith(("%", "!")) else l for l in codigo.splitlines())
    arbol = ast.parse(limpio)
    dentro_de_fstring = {id(v) for n in ast.walk(arbol) if isinstance(n, ast.JoinedStr) for v in n.values}
    salida = []
    for nodo in ast.walk(arbol):
        if id(nodo) in dentro_de_fstring:
            continue
        for texto in _partes(nodo):
            if re.search(r"\s", texto.strip()):
                salida.append((nodo.lineno, texto))
    return sorted(salida)


def textos_de_cuaderno(ruta: Path) -> list[Texto]:
    """Markdown de cada celda y mensajes de cada celda de código de un cuaderno."""
    nb = nbformat.read(str(ruta), as_version=4)
    textos = []
    for numero, celda in enumerate(nb.cells):
        lugar = f"celda {celda.get('id') or numero}"
        if celda.cell_type == "markdown":
            textos.append(Texto(ruta.name, lugar, limpiar_markdown(celda.source)))
        elif celda.cell_type == "code":
            try:
                cadenas = cadenas_python(celda.source)
            except SyntaxError as error:
                raise AssertionError(f"{ruta.name} — {lugar}: no es Python válido ({error})") from error
            for renglon, cadena in cadenas:
                textos.append(Texto(ruta.name, f"{lugar}, renglón {renglon}", limpiar_cadena(cadena)))
    return textos


def textos_de_modulo(ruta: Path) -> list[Texto]:
    """Mensajes y docstrings de un módulo de Python."""
    return [Texto(ruta.name, f"renglón {renglon}", limpiar_cadena(cadena))
            for renglon, cadena in cadenas_python(ruta.read_text(encoding="utf-8"))]


def palabras(texto: str) -> list[str]:
    """Palabras de dos letras o más (las letras sueltas son variables: m, T, W).

    Solo cuentan letras: un superíndice como el de «x²» separa palabras.
    """
    trozos = ("".join(c if c.isalpha() else " " for c in p).split() for p in _PALABRA.findall(texto))
    return [p for trozo in trozos for p in trozo if len(p) > 1]


def _hunspell(opcion: str, entrada: Iterable[str]) -> str:
    resultado = subprocess.run(
        ["hunspell", "-d", DICCIONARIO, "-i", "utf-8", opcion],
        input="\n".join(entrada) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return resultado.stdout


def desconocidas(lista: Iterable[str]) -> set[str]:
    """Las palabras de ``lista`` que el diccionario es_MX no conoce."""
    unicas = sorted(set(lista))
    if not unicas:
        return set()
    return {p.strip() for p in _hunspell("-l", unicas).splitlines() if p.strip()}


def sugerencias(lista: Iterable[str]) -> dict[str, list[str]]:
    """Sugerencias de hunspell para cada palabra desconocida de ``lista``."""
    unicas = sorted(set(lista))
    salida = {}
    # En modo -a, un renglón que empieza con ^ se revisa tal cual (sin interpretarse como orden).
    for renglon in _hunspell("-a", ("^" + p for p in unicas)).splitlines():
        if renglon.startswith("&"):
            cabeza, propuestas = renglon.split(":", 1)
            salida[cabeza.split()[1]] = [s.strip() for s in propuestas.split(",")]
        elif renglon.startswith("#"):
            salida[renglon.split()[1]] = []
    return salida


def sin_acentos(texto: str) -> str:
    """``texto`` en minúsculas y sin tildes ni diéresis (la ñ también pierde su tilde)."""
    return "".join(c for c in unicodedata.normalize("NFD", texto.lower()) if not unicodedata.combining(c))


def palabras_no_aceptadas(textos: Iterable[Texto], aceptadas: set[str]) -> dict[str, list[str]]:
    """``{palabra: [«origen — lugar», …]}`` de las palabras que ni hunspell ni la lista del proyecto aceptan.

    La lista del proyecto no distingue mayúsculas: «LSTM» también acepta «lstm».
    """
    textos = list(textos)
    donde: dict[str, list[str]] = {}
    for t in textos:
        for p in palabras(t.texto):
            donde.setdefault(p, [])
            lugar = f"{t.origen} — {t.lugar}"
            if lugar not in donde[p]:
                donde[p].append(lugar)
    minusculas = {a.lower() for a in aceptadas}
    malas = desconocidas(donde)
    return {p: donde[p] for p in sorted(malas) if p.lower() not in minusculas}
