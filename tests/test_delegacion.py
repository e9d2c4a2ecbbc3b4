"""Una solución que delega en código del curso vale 0 en su ejercicio, con la observación, por cualquier camino de calificación.

El corpus está en ``tests/delegacion/<asignacion>.toml``: cada ``[[delegacion]]`` trae ``ejercicio``
(grade_id de la celda de solución; su prueba es ``ejercicio + "_prueba"``), ``codigo`` (el texto
nuevo de esa celda) y ``llamada`` (el nombre completo que la observación debe nombrar).
Se califica por los tres caminos: ``python -m autograder calificar`` todo el corpus (con los demás, en
``tests/test_calificacion.py``); aquí, ``NbGraderAPI.autograde`` (lo que usa Formgrader) califica la solución
oficial y una delegación de cada lección, y ``nbgrader autograde`` en la carpeta del curso, la oficial y otra
delegación de la primera lección, la 09 y la última: la revisión que anula la delegación es el mismo
preprocesador en los tres caminos.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.clase import cuaderno_resuelto
from autograder.curso import CursoDeCalificacion, meta_nbgrader
from autograder.reparar import revisar
import corpus
from cuadernos import ASIGNACIONES, RAIZ

CASOS = corpus.cargar("delegacion")


def entrega(caso):
    """La solución oficial de la lección con la celda de ``caso.ejercicio`` reemplazada por ``caso.codigo``."""
    return corpus.cuaderno_de(caso, caso.asignacion)


def test_el_corpus_existe_y_esta_bien_formado():
    assert CASOS, "tests/delegacion/*.toml no tiene entradas"
    for caso in CASOS:
        assert (RAIZ / "source" / caso.asignacion).is_dir(), caso
        assert caso.llamada.startswith(("course.", "autograder.")), caso


@pytest.mark.parametrize("caso", CASOS, ids=lambda c: f"{c.asignacion}-{c.ejercicio}-{c.numero}")
def test_la_revision_anula_la_solucion_que_delega(caso, tmp_path):
    ruta = tmp_path / "entrega.ipynb"
    nbformat.write(entrega(caso), str(ruta))
    r = revisar(ruta, RAIZ / "release" / caso.asignacion / f"{caso.asignacion}.ipynb",
                RAIZ / "source" / caso.asignacion / f"{caso.asignacion}.ipynb")
    assert r.problemas == {"delegacion"}, r.observaciones
    assert any(f"`{caso.ejercicio}`" in o and caso.llamada in o and "vale 0" in o for o in r.observaciones), r.observaciones
    celda = next(c for c in r.cuaderno.cells if meta_nbgrader(c).get("grade_id") == caso.ejercicio)
    # La celda anulada ya no importa ni llama al curso: define la función, que lanza el error que lo explica.
    espacio: dict = {}
    exec(celda.source, espacio)  # noqa: S102
    with pytest.raises(RuntimeError, match="vale 0") as error:
        espacio[caso.ejercicio]()
    assert caso.llamada in str(error.value)


# ---------------------------------------------------------------------------------------------
# Por los tres caminos (las lecciones del corpus, un estudiante por entrada)
# ---------------------------------------------------------------------------------------------
LECCIONES = sorted({c.asignacion for c in CASOS})
#: Las lecciones que se califican también con ``nbgrader autograde`` en la terminal.
EN_LA_TERMINAL = sorted({LECCIONES[0], LECCIONES[-1], *(a for a in LECCIONES if a.startswith("09_"))})
API, TERMINAL = "NbGraderAPI.autograde", "nbgrader autograde"


def muestra(camino: str, asignacion: str) -> list:
    """La delegación de ``asignacion`` que califica ``camino``: la primera por la API, la segunda en la terminal."""
    casos = [c for c in CASOS if c.asignacion == asignacion]
    return [casos[(camino == TERMINAL) % len(casos)]] if casos else []


def _por_un_camino(camino: str, raiz: str, asignacion: str) -> dict:
    """Un curso propio con la solución oficial y cada delegación de la lección, calificado por ``camino``;
    devuelve lo que se comprueba (puntajes, anotación y marca de cada estudiante, revisión de la oficial)."""
    import json

    from nbgrader.api import Gradebook

    from autograder.exportar import anotacion
    from autograder.reparar import revision_anotada

    curso = CursoDeCalificacion(Path(raiz))
    curso.preparar([asignacion])
    entregas = {"oficial": cuaderno_resuelto(RAIZ, asignacion)} | {c.estudiante: entrega(c) for c in muestra(camino, asignacion)}
    for estudiante, nb in entregas.items():
        ruta = curso.raiz.parent / f"{estudiante}.ipynb"
        nbformat.write(nb, str(ruta))
        curso.entregar(estudiante, asignacion, ruta)
    fallas = []
    if camino == API:
        for estudiante in entregas:
            resultado = curso.calificar(asignacion, estudiante)
            if not resultado["success"]:
                fallas.append(f"{estudiante}: {resultado.get('error')}")
    else:
        entorno = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
        proceso = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", asignacion, "--force"], cwd=curso.raiz,
                                 env=entorno, capture_output=True, text=True, timeout=900)
        if proceso.returncode:
            fallas.append(proceso.stderr[-3000:])
    datos = {"fallas": fallas, "puntajes": {}, "anotaciones": {}}
    with Gradebook(f"sqlite:///{curso.raiz / 'gradebook.db'}") as gb:
        for estudiante in entregas:
            try:
                envio = gb.find_submission_notebook(asignacion, asignacion, estudiante)
            except Exception as error:  # noqa: BLE001 - la falla se reporta en la prueba
                datos["fallas"].append(f"{estudiante}: {error}")
                continue
            datos["puntajes"][estudiante] = {g.name: float(g.score) for g in envio.grades}
            datos["anotaciones"][estudiante] = (*anotacion(envio), envio.flagged)
    calificado = curso.raiz / "autograded" / "oficial" / asignacion / f"{asignacion}.ipynb"
    datos["revision_oficial"] = revision_anotada(json.loads(calificado.read_text(encoding="utf-8"))) if calificado.exists() else None
    return datos


@pytest.fixture(scope="module")
def caminos(tmp_path_factory):
    """``{(camino, asignacion): datos}``: cada lección por cada camino en su propio curso, todos a la vez en paralelo
    (cada camino es secuencial por dentro; un curso propio por lección evita escribir a la vez en un gradebook)."""
    from concurrent.futures import ProcessPoolExecutor

    trabajos = [(API, a) for a in ASIGNACIONES] + [(TERMINAL, a) for a in EN_LA_TERMINAL]
    with ProcessPoolExecutor(max_workers=corpus.procesos()) as grupo:
        futuros = {(camino, a): grupo.submit(_por_un_camino, camino, str(tmp_path_factory.mktemp(f"curso{a[:2]}") / "curso"), a)
                   for camino, a in trabajos}
        return {clave: f.result() for clave, f in futuros.items()}


def _comprobar(datos: dict, asignacion: str, camino: str) -> None:
    from autograder.calificar import ejercicios_de

    assert not datos["fallas"], f"{camino}: " + "\n".join(datos["fallas"])
    maximos = ejercicios_de(RAIZ, asignacion)
    assert datos["puntajes"]["oficial"] == maximos, f"{camino}: la solución oficial perdió puntos"
    for caso in muestra(camino, asignacion):
        esperado = {**maximos, caso.prueba: 0.0}
        assert datos["puntajes"][caso.estudiante] == esperado, f"{camino}: {caso}"


@pytest.mark.parametrize("asignacion", LECCIONES)
def test_nbgrader_api_autograde(caminos, asignacion):
    _comprobar(caminos[API, asignacion], asignacion, API)


@pytest.mark.parametrize("asignacion", EN_LA_TERMINAL)
def test_nbgrader_autograde_en_la_terminal(caminos, asignacion):
    datos = caminos[TERMINAL, asignacion]
    _comprobar(datos, asignacion, TERMINAL)
    (caso,) = muestra(TERMINAL, asignacion)
    estado, observaciones, marcada = datos["anotaciones"][caso.estudiante]
    assert marcada and estado == "solución que delega en el curso"
    assert any(caso.llamada in o for o in observaciones), observaciones
    estado, observaciones, marcada = datos["anotaciones"]["oficial"]
    assert (estado, observaciones) == ("calificada", []) and not marcada


# ---------------------------------------------------------------------------------------------
# La solución oficial de cada lección: calificada, sin observaciones, con todos los puntos
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_solucion_oficial_calificada_sin_observaciones(caminos, asignacion):
    """Por ``NbGraderAPI.autograde`` (el botón de Formgrader), con la revisión como preprocesador de nbgrader
    (la misma calificación de la oficial que usa ``test_nbgrader_api_autograde``)."""
    from autograder.calificar import ejercicios_de

    datos = caminos[API, asignacion]
    assert not [f for f in datos["fallas"] if f.startswith("oficial:")], datos["fallas"]
    assert datos["puntajes"]["oficial"] == ejercicios_de(RAIZ, asignacion)
    assert datos["revision_oficial"] == (set(), [])
    estado, observaciones, marcada = datos["anotaciones"]["oficial"]
    assert (estado, observaciones) == ("calificada", []) and not marcada
