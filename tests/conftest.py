"""Fijaciones comunes: semilla, figuras cerradas y paneles en modo estático."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["CURSO_ESTATICO"] = "1"

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def semilla_y_figuras():
    """Cada prueba empieza con la misma semilla y no deja figuras abiertas."""
    np.random.seed(0)
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def clase_calificada(tmp_path_factory):
    """``(curso, resultados)``: la clase de ejemplo de ``clase_calificada`` calificada una vez por sesión
    (la comparten retroalimentar y exportar, que la dejan como la encontraron)."""
    from clase_calificada import curso_calificado

    return curso_calificado(tmp_path_factory.mktemp("clase") / "curso")


#: Marcadores de las pruebas cuyos módulos no los declaran: módulo → marcador, o (módulo, prueba) → marcador.
#: ``lento``: ejecuta cuadernos o califica con nbgrader; ``navegador``: JupyterLab + Chromium.
_MARCAS = {
    "test_navegador": "navegador",
    "test_autograder": "lento",
    "test_autograder_cli": "lento",
    "test_autograder_entregas": "lento",
    "test_release": "lento",
    ("test_cuadernos", "test_fuente_valida_con_nbgrader"): "lento",
    ("test_cuadernos", "test_publicado_en_blanco_no_pasa"): "lento",
    "test_exportar": "lento",
    "test_retroalimentar": "lento",
    "test_mi_trabajo": "lento",
    "test_aislamiento": "lento",
    ("test_etiquetas", "test_la_etiqueta_no_cambia_la_calificacion"): "lento",
    ("test_delegacion", "test_nbgrader_api_autograde"): "lento",
    ("test_delegacion", "test_nbgrader_autograde_en_la_terminal"): "lento",
    ("test_delegacion", "test_solucion_oficial_calificada_sin_observaciones"): "lento",
}


def _modulo(item) -> str:
    return item.module.__name__.rpartition(".")[2] if getattr(item, "module", None) else ""


def pytest_collection_modifyitems(items):
    for item in items:
        modulo = _modulo(item)
        for clave in (modulo, (modulo, item.originalname)):
            if clave in _MARCAS:
                item.add_marker(getattr(pytest.mark, _MARCAS[clave]))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _repartir(items)


def _repartir(items) -> None:
    """Con xdist (``--dist loadfile``: un módulo entero por proceso, sus fijaciones de módulo se calculan una vez),
    los módulos de navegador y los lentos se reparten primero; los rápidos llenan los huecos al final."""
    costo = {}
    for item in items:
        clase = 0 if item.get_closest_marker("navegador") else 1 if item.get_closest_marker("lento") else 2
        costo[_modulo(item)] = min(clase, costo.get(_modulo(item), 2))
    items.sort(key=lambda item: costo[_modulo(item)])  # estable: cada módulo conserva su orden


def pytest_sessionstart(session):
    """Borra los resultados del corpus de la sesión anterior (solo el proceso principal)."""
    if not hasattr(session.config, "workerinput"):
        import shutil

        from corpus import RESULTADOS

        shutil.rmtree(RESULTADOS, ignore_errors=True)


def _cuenta(n: int, total: int) -> str:
    return f"{n}/{total}" + (f" ({100 * n / total:.0f} %)" if total else "")


def pytest_terminal_summary(terminalreporter):
    """Resumen de los corpus: mutantes, equivalentes, delegaciones, Validate y pistas."""
    from corpus import leer_guardados
    from cuadernos import CUESTIONARIO

    calificadas, validadas = leer_guardados("calificacion"), leer_guardados("validate")
    tiempo = leer_guardados("tiempo_validate").get("09_aplicaciones")
    if not calificadas and not validadas and not tiempo:
        return
    escribir = terminalreporter.write_line
    terminalreporter.section("corpus de calificación")
    if calificadas:
        lecciones = ", ".join(sorted(calificadas))
        escribir(f"lecciones calificadas: {lecciones}")
        mutantes = {k: v for d in calificadas.values() for k, v in d["mutantes"].items()}
        equivalentes = {k: v for d in calificadas.values() for k, v in d["equivalentes"].items()}
        delegaciones = {k: v for d in calificadas.values() for k, v in d["delegaciones"].items()}
        atrapados = [k for k, v in mutantes.items() if v["ejercicio"] in v["perdidos"]]
        exactos = [k for k, v in mutantes.items() if v["perdidos"] == [v["ejercicio"]]]
        escribir(f"mutantes atrapados: {_cuenta(len(atrapados), len(mutantes))}, "
                 f"cada uno cuesta solo su ejercicio: {_cuenta(len(exactos), len(mutantes))}")
        for k, v in mutantes.items():
            if v["perdidos"] != [v["ejercicio"]]:
                escribir(f"  {k}: perdió {v['perdidos']}")
        completos = [k for k, v in equivalentes.items() if not v["perdidos"] and v["estado"] == "calificada"]
        entregas = len({v.get("entrega") for v in equivalentes.values()})
        escribir(f"equivalentes con puntaje completo: {_cuenta(len(completos), len(equivalentes))} "
                 f"(en {entregas} entregas, a lo más uno por ejercicio en cada una)")
        for k, v in equivalentes.items():
            if k not in completos:
                escribir(f"  {k}: perdió {v['perdidos']} ({v['estado']})")
        if delegaciones:
            bien = [k for k, v in delegaciones.items() if v["perdidos"] == [v["ejercicio"]]]
            escribir(f"delegaciones que pierden solo su ejercicio: {_cuenta(len(bien), len(delegaciones))}")
        nombran = [k for k, v in mutantes.items() if v["nombra"]]
        escribir(f"pistas que nombran el error: {_cuenta(len(nombran), len(mutantes))}")
        for k in mutantes:
            if k not in nombran:
                escribir(f"  la pista no nombra el error: {k}")
    if validadas:
        todos = {k: v for d in validadas.values() for k, v in d.items()}
        # Una respuesta equivocada del cuestionario solo se reconoce con la clave, que no viaja con el estudiante.
        preguntas = {k for k, v in todos.items() if v["ejercicio"].startswith(CUESTIONARIO)}
        casos = {k: v for k, v in todos.items() if k not in preguntas}
        detectados = [k for k, v in casos.items() if v["fallas"]]
        escribir(f"mutantes que Validate detecta: {_cuenta(len(detectados), len(casos))} "
                 f"(lecciones: {', '.join(sorted(validadas))})")
        for k, v in casos.items():
            if not v["fallas"]:
                escribir(f"  Validate no ve: {k} (ejercicio {v['ejercicio'].removesuffix('_prueba')})")
        if preguntas:
            vistas = sorted(k for k in preguntas if todos[k]["fallas"])
            escribir(f"respuestas equivocadas del cuestionario validadas: {len(preguntas)} (una por lección), que Validate "
                     f"no distingue a propósito (la clave solo existe al calificar)"
                     f"{'; pero Validate vio: ' + ', '.join(vistas) if vistas else ''}")
    if tiempo:
        escribir(f"Validate de la lección 09 / mediana de las demás: {tiempo['cociente']:.2f} "
                 f"({tiempo['segundos']:.1f} s contra {tiempo['mediana_demas']:.1f} s)")
