"""El español que leen los estudiantes: ortografía con hunspell (es_MX) y una sola terminología.

Se revisan el markdown de cada cuaderno fuente, los mensajes (cadenas con espacios) de sus celdas
de código y los de course/pruebas.py. Las palabras que el diccionario no trae pero son correctas
van en tests/ortografia/*.txt; los sinónimos prohibidos, en la sección «Términos que no se usan»
de course/glosario.md.
"""

from __future__ import annotations


import nbformat
import pytest
from requisitos import saltar_o_fallar

from cuadernos import FUENTES, RAIZ
from ortografia.revisor import (
    Texto,
    cadenas_python,
    falta_hunspell,
    limpiar_markdown,
    palabras,
    palabras_del_proyecto,
    palabras_no_aceptadas,
    sin_acentos,
    sugerencias,
    textos_de_cuaderno,
    textos_de_modulo,
)
from ortografia.terminologia import patron, reglas, terminos, usos_prohibidos

MODULOS = [RAIZ / "course" / "pruebas.py"]
SIN_ACENTO = ("informacion", "funcion", "despues")


@pytest.fixture(scope="module")
def hunspell():
    falta = falta_hunspell()
    if falta:
        saltar_o_fallar(f"Revisión ortográfica imposible: {falta}.")


@pytest.fixture(scope="module")
def aceptadas() -> set[str]:
    return palabras_del_proyecto()


def _reporte(malas: dict[str, list[str]]) -> str:
    renglones = [f"  {palabra} — {lugar}" for palabra, lugares in malas.items() for lugar in lugares]
    return (
        f"{len(malas)} palabras que el diccionario es_MX no conoce (corrige la errata o, si la palabra "
        "es correcta, agrégala a tests/ortografia/*.txt):\n" + "\n".join(renglones)
    )


# --- El curso ---


@pytest.mark.parametrize("fuente", FUENTES, ids=lambda p: p.parent.name)
def test_ortografia_del_cuaderno(hunspell, aceptadas, fuente):
    malas = palabras_no_aceptadas(textos_de_cuaderno(fuente), aceptadas)
    assert not malas, _reporte(malas)


@pytest.mark.parametrize("modulo", MODULOS, ids=lambda p: str(p.relative_to(RAIZ)))
def test_ortografia_de_los_mensajes_de_prueba(hunspell, aceptadas, modulo):
    textos = textos_de_modulo(modulo)
    assert len(textos) > 10, "no se encontraron los mensajes del módulo"
    malas = palabras_no_aceptadas(textos, aceptadas)
    assert not malas, _reporte(malas)


def test_ortografia_y_terminologia_del_resumen(hunspell, aceptadas):
    textos = [Texto("resumen.md", "hoja de resumen", limpiar_markdown((RAIZ / "course" / "resumen.md").read_text(encoding="utf-8")))]
    malas = palabras_no_aceptadas(textos, aceptadas)
    assert not malas, _reporte(malas)
    hallazgos = usos_prohibidos(textos, reglas())
    assert not hallazgos, "Términos fuera del glosario (course/glosario.md):\n" + "\n".join(hallazgos)


def test_ortografia_del_glosario(hunspell, aceptadas):
    textos = [Texto("glosario.md", "tabla de términos", limpiar_markdown(t)) for t in terminos()]
    textos += [Texto("glosario.md", "términos que no se usan", p) for _, p in reglas()]
    malas = palabras_no_aceptadas(textos, aceptadas)
    assert not malas, _reporte(malas)


@pytest.mark.parametrize("fuente", FUENTES, ids=lambda p: p.parent.name)
def test_terminologia_del_cuaderno(fuente):
    hallazgos = usos_prohibidos(textos_de_cuaderno(fuente), reglas())
    assert not hallazgos, "Términos fuera del glosario (course/glosario.md):\n" + "\n".join(hallazgos)


@pytest.mark.parametrize("modulo", MODULOS, ids=lambda p: str(p.relative_to(RAIZ)))
def test_terminologia_de_los_mensajes_de_prueba(modulo):
    hallazgos = usos_prohibidos(textos_de_modulo(modulo), reglas())
    assert not hallazgos, "Términos fuera del glosario (course/glosario.md):\n" + "\n".join(hallazgos)


# --- Las herramientas de revisión ---


def test_la_lista_del_proyecto_no_acepta_palabras_sin_su_acento(hunspell, aceptadas):
    """Una palabra de la lista que el diccionario conoce con tilde es una errata tapada."""
    assert not {a.lower() for a in aceptadas} & set(SIN_ACENTO)
    tapadas = [
        f"{palabra} (¿{propuesta}?)"
        for palabra, propuestas in sugerencias(aceptadas).items()
        for propuesta in propuestas
        if sin_acentos(palabra) == palabra.lower()
        and sin_acentos(propuesta) == sin_acentos(palabra)
        and propuesta.lower() != palabra.lower()
    ]
    assert not tapadas, f"palabras sin acento en tests/ortografia/*.txt: {tapadas}"


def test_el_revisor_atrapa_palabras_sin_acento(hunspell, aceptadas, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Guarda la informacion del estado oculto $h_t$.", id="texto_malo"),
        nbformat.v4.new_code_cell('assert ok, "revisa tu funcion: el sesgo va despues del producto"', id="prueba_mala"),
        nbformat.v4.new_markdown_cell("Guarda la información y después la función.", id="texto_bueno"),
    ]
    ruta = tmp_path / "leccion_con_erratas.ipynb"
    nbformat.write(nb, str(ruta))
    malas = palabras_no_aceptadas(textos_de_cuaderno(ruta), aceptadas)
    assert set(malas) == set(SIN_ACENTO)
    assert malas["informacion"] == ["leccion_con_erratas.ipynb — celda texto_malo"]
    assert malas["funcion"] == ["leccion_con_erratas.ipynb — celda prueba_mala, renglón 1"]
    assert "leccion_con_erratas.ipynb — celda prueba_mala, renglón 1" in _reporte(malas)


def test_la_limpieza_deja_solo_la_prosa():
    texto = (
        "Calcula $h_t = \\tanh(W x)$, \\(\\rho^kk\\) y $$\\sigma(z)$$ con `np.tanh(zz)` en [la guía](https://ejemplo.mx/qqq).\n"
        "<b>Ojo</b>&nbsp;con n_h, h0, np.linalg.norm y softplus(x): _cursiva_ y __negrita__.\n"
        "```python\nxyzzy = 1\n```\n"
    )
    assert palabras(limpiar_markdown(texto)) == [
        "Calcula", "con", "en", "la", "guía", "Ojo", "con", "cursiva", "negrita",
    ]


def test_cadenas_python_toma_solo_los_mensajes():
    codigo = (
        "%matplotlib inline\n"
        'comprobar_forma(h, (2, 2), "h_t", pista="h_t tiene una fila por unidad.")\n'
        'raise AssertionError(f"`{nombre}` tiene forma {a.shape}, se esperaba {b}.")\n'
        'np.einsum("ih,hmt->imt", W, H)\n'
    )
    assert cadenas_python(codigo) == [
        (2, "h_t tiene una fila por unidad."),
        (3, "` ` tiene forma  , se esperaba  ."),  # un espacio por cada {…}
    ]


def test_el_glosario_define_sinonimos_prohibidos_coherentes():
    lista = reglas()
    assert len(lista) >= 10
    vistos = set()
    for prohibido, preferido in lista:
        assert prohibido not in vistos, f"«{prohibido}» está dos veces"
        vistos.add(prohibido)
        assert not patron(prohibido).search(preferido), f"«{preferido}» contiene el término prohibido «{prohibido}»"
    for termino in ("compuerta de olvido", "estado de la celda", "estado oculto"):
        assert any(termino in t for t in terminos()), f"falta «{termino}» en la tabla del glosario"


def test_la_terminologia_atrapa_sinonimos():
    textos = [
        Texto("a.ipynb", "celda 1", "La puerta\nde olvido decide qué se borra del Estado de celda."),
        Texto("a.ipynb", "celda 2", "El estado de la celda y la compuerta de olvido."),
        Texto("a.ipynb", "celda 3", "Sin **gradiente desvaneciente**, una capa de olvido."),
    ]
    hallazgos = usos_prohibidos(textos, reglas())
    assert any("«puerta de olvido»" in h and "celda 1" in h for h in hallazgos)
    assert any("«estado de celda»" in h and "celda 1" in h for h in hallazgos)
    assert any("«gradiente desvaneciente»" in h and "celda 3" in h for h in hallazgos)
    assert any("«capa de olvido»" in h and "celda 3" in h for h in hallazgos)
    assert not any("celda 2" in h for h in hallazgos)
