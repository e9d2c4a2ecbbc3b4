"""Cada lección dice al principio cuánto toma y qué pide antes, igual que el README, y responde las preguntas de sus paneles."""

from __future__ import annotations

import re

import nbformat
import pytest

from cuadernos import ASIGNACIONES, RAIZ, leer

#: El párrafo que sigue al título de cada lección (CONTENIDO.md §1).
_CABECERA = re.compile(r"\*\*Tiempo estimado:\*\* unos (\d+) minutos\. \*\*Antes de empezar:\*\* \S.*")
#: Una celda de código que muestra un panel: ``panel_algo(…).mostrar()``.
_PANEL = re.compile(r"^\s*panel_\w+\(.*\)\.mostrar\(\)", re.M)
#: Bloque plegable con las respuestas, con los renglones en blanco que JupyterLab necesita para el markdown de dentro.
_RESPUESTAS = re.compile(r"<details>\n<summary>Respuestas?</summary>\n\n(.+?)\n\n</details>", re.S)


def _cuaderno(asignacion: str):
    return leer(RAIZ / "source" / asignacion / f"{asignacion}.ipynb")


def cabecera(nb) -> re.Match | None:
    """El párrafo de tiempo y requisitos si va justo después del título de la primera celda de markdown."""
    primera = next(c for c in nb.cells if c.cell_type == "markdown")
    titulo, _, resto = primera.source.partition("\n\n")
    if not titulo.startswith("# Lección "):
        return None
    return _CABECERA.fullmatch(resto.partition("\n\n")[0].strip())


def preguntas_de_paneles(nb) -> list[nbformat.NotebookNode]:
    """Las celdas de markdown que preceden a una celda que muestra un panel (la que lo explica y pregunta)."""
    celdas = nb.cells
    return [celdas[i - 1] for i, c in enumerate(celdas)
            if c.cell_type == "code" and _PANEL.search(c.source) and i > 0 and celdas[i - 1].cell_type == "markdown"]


def tiempos_del_readme(texto: str | None = None) -> dict[str, int]:
    """``{lección: minutos}`` de la tabla de lecciones del README (columna «tiempo estimado»; -1 si no dice «N min»)."""
    tiempos, columna = {}, None
    texto = (RAIZ / "README.md").read_text(encoding="utf-8") if texto is None else texto
    for renglon in texto.splitlines():
        celdas = [c.strip() for c in renglon.strip().strip("|").split("|")] if renglon.startswith("|") else []
        if "tiempo estimado" in celdas:
            columna = celdas.index("tiempo estimado")
        elif columna is not None and celdas and (nombre := re.fullmatch(r"`(\d\d_\w+)`", celdas[0])):
            minutos = re.fullmatch(r"(\d+) min", celdas[columna])
            tiempos[nombre.group(1)] = int(minutos.group(1)) if minutos else -1
        elif not celdas:
            columna = None
    return tiempos


@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_cabecera_con_tiempo_y_requisitos(asignacion):
    encontrada = cabecera(_cuaderno(asignacion))
    assert encontrada, (f"{asignacion}: después del título (# Lección NN · …) falta el párrafo «**Tiempo estimado:** "
                        "unos N minutos. **Antes de empezar:** …»")
    assert int(encontrada.group(1)) % 15 == 0, f"{asignacion}: el tiempo estimado ({encontrada.group(1)} min) va en múltiplos de 15"


@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_el_readme_da_el_mismo_tiempo(asignacion):
    encontrada = cabecera(_cuaderno(asignacion))
    assert encontrada, f"{asignacion}: la lección no tiene su párrafo de tiempo estimado"
    tiempos = tiempos_del_readme()
    assert asignacion in tiempos, f"la tabla de lecciones del README no tiene el renglón de `{asignacion}`"
    assert tiempos[asignacion] == int(encontrada.group(1)), (
        f"{asignacion}: el README dice {tiempos[asignacion]} min y la lección, unos {encontrada.group(1)} minutos")


@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_las_preguntas_de_cada_panel_tienen_respuestas(asignacion):
    for celda in preguntas_de_paneles(_cuaderno(asignacion)):
        if "?" not in celda.source:
            continue
        bloque = _RESPUESTAS.search(celda.source)
        assert bloque, (f"{asignacion}, celda {celda.id}: pregunta sobre el panel que sigue y le falta su bloque "
                        "<details><summary>Respuestas</summary>, con un renglón en blanco después de </summary> y "
                        "antes de </details>")
        assert bloque.group(1).strip(), f"{asignacion}, celda {celda.id}: el bloque de respuestas está vacío"


# --- el revisor mismo: que atrape lo que debe atrapar ------------------------------------------------
def _nb(*celdas):
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(t[5:]) if t.startswith("code:") else nbformat.v4.new_markdown_cell(t) for t in celdas])


def test_la_cabecera_va_justo_despues_del_titulo():
    bien = "# Lección 03 · X\n\n**Tiempo estimado:** unos 60 minutos. **Antes de empezar:** la lección 02.\n\nTexto."
    assert cabecera(_nb(bien)).group(1) == "60"
    assert cabecera(_nb("# Lección 03 · X\n\nTexto.\n\n**Tiempo estimado:** unos 60 minutos. **Antes de empezar:** "
                        "la lección 02.")) is None
    assert cabecera(_nb("# Lección 03 · X\n\n**Tiempo estimado:** 60 min. **Antes de empezar:** nada.")) is None
    assert cabecera(_nb("# Lección 03 · X\n\n**Tiempo estimado:** unos 60 minutos. **Antes de empezar:**")) is None


def test_las_celdas_de_panel_se_reconocen():
    nb = _nb("Texto ¿qué pasa?", "code:panel_olvido().mostrar()", "Otra", "code:x = 1",
             "¿Y aquí?", "code:panel_recorte(recortar_gradiente).mostrar()")
    assert [c.source for c in preguntas_de_paneles(nb)] == ["Texto ¿qué pasa?", "¿Y aquí?"]


def test_el_bloque_de_respuestas_pide_renglones_en_blanco():
    assert _RESPUESTAS.search("¿a?\n\n<details>\n<summary>Respuestas</summary>\n\n* **¿a?** Sí.\n\n</details>")
    assert not _RESPUESTAS.search("¿a?\n\n<details>\n<summary>Respuestas</summary>\n* **¿a?** Sí.\n</details>")


def test_la_tabla_del_readme_se_lee():
    tabla = ("| lección | qué cubre | tiempo estimado | antes de empezar |\n|---|---|---|---|\n"
             "| `01_a` | algo | 90 min | nada |\n| `02_b` | otra | un rato | 01 |\n\n| `03_c` | fuera | 30 min |")
    assert tiempos_del_readme(tabla) == {"01_a": 90, "02_b": -1}
    tiempos = tiempos_del_readme()
    assert all(m > 0 for m in tiempos.values()), f"renglones del README sin «N min» en la columna de tiempo: {tiempos}"
