"""Todo el camino del instructor sobre la clase de ejemplo: zip de Moodle → importar → calificar → retroalimentar → exportar.

Cada entrega problemática del issue recibe una calificación justa y un estado claro, sin afectar a las demás.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from autograder.calificar import Limites, calificar, resultados
from autograder.clase import CASOS_HOSTILES, fabricar_clase, nombre_visible
from autograder.curso import CursoDeCalificacion
from autograder.exportar import exportar
from autograder.importar import empaquetar, identificador, importar
from autograder.nucleo import diagnostico
from autograder.retroalimentar import retroalimentar
from requisitos import saltar_o_fallar
from cuadernos import ASIGNACIONES, CUESTIONARIO, RAIZ, celdas_calificadas, leer, meta

ASIGNACION = ASIGNACIONES[0]
LIMITES = Limites(celda=5, cuaderno=60, memoria_mib=1024, salida=20_000)


def _nombre(caso: str) -> str:
    nombre = nombre_visible(caso)
    assert identificador(nombre) == caso
    return nombre


def _pruebas_por_solucion() -> list[str]:
    """Para cada celda de solución, en orden, el grade_id de la celda de prueba que la sigue."""
    nb = leer(RAIZ / "source" / ASIGNACION / f"{ASIGNACION}.ipynb")
    salida, pendiente = [], False
    for celda in nb.cells:
        if meta(celda).get("solution"):
            pendiente = True
        elif meta(celda).get("grade") and pendiente:
            salida.append(meta(celda)["grade_id"])
            pendiente = False
    return salida


PRUEBAS = _pruebas_por_solucion()
POSIBLES = celdas_calificadas(leer(RAIZ / "source" / ASIGNACION / f"{ASIGNACION}.ipynb"))


@pytest.fixture(scope="module")
def curso(tmp_path_factory):
    if not diagnostico().disponible:
        saltar_o_fallar(f"Sin aislamiento de núcleos: {diagnostico().motivo}.")
    raiz = tmp_path_factory.mktemp("clase") / "curso"
    # Lo que deje otra corrida (p. ej. un nbgrader sin caja) no debe decidir la prueba de manipulación.
    Path("/tmp/calificador_hackeo.txt").unlink(missing_ok=True)
    CursoDeCalificacion(raiz).preparar([ASIGNACION])
    clase = fabricar_clase(RAIZ, ASIGNACION)
    zip_lms = raiz / "descarga.zip"
    zip_lms.write_bytes(empaquetar({_nombre(c): v for c, v in clase.items()}, "moodle"))
    informe = importar(zip_lms, raiz, ASIGNACION)
    # Una carpeta temporal propia (y corta, por los sockets): lo que quede en ella al final lo dejó esta calificación.
    temporal = Path(tempfile.mkdtemp(prefix="ag-", dir="/tmp"))
    creadas: list[str] = []
    crear = tempfile.mkdtemp
    with pytest.MonkeyPatch.context() as parche:
        parche.setenv("TMPDIR", str(temporal))
        parche.setattr(tempfile, "tempdir", str(temporal))
        parche.setattr(tempfile, "mkdtemp", lambda *a, **k: creadas.append(crear(*a, **k)) or creadas[-1])
        lista = calificar(raiz, ASIGNACION, trabajadores=2, limites=LIMITES)
    restos = sorted(str(p.relative_to(temporal)) for p in temporal.rglob("*"))
    shutil.rmtree(temporal, ignore_errors=True)
    retroalimentar(raiz, ASIGNACION)
    rutas = exportar(raiz, ASIGNACION)
    por_caso = {}
    for r in lista:
        caso = re.sub(r"_\d+$", "", r.estudiante)
        por_caso[caso] = r
    return {"raiz": raiz, "clase": clase, "informe": informe, "por_caso": por_caso, "rutas": rutas,
            "temporal": (temporal, creadas, restos)}


def test_calificar_no_deja_nucleos_ni_conexiones(curso):
    """Ni carpetas ``nk-*`` ni archivos de conexión en la carpeta temporal: tampoco de los núcleos que murieron,
    se reiniciaron o agotaron su tiempo en la clase hostil, ni del que quedaba de reserva."""
    temporal, creadas, restos = curso["temporal"]
    assert any(Path(c).parent == temporal and Path(c).name.startswith("nk-") for c in creadas)  # los núcleos iban ahí
    assert restos == []


def _perdidas(r) -> list[str]:
    return sorted(g for g, (obtenido, posible) in r.puntajes.items() if obtenido < posible)


# caso → (estados aceptados, pruebas perdidas: "ninguna", "todas" o índices de solución)
ESPERADO = {
    "solucion_completa": ({"calificada"}, []),
    "en_blanco": ({"calificada"}, "todas"),
    "json_corrupto": ({"cuaderno ilegible"}, "todas"),
    "archivo_vacio": ({"cuaderno ilegible"}, "todas"),
    "nombre_equivocado": ({"nombre de archivo corregido"}, []),
    "prueba_borrada": ({"celda de prueba eliminada"}, []),
    "prueba_editada": ({"celda de prueba alterada"}, [0]),
    "prueba_markdown": ({"celda de prueba alterada"}, []),
    "id_duplicado": ({"grade_id duplicado"}, []),
    "id_renombrado": ({"grade_id renombrado"}, []),
    "excepcion_temprana": ({"calificada"}, [0]),
    "ciclo_infinito": ({"tiempo agotado"}, [1]),
    "impresion_sin_fin": ({"salida excesiva"}, [0]),
    "bomba_memoria": ({"memoria agotada"}, [2]),
    "os_exit": ({"núcleo detenido"}, [1]),
    "advertencia": ({"calificada"}, []),
    "manipulacion": ({"posible manipulación"}, [0]),
    "nota_fingida": ({"calificada"}, [0]),
}


def test_cubre_todos_los_casos_del_issue():
    assert set(CASOS_HOSTILES) <= set(ESPERADO)


@pytest.mark.parametrize("caso", sorted(ESPERADO))
def test_calificacion_justa_y_estado_claro(curso, caso):
    r = curso["por_caso"][caso]
    estados, perdidas = ESPERADO[caso]
    assert r.estado in estados, (r.estado, r.observaciones)
    if perdidas == "todas":
        esperadas = sorted(POSIBLES)
    else:
        esperadas = sorted(PRUEBAS[i] for i in perdidas)
    assert _perdidas(r) == esperadas, (r.observaciones, r.mensajes)
    assert r.maximo == sum(POSIBLES.values())


def test_trabajo_parcial_y_error_tipico(curso):
    parcial = curso["por_caso"]["trabajo_parcial"]
    mitad = max(1, len(PRUEBAS) // 2)
    assert _perdidas(parcial) == sorted(PRUEBAS[mitad:])
    tipico = curso["por_caso"]["error_tipico"]
    assert len(_perdidas(tipico)) == 1 and tipico.mensajes[_perdidas(tipico)[0]]


def test_mensajes_en_espanol_de_las_pruebas(curso):
    blanco = curso["por_caso"]["en_blanco"]
    # Un ejercicio sin resolver dice qué función falta; una pregunta sin responder pide una opción válida.
    for prueba, mensaje in blanco.mensajes.items():
        assert ("todavía no tiene una respuesta válida" if prueba.startswith(CUESTIONARIO) else "NotImplementedError") in mensaje, (
            prueba, mensaje)
    assert any(p.startswith(CUESTIONARIO) for p in blanco.mensajes)
    tipico = curso["por_caso"]["error_tipico"]
    assert "AssertionError" in next(iter(tipico.mensajes.values()))


def test_salida_truncada_mientras_corre(curso):
    r = curso["por_caso"]["impresion_sin_fin"]
    ruta = curso["raiz"] / "autograded" / r.estudiante / ASIGNACION / f"{ASIGNACION}.ipynb"
    nb = nbformat.read(str(ruta), as_version=4)
    texto = sum(len(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert texto < LIMITES.salida + 5_000
    # El núcleo cortó el ciclo en cuanto pasó el tope, sin esperar el tiempo límite de la celda.
    errores = [o.get("ename") for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert "SalidaExcesiva" in errores and "TiempoAgotado" not in errores


def test_manipulacion_no_escribe_fuera_ni_usa_la_red(curso):
    r = curso["por_caso"]["manipulacion"]
    assert not list(curso["raiz"].rglob("gradebook_hackeo.txt"))
    ruta = curso["raiz"] / "autograded" / r.estudiante / ASIGNACION / f"{ASIGNACION}.ipynb"
    salida = "".join(o.get("text", "") for c in nbformat.read(str(ruta), as_version=4).cells
                     if c.cell_type == "code" for o in c.get("outputs", []))
    assert "escritura bloqueada" in salida
    # En su caja: /tmp es suyo (no el de la máquina), sin red, sin soluciones ni gradebook a la vista.
    assert not Path("/tmp/calificador_hackeo.txt").exists()
    assert salida.count("escritura bloqueada") == 1
    assert "red: bloqueada" in salida
    assert "fuentes visibles: 0" in salida and "gradebook legible: 0" in salida


def test_cada_entrega_del_zip_aparece_en_el_csv(curso):
    with curso["rutas"]["csv"].open(encoding="utf-8") as f:
        filas = list(csv.DictReader(f))
    assert len(filas) == len(curso["clase"])
    columnas = [g.removesuffix("_prueba") for g in POSIBLES]
    assert list(filas[0])[:2] == ["estudiante", "estado"] and all(c in filas[0] for c in columnas)
    assert all(f["estado"] for f in filas)


def test_resumen_y_grafica(curso):
    texto = curso["rutas"]["resumen"].read_text(encoding="utf-8")
    assert "Distribución de puntajes" in texto and "Ejercicios más fallados" in texto
    assert curso["rutas"]["grafica"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _lineas_ocultas() -> list[str]:
    texto = (RAIZ / "source" / ASIGNACION / f"{ASIGNACION}.ipynb").read_text(encoding="utf-8")
    nb = json.loads(texto)
    lineas = []
    for celda in nb["cells"]:
        fuente = "".join(celda["source"])
        for bloque in re.findall(r"BEGIN HIDDEN TESTS(.*?)END HIDDEN TESTS", fuente, flags=re.S):
            lineas += [l.strip() for l in bloque.splitlines() if len(l.strip()) > 20]
    return lineas


def test_retroalimentacion_sin_pruebas_ocultas(curso):
    paginas = sorted((curso["raiz"] / "feedback").rglob("*.html"))
    assert len(paginas) == len(resultados(curso["raiz"], ASIGNACION))
    ocultas = _lineas_ocultas()
    assert ocultas
    import html

    for pagina in paginas:
        texto = html.unescape(pagina.read_text(encoding="utf-8"))
        assert "HIDDEN TESTS" not in texto
        assert not [l for l in ocultas if l in texto], pagina
    blanco = curso["por_caso"]["en_blanco"]
    texto = (curso["raiz"] / "feedback" / blanco.estudiante / ASIGNACION / f"{ASIGNACION}.html").read_text(encoding="utf-8")
    assert "✘ no aprobado" in texto and "Comprobaciones" in texto
    completa = curso["por_caso"]["solucion_completa"]
    texto = (curso["raiz"] / "feedback" / completa.estudiante / ASIGNACION / f"{ASIGNACION}.html").read_text(encoding="utf-8")
    assert "✘" not in texto and "✔ aprobado" in texto
