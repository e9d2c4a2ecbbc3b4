"""Una solución que delega en código del curso vale 0 en su ejercicio, con la observación, por cualquier camino de calificación.

El corpus está en ``tests/delegacion/<asignacion>.toml``: cada ``[[delegacion]]`` trae ``ejercicio``
(grade_id de la celda de solución; su prueba es ``ejercicio + "_prueba"``), ``codigo`` (el texto
nuevo de esa celda) y ``llamada`` (el nombre completo que la observación debe nombrar).
Se califica por los tres caminos: ``python -m autograder calificar``, ``NbGraderAPI.autograde``
(lo que usa Formgrader) y ``nbgrader autograde`` en la carpeta del curso.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from autograder.clase import cuaderno_resuelto
from autograder.curso import CursoDeCalificacion, meta_nbgrader
from autograder.reparar import revisar
from cuadernos import RAIZ

CORPUS = Path(__file__).resolve().parent / "delegacion"


@dataclass(frozen=True)
class Delegacion:
    asignacion: str
    ejercicio: str
    codigo: str
    llamada: str
    numero: int

    @property
    def estudiante(self) -> str:
        return f"delega_{self.numero:02d}_{self.ejercicio}"

    @property
    def prueba(self) -> str:
        return f"{self.ejercicio}_prueba"


def cargar_corpus(carpeta: Path = CORPUS) -> list[Delegacion]:
    """Todas las entradas del corpus, en orden de archivo y de aparición."""
    casos = []
    for ruta in sorted(carpeta.glob("*.toml")):
        for numero, d in enumerate(tomllib.loads(ruta.read_text(encoding="utf-8")).get("delegacion", [])):
            casos.append(Delegacion(ruta.stem, d["ejercicio"], d["codigo"], d["llamada"], numero))
    return casos


CASOS = cargar_corpus()


def entrega(caso: Delegacion):
    """La solución oficial de la lección con la celda de ``caso.ejercicio`` reemplazada por ``caso.codigo``."""
    nb = cuaderno_resuelto(RAIZ, caso.asignacion)
    celdas = [c for c in nb.cells if meta_nbgrader(c).get("grade_id") == caso.ejercicio and meta_nbgrader(c).get("solution")]
    assert len(celdas) == 1, f"{caso.asignacion}: no hay celda de solución «{caso.ejercicio}»"
    celdas[0].source = caso.codigo.strip("\n")
    return nb


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
# Por los tres caminos (un curso, las lecciones del corpus, un estudiante por entrada)
# ---------------------------------------------------------------------------------------------
LECCIONES = sorted({c.asignacion for c in CASOS})


@pytest.fixture(scope="module")
def curso(tmp_path_factory):
    raiz = tmp_path_factory.mktemp("delegacion") / "curso"
    curso = CursoDeCalificacion(raiz)
    curso.preparar(LECCIONES)
    for asignacion in LECCIONES:
        oficial = tmp_path_factory.mktemp("oficial") / f"{asignacion}.ipynb"
        nbformat.write(cuaderno_resuelto(RAIZ, asignacion), str(oficial))
        curso.entregar("oficial", asignacion, oficial)
    for caso in CASOS:
        ruta = tmp_path_factory.mktemp("caso") / f"{caso.asignacion}.ipynb"
        nbformat.write(entrega(caso), str(ruta))
        curso.entregar(caso.estudiante, caso.asignacion, ruta)
    return curso


def _puntajes_gradebook(curso: CursoDeCalificacion, asignacion: str, estudiante: str) -> dict[str, float]:
    return {g: v[0] for g, v in curso.puntajes(asignacion, estudiante).items()}


def _comprobar(puntajes: dict[str, dict[str, float]], maximos: dict[str, float], asignacion: str, camino: str) -> None:
    assert puntajes["oficial"] == maximos, f"{camino}: la solución oficial perdió puntos"
    for caso in (c for c in CASOS if c.asignacion == asignacion):
        esperado = {**maximos, caso.prueba: 0.0}
        assert puntajes[caso.estudiante] == esperado, f"{camino}: {caso}"


@pytest.fixture(scope="module")
def por_calificar(curso):
    """Resultados de ``python -m autograder calificar`` (se corre primero: reparte entre trabajadores)."""
    from autograder.__main__ import main
    from autograder.calificar import resultados

    salida = {}
    for asignacion in LECCIONES:
        assert main(["calificar", "--curso", str(curso.raiz), "--asignacion", asignacion, "--trabajadores", "2",
                     "--limite-celda", "30", "--limite-cuaderno", "200"]) == 0
        salida[asignacion] = resultados(curso.raiz, asignacion)
    return salida


@pytest.mark.parametrize("asignacion", LECCIONES)
def test_calificar(por_calificar, asignacion):
    from autograder.calificar import ejercicios_de

    lista = {r.estudiante: r for r in por_calificar[asignacion]}
    maximos = ejercicios_de(RAIZ, asignacion)
    assert (lista["oficial"].estado, lista["oficial"].observaciones) == ("calificada", [])
    _comprobar({e: {g: v[0] for g, v in r.puntajes.items()} for e, r in lista.items()}, maximos, asignacion, "calificar")
    for caso in (c for c in CASOS if c.asignacion == asignacion):
        r = lista[caso.estudiante]
        assert r.estado == "solución que delega en el curso", r
        assert any(caso.llamada in o and "vale 0" in o for o in r.observaciones), r.observaciones
        assert caso.llamada in r.mensajes.get(caso.prueba, ""), r.mensajes


@pytest.mark.parametrize("asignacion", LECCIONES)
def test_nbgrader_api_autograde(curso, por_calificar, asignacion):
    from autograder.calificar import ejercicios_de

    puntajes = {}
    for estudiante in ["oficial", *(c.estudiante for c in CASOS if c.asignacion == asignacion)]:
        resultado = curso.calificar(asignacion, estudiante)
        assert resultado["success"], resultado.get("error")
        puntajes[estudiante] = _puntajes_gradebook(curso, asignacion, estudiante)
    _comprobar(puntajes, ejercicios_de(RAIZ, asignacion), asignacion, "NbGraderAPI.autograde")


@pytest.mark.parametrize("asignacion", LECCIONES)
def test_nbgrader_autograde_en_la_terminal(curso, por_calificar, asignacion):
    from nbgrader.api import Gradebook

    from autograder.calificar import ejercicios_de
    from autograder.exportar import anotacion

    estudiantes = ["oficial", *(c.estudiante for c in CASOS if c.asignacion == asignacion)]
    with Gradebook(f"sqlite:///{curso.raiz / 'gradebook.db'}") as gb:  # lo anotado por calificar no debe contar aquí
        for estudiante in estudiantes:
            envio = gb.find_submission_notebook(asignacion, asignacion, estudiante)
            envio.flagged = False
            for comentario in envio.comments:
                comentario.manual_comment = None
        gb.db.commit()
    entorno = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    proceso = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", asignacion, "--force"], cwd=curso.raiz,
                             env=entorno, capture_output=True, text=True, timeout=900)
    assert proceso.returncode == 0, proceso.stderr[-3000:]
    puntajes = {e: _puntajes_gradebook(curso, asignacion, e) for e in estudiantes}
    _comprobar(puntajes, ejercicios_de(RAIZ, asignacion), asignacion, "nbgrader autograde")
    with Gradebook(f"sqlite:///{curso.raiz / 'gradebook.db'}") as gb:
        for caso in (c for c in CASOS if c.asignacion == asignacion):
            envio = gb.find_submission_notebook(asignacion, asignacion, caso.estudiante)
            estado, observaciones = anotacion(envio)
            assert envio.flagged and estado == "solución que delega en el curso"
            assert any(caso.llamada in o for o in observaciones), observaciones
        oficial = gb.find_submission_notebook(asignacion, asignacion, "oficial")
        assert anotacion(oficial) == ("calificada", []) and not oficial.flagged


# ---------------------------------------------------------------------------------------------
# La solución oficial de cada lección: calificada, sin observaciones, con todos los puntos
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def todas(tmp_path_factory):
    from autograder.curso import asignaciones

    raiz = tmp_path_factory.mktemp("oficiales") / "curso"
    curso = CursoDeCalificacion(raiz)
    curso.preparar(asignaciones())
    for asignacion in asignaciones():
        ruta = tmp_path_factory.mktemp("oficial") / f"{asignacion}.ipynb"
        nbformat.write(cuaderno_resuelto(RAIZ, asignacion), str(ruta))
        curso.entregar("oficial", asignacion, ruta)
    return curso


@pytest.mark.parametrize("asignacion", sorted(p.name for p in (RAIZ / "source").iterdir() if p.is_dir()))
def test_solucion_oficial_calificada_sin_observaciones(todas, asignacion):
    """Por ``NbGraderAPI.autograde`` (el botón de Formgrader), con la revisión como preprocesador de nbgrader."""
    import json

    from nbgrader.api import Gradebook

    from autograder.calificar import ejercicios_de
    from autograder.exportar import anotacion
    from autograder.reparar import revision_anotada

    resultado = todas.calificar(asignacion, "oficial")
    assert resultado["success"], resultado.get("error")
    assert _puntajes_gradebook(todas, asignacion, "oficial") == ejercicios_de(RAIZ, asignacion)
    calificado = todas.raiz / "autograded" / "oficial" / asignacion / f"{asignacion}.ipynb"
    assert revision_anotada(json.loads(calificado.read_text(encoding="utf-8"))) == (set(), [])
    with Gradebook(f"sqlite:///{todas.raiz / 'gradebook.db'}") as gb:
        envio = gb.find_submission_notebook(asignacion, asignacion, "oficial")
        assert anotacion(envio) == ("calificada", []) and not envio.flagged
